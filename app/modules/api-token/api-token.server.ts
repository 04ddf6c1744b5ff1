// API tokens: bearer secrets bound to one membership. Only their SHA-256 is stored; the plain token
// is shown once, at creation. Listed and revocable in the UI; the API can revoke its own.
import { z } from "zod";
import { connectDb, getDb, statement } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { isOrgKind, isRole } from "~/utils/permissions";
import { hashToken, randomToken } from "~/utils/tokens.server";
import { parseInput } from "~/utils/validation";
import type { OrgActor } from "../org/actor";
import { requirePermission } from "../org/access.server";
import { publishAccessEnded } from "~/utils/access-events.server";

export const TOKEN_PREFIX = "cpt_";
const LAST_USED_PRECISION_MS = 60_000;

export const createTokenSchema = z.object({ name: z.string().trim().min(1).max(80) });

export async function createApiToken(actor: OrgActor, input: unknown): Promise<{ id: string; token: string }> {
  requirePermission(actor, "api-token:manage");
  const { name } = parseInput(createTokenSchema, input);
  return issueApiToken(actor, name);
}

/** Also used by POST /api/v1/auth/token once the password is checked. */
export async function issueApiToken(actor: OrgActor, name: string): Promise<{ id: string; token: string }> {
  const db = getDb();
  const membership = await db.membership.findUniqueOrThrow({
    where: { userId_organizationId: { userId: actor.userId, organizationId: actor.orgId } },
  });
  const token = TOKEN_PREFIX + randomToken(32);
  const row = await db.apiToken.create({
    data: {
      name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      userId: actor.userId,
      organizationId: actor.orgId,
      membershipId: membership.id,
    },
  });
  return { id: row.id, token };
}

/** The user's own tokens for this organization, newest first. */
export async function listApiTokens(actor: OrgActor) {
  requirePermission(actor, "api-token:manage");
  return getDb().apiToken.findMany({
    where: { organizationId: actor.orgId, userId: actor.userId },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeApiToken(actor: OrgActor, tokenId: string): Promise<void> {
  requirePermission(actor, "api-token:manage");
  const result = await getDb().apiToken.updateMany({
    where: { id: tokenId, organizationId: actor.orgId, userId: actor.userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (result.count === 0) throw new AppError("not_found", "error.not_found");
  publishAccessEnded({ kind: "api-token", tokenId });
}

/**
 * Bearer token → actor (and the token's id, to revoke itself). Unknown or revoked → 401. Every API
 * request comes through here: one prepared join on the raw connection, and `lastUsedAt` written at
 * most once a minute.
 */
export async function authenticateApiToken(token: string): Promise<{ actor: OrgActor; tokenId: string }> {
  const db = await connectDb();
  const row = statement(
    db,
    `SELECT t.id, t.revokedAt, t.lastUsedAt, u.id AS userId, u.name AS userName, o.id AS orgId, o.slug AS orgSlug,
            o.name AS orgName, o.kind AS orgKind, m.role
     FROM "ApiToken" t
     JOIN "User" u ON u.id = t.userId
     JOIN "Organization" o ON o.id = t.organizationId
     JOIN "Membership" m ON m.id = t.membershipId
     WHERE t.tokenHash = ?`,
  ).get(hashToken(token)) as
    | { id: string; revokedAt: string | null; lastUsedAt: string | null; userId: string; userName: string; orgId: string; orgSlug: string; orgName: string; orgKind: string; role: string }
    | undefined;
  if (!row || row.revokedAt) throw new AppError("unauthenticated", "Invalid or revoked token");
  if (!isOrgKind(row.orgKind) || !isRole(row.role)) throw new AppError("internal", "Corrupt membership");
  const now = Date.now();
  if (!row.lastUsedAt || now - Date.parse(row.lastUsedAt) > LAST_USED_PRECISION_MS) {
    await getDb().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return {
    tokenId: row.id,
    actor: { userId: row.userId, userName: row.userName, orgId: row.orgId, orgSlug: row.orgSlug, orgName: row.orgName, orgKind: row.orgKind, role: row.role },
  };
}

/** DELETE /api/v1/auth/token: a token revokes itself. */
export async function revokeApiTokenById(tokenId: string): Promise<void> {
  await getDb().apiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: new Date() } });
  publishAccessEnded({ kind: "api-token", tokenId });
}
