import { getDb } from "~/utils/db.server";
import type { OrgActor } from "../org/actor";

export async function getMe(actor: OrgActor) {
  const db = getDb();
  const [user, org] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { id: true, email: true, name: true } }),
    db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { id: true, slug: true, name: true, kind: true } }),
  ]);
  return { user, organization: org, role: actor.role };
}
