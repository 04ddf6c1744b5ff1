// Members of an organization: the list, invitations by email (single use, 7 days), role changes and
// removal. An organization always keeps an OWNER; a MANAGER manages everyone but the owners.
import { getDb, type Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { AppError, validationError } from "~/utils/errors";
import { isLanguage, type Language } from "~/utils/i18n";
import type { Role } from "~/utils/permissions";
import { hashToken, randomToken } from "~/utils/tokens.server";
import { parseInput } from "~/utils/validation";
import { enqueueEmail, renderActionLinkEmail } from "../notify/outbox.server";
import { publishAccessEnded } from "~/utils/access-events.server";
import type { OrgActor } from "./actor";
import { requirePermission } from "./access.server";
import { inviteMemberSchema, updateMemberSchema } from "./schemas";

export const MEMBER_INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;

/** Roles the actor may hand out: only an owner makes owners. */
export function assignableRoles(actor: Pick<OrgActor, "role">): Role[] {
  const all: Role[] = ["OWNER", "MANAGER", "SALES", "ACCOUNTANT", "STAFF"];
  return actor.role === "OWNER" ? all : all.filter((r) => r !== "OWNER");
}

/** Whether the actor may change or remove a member holding `targetRole`. */
export function canManageMember(actor: Pick<OrgActor, "role">, targetRole: string): boolean {
  if (actor.role === "OWNER") return true;
  return actor.role === "MANAGER" && targetRole !== "OWNER";
}

export async function listMembers(actor: OrgActor) {
  requirePermission(actor, "member:read");
  const db = getDb();
  const [members, invitations] = await Promise.all([
    db.membership.findMany({
      where: { organizationId: actor.orgId },
      select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
      orderBy: [{ user: { name: "asc" } }, { createdAt: "asc" }],
    }),
    db.memberInvitation.findMany({
      where: { organizationId: actor.orgId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      select: { id: true, email: true, role: true, createdAt: true, expiresAt: true, invitedBy: { select: { name: true } } },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  return {
    members: members.map((m) => ({
      id: m.id,
      role: m.role,
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      since: m.createdAt,
    })),
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      invitedBy: i.invitedBy.name,
      createdAt: i.createdAt,
      expiresAt: i.expiresAt,
    })),
  };
}

/**
 * Invites an email address with a role: the invitation and its email are written together. A pending
 * invitation to the same address is replaced (the old link stops working). `language` is the
 * inviter's interface language, used when the address has no account yet.
 */
export async function inviteMember(actor: OrgActor, input: unknown, language: Language): Promise<{ email: string }> {
  requirePermission(actor, "member:invite");
  const data = parseInput(inviteMemberSchema, input);
  if (!assignableRoles(actor).includes(data.role)) throw validationError({ role: "members.ownerOnly" });
  const db = getDb();
  const existingUser = await db.user.findUnique({ where: { email: data.email }, select: { locale: true } });
  const token = randomToken();
  const email = await renderActionLinkEmail({
    kind: "member-invitation",
    language: isLanguage(existingUser?.locale) ? existingUser.locale : language,
    url: `${getEnv().appUrl}/invitations/${token}`,
    subjectName: actor.orgName,
    inviterName: actor.userName,
  });
  await db.$transaction(async (tx) => {
    const alreadyMember = await tx.membership.findFirst({
      where: { organizationId: actor.orgId, user: { email: data.email } },
      select: { id: true },
    });
    if (alreadyMember) throw validationError({ email: "members.alreadyMember" });
    const now = new Date();
    await tx.memberInvitation.updateMany({
      where: { organizationId: actor.orgId, email: data.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    await tx.memberInvitation.create({
      data: {
        organizationId: actor.orgId,
        email: data.email,
        role: data.role,
        tokenHash: hashToken(token),
        invitedById: actor.userId,
        expiresAt: new Date(now.getTime() + MEMBER_INVITATION_TTL_MS),
      },
    });
    await enqueueEmail(tx, data.email, email);
  });
  return { email: data.email };
}

export async function revokeInvitation(actor: OrgActor, invitationId: string): Promise<{ email: string }> {
  requirePermission(actor, "member:invite");
  return getDb().$transaction(async (tx) => {
    const invitation = await tx.memberInvitation.findFirst({
      where: { id: invitationId, organizationId: actor.orgId, acceptedAt: null, revokedAt: null },
      select: { id: true, email: true, role: true },
    });
    if (!invitation) throw new AppError("not_found", "error.not_found");
    // A manager may not withdraw what only an owner could have sent.
    if (!canManageMember(actor, invitation.role)) throw new AppError("forbidden", "members.ownerOnly");
    await tx.memberInvitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    return { email: invitation.email };
  });
}

async function findMembership(tx: Tx, actor: OrgActor, membershipId: string) {
  const membership = await tx.membership.findFirst({
    where: { id: membershipId, organizationId: actor.orgId },
    select: { id: true, role: true, userId: true, user: { select: { name: true } } },
  });
  if (!membership) throw new AppError("not_found", "error.not_found");
  return membership;
}

async function assertAnotherOwner(tx: Tx, actor: OrgActor, membershipId: string) {
  const others = await tx.membership.count({ where: { organizationId: actor.orgId, role: "OWNER", id: { not: membershipId } } });
  if (others === 0) throw new AppError("conflict", "members.lastOwner");
}

export async function updateMemberRole(actor: OrgActor, membershipId: string, input: unknown): Promise<{ name: string; role: Role }> {
  requirePermission(actor, "member:update");
  const { role } = parseInput(updateMemberSchema, input);
  return getDb().$transaction(async (tx) => {
    const membership = await findMembership(tx, actor, membershipId);
    if (!canManageMember(actor, membership.role) || !assignableRoles(actor).includes(role)) {
      throw new AppError("forbidden", "members.ownerOnly");
    }
    if (membership.role === "OWNER" && role !== "OWNER") await assertAnotherOwner(tx, actor, membership.id);
    await tx.membership.update({ where: { id: membership.id }, data: { role } });
    return { name: membership.user.name, role };
  });
}

export async function removeMember(actor: OrgActor, membershipId: string): Promise<{ name: string; self: boolean; orgName: string }> {
  requirePermission(actor, "member:remove");
  const removed = await getDb().$transaction(async (tx) => {
    const membership = await findMembership(tx, actor, membershipId);
    if (!canManageMember(actor, membership.role)) throw new AppError("forbidden", "members.ownerOnly");
    if (membership.role === "OWNER") await assertAnotherOwner(tx, actor, membership.id);
    // The member's API tokens for this organization go with the membership (cascade).
    const tokens = await tx.apiToken.findMany({ where: { membershipId: membership.id, revokedAt: null }, select: { id: true } });
    await tx.membership.delete({ where: { id: membership.id } });
    return { membership, tokenIds: tokens.map((token) => token.id) };
  });
  // Connections opened with that access close (sockets of the user's pages of this organization, its tokens').
  for (const tokenId of removed.tokenIds) publishAccessEnded({ kind: "api-token", tokenId });
  publishAccessEnded({ kind: "membership", userId: removed.membership.userId, orgId: actor.orgId });
  return { name: removed.membership.user.name, self: removed.membership.userId === actor.userId, orgName: actor.orgName };
}

// ---- The invited person's side (/invitations/:token).

export type InvitationView =
  | { state: "unknown" }
  | { state: "expired" | "accepted" | "revoked" }
  | { state: "valid"; email: string; role: Role; org: { name: string; slug: string }; inviterName: string; expiresAt: Date };

/** What the invitation page shows; details only while the invitation can still be accepted. */
export async function viewInvitation(token: string): Promise<InvitationView> {
  const invitation = await getDb().memberInvitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { organization: { select: { name: true, slug: true } }, invitedBy: { select: { name: true } } },
  });
  if (!invitation) return { state: "unknown" };
  if (invitation.revokedAt) return { state: "revoked" };
  if (invitation.acceptedAt) return { state: "accepted" };
  if (invitation.expiresAt <= new Date()) return { state: "expired" };
  return {
    state: "valid",
    email: invitation.email,
    role: invitation.role as Role,
    org: invitation.organization,
    inviterName: invitation.invitedBy.name,
    expiresAt: invitation.expiresAt,
  };
}

/**
 * The logged-in user joins with the invitation's role. Single use: the invitation is consumed in the
 * same transaction as the membership is created. Someone already a member keeps their role.
 */
export async function acceptInvitation(
  user: { id: string; email: string },
  token: string,
): Promise<{ org: { name: string; slug: string }; alreadyMember: boolean }> {
  return getDb().$transaction(async (tx) => {
    const now = new Date();
    const invitation = await tx.memberInvitation.findFirst({
      where: { tokenHash: hashToken(token), acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      include: { organization: { select: { name: true, slug: true } } },
    });
    if (!invitation) throw new AppError("not_found", "members.accept.invalid");
    if (invitation.email !== user.email.toLowerCase()) throw new AppError("forbidden", "members.accept.otherAccount");
    const consumed = await tx.memberInvitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: now },
    });
    if (consumed.count !== 1) throw new AppError("not_found", "members.accept.invalid");
    const existing = await tx.membership.findUnique({
      where: { userId_organizationId: { userId: user.id, organizationId: invitation.organizationId } },
      select: { id: true },
    });
    if (!existing) {
      await tx.membership.create({ data: { userId: user.id, organizationId: invitation.organizationId, role: invitation.role } });
    }
    return { org: invitation.organization, alreadyMember: !!existing };
  });
}
