// The home page's counters: what needs the user now.
import { getDb } from "~/utils/db.server";
import type { OrgActor } from "./actor";

export async function getHomeSummary(actor: OrgActor) {
  const db = getDb();
  const mine = { OR: [{ producerId: actor.orgId }, { partnerId: actor.orgId }] };
  const [activeRelations, pendingRelations, products, members] = await Promise.all([
    db.relation.count({ where: { ...mine, status: "ACTIVE" } }),
    db.relation.count({ where: { status: "PENDING", partnerId: actor.orgId } }),
    actor.orgKind === "PRODUCER" ? db.product.count({ where: { producerId: actor.orgId, active: true } }) : Promise.resolve(0),
    db.membership.count({ where: { organizationId: actor.orgId } }),
  ]);
  return { activeRelations, pendingRelations, products, members };
}
