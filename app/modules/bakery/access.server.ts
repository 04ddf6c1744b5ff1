// Who may see which part of the bakery module: the producer side works on its own customers, the
// retailer side on its own relations. A relation the actor is not a party of answers 404.
import type { Tx } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import type { Action } from "~/utils/permissions";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";

export type RetailRelationRef = { id: string; producerId: string; partnerId: string; status: string; side: "producer" | "retailer" };

function notFound(): AppError {
  return new AppError("not_found", "error.not_found");
}

/** A producer-side action on the producer's own data (intake, production, shops, settings). */
export function requireProducerAction(actor: OrgActor, action: Action): string {
  if (actor.orgKind !== "PRODUCER") throw new AppError("forbidden", "error.forbidden");
  requirePermission(actor, action);
  return actor.orgId;
}

/** A retail relation the actor is a party of (producer or retailer), checked inside `tx`. */
export async function loadRetailRelation(tx: Tx, actor: OrgActor, relationId: string): Promise<RetailRelationRef> {
  if (actor.orgKind !== "PRODUCER" && actor.orgKind !== "RETAILER") throw notFound();
  const relation = await tx.relation.findFirst({
    where: { id: relationId, kind: "RETAIL", ...(actor.orgKind === "PRODUCER" ? { producerId: actor.orgId } : { partnerId: actor.orgId }) },
    select: { id: true, producerId: true, partnerId: true, status: true },
  });
  if (!relation || !relation.partnerId) throw notFound();
  return { ...relation, partnerId: relation.partnerId, side: actor.orgKind === "PRODUCER" ? "producer" : "retailer" };
}

/** The ACTIVE retail relation between a producer and the acting retailer (404 otherwise). */
export async function loadRetailerRelationWith(tx: Tx, actor: OrgActor, producerId: string): Promise<RetailRelationRef> {
  if (actor.orgKind !== "RETAILER") throw new AppError("forbidden", "error.forbidden");
  const relation = await tx.relation.findFirst({
    where: { producerId, partnerId: actor.orgId, kind: "RETAIL", status: "ACTIVE" },
    select: { id: true, producerId: true, partnerId: true, status: true },
  });
  if (!relation) throw notFound();
  return { ...relation, partnerId: actor.orgId, side: "retailer" };
}
