// Turns (user, organization slug) into an actor, and checks actions against the permission matrix.
import { AppError } from "~/utils/errors";
import { getDb } from "~/utils/db.server";
import { can, isOrgKind, isRole, type Action } from "~/utils/permissions";
import type { OrgActor } from "./actor";

export async function loadActor(user: { id: string; name: string }, orgSlug: string): Promise<OrgActor> {
  const membership = await getDb().membership.findFirst({
    where: { userId: user.id, organization: { slug: orgSlug } },
    include: { organization: { select: { id: true, slug: true, name: true, kind: true } } },
  });
  // Not a member and no such organization look the same: 404.
  if (!membership) throw new AppError("not_found", "error.not_found");
  const { organization: org } = membership;
  if (!isOrgKind(org.kind) || !isRole(membership.role)) throw new AppError("internal", "Corrupt membership");
  return { userId: user.id, userName: user.name, orgId: org.id, orgSlug: org.slug, orgName: org.name, orgKind: org.kind, role: membership.role };
}

export function requirePermission(actor: OrgActor, action: Action): void {
  if (!can({ role: actor.role, kind: actor.orgKind }, action)) throw new AppError("forbidden", "error.forbidden");
}

export function actorCan(actor: OrgActor, action: Action): boolean {
  return can({ role: actor.role, kind: actor.orgKind }, action);
}
