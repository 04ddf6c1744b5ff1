// Turns (user, organization slug) into an actor, and checks actions against the permission matrix.
import { AppError } from "~/utils/errors";
import { connectDb, statement } from "~/utils/db.server";
import { can, isOrgKind, isRole, type Action } from "~/utils/permissions";
import type { OrgActor } from "./actor";

/** Every organization page starts here: one prepared statement (the membership and its organization). */
export async function loadActor(user: { id: string; name: string }, orgSlug: string): Promise<OrgActor> {
  const membership = statement(
    await connectDb(),
    `SELECT m.role, o.id AS orgId, o.slug AS orgSlug, o.name AS orgName, o.kind AS orgKind
       FROM "Membership" m JOIN "Organization" o ON o.id = m.organizationId
      WHERE m.userId = ? AND o.slug = ?`,
  ).get(user.id, orgSlug) as { role: string; orgId: string; orgSlug: string; orgName: string; orgKind: string } | undefined;
  // Not a member and no such organization look the same: 404.
  if (!membership) throw new AppError("not_found", "error.not_found");
  const { role, orgKind } = membership;
  if (!isOrgKind(orgKind) || !isRole(role)) throw new AppError("internal", "Corrupt membership");
  return { userId: user.id, userName: user.name, orgId: membership.orgId, orgSlug: membership.orgSlug, orgName: membership.orgName, orgKind, role };
}

export function requirePermission(actor: OrgActor, action: Action): void {
  if (!can({ role: actor.role, kind: actor.orgKind }, action)) throw new AppError("forbidden", "error.forbidden");
}

export function actorCan(actor: OrgActor, action: Action): boolean {
  return can({ role: actor.role, kind: actor.orgKind }, action);
}
