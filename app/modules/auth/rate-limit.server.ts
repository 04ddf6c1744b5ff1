// Rate limits of the account endpoints, for pages and the API alike. Every instance counts in the same
// table (RateLimitHit), so a limit holds across instances. Two ways to count:
// - failures only (log-in, and the token endpoint that logs in): `assertWithinLimits` before the
//   check, `recordHits` when it fails; 10 failures for one email or 50 from one address in 15 minutes;
// - every attempt (password-reset requests, sign-ups, issued API tokens): `consumeLimits`.
// Over a limit → AppError rate_limited (429) with a message that says which action to wait for.
import { AppError } from "~/utils/errors";
import { getDb } from "~/utils/db.server";

export type RateLimit = { kind: string; max: number; windowMs: number };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const FAILURE_WINDOW_MS = 15 * MINUTE;
export const MAX_FAILURES_PER_EMAIL = 10;
export const MAX_FAILURES_PER_ADDRESS = 50;

export const RATE_LIMITS = {
  loginFailureByEmail: { kind: "login-failure:email", max: MAX_FAILURES_PER_EMAIL, windowMs: FAILURE_WINDOW_MS },
  loginFailureByAddress: { kind: "login-failure:address", max: MAX_FAILURES_PER_ADDRESS, windowMs: FAILURE_WINDOW_MS },
  // Enough for a user who did not find the first email; too few to flood a mailbox.
  passwordResetByEmail: { kind: "password-reset:email", max: 5, windowMs: HOUR },
  passwordResetByAddress: { kind: "password-reset:address", max: 20, windowMs: HOUR },
  // Attempts, not successes: the "email taken" answer must not be a free oracle either.
  signUpByAddress: { kind: "sign-up:address", max: 20, windowMs: HOUR },
  // Tokens a password log-in may mint: an integration needs a few, not a table full.
  apiTokenByEmail: { kind: "api-token:email", max: 30, windowMs: HOUR },
  apiTokenByAddress: { kind: "api-token:address", max: 100, windowMs: HOUR },
} satisfies Record<string, RateLimit>;

const LONGEST_WINDOW_MS = Math.max(...Object.values(RATE_LIMITS).map((l) => l.windowMs));

export type LimitCheck = [limit: RateLimit, key: string];

async function countHits([limit, key]: LimitCheck, now: Date): Promise<number> {
  return getDb().rateLimitHit.count({ where: { kind: limit.kind, key, createdAt: { gt: new Date(now.getTime() - limit.windowMs) } } });
}

/** Throws rate_limited when any check has reached its maximum; counts nothing. */
export async function assertWithinLimits(checks: LimitCheck[], message = "error.rate_limited", now = new Date()): Promise<void> {
  const counts = await Promise.all(checks.map((check) => countHits(check, now)));
  if (counts.some((count, i) => count >= checks[i][0].max)) throw new AppError("rate_limited", message);
}

/** Counts one event for each check, and prunes the events no window still sees. */
export async function recordHits(checks: LimitCheck[], now = new Date()): Promise<string[]> {
  const db = getDb();
  const ids = await db.$transaction(async (tx) => {
    const created = [];
    for (const [limit, key] of checks) created.push((await tx.rateLimitHit.create({ data: { kind: limit.kind, key, createdAt: now }, select: { id: true } })).id);
    await tx.rateLimitHit.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - LONGEST_WINDOW_MS) } } });
    return created;
  });
  return ids;
}

/**
 * Counts an attempt and refuses it when that makes one check exceed its maximum. The attempt is
 * written before the count, so concurrent requests cannot all slip under the limit; a refused one is
 * taken back, so that hammering a limit does not prolong it.
 */
export async function consumeLimits(checks: LimitCheck[], message = "error.rate_limited", now = new Date()): Promise<void> {
  const ids = await recordHits(checks, now);
  const counts = await Promise.all(checks.map((check) => countHits(check, now)));
  if (counts.some((count, i) => count > checks[i][0].max)) {
    await getDb().rateLimitHit.deleteMany({ where: { id: { in: ids } } });
    throw new AppError("rate_limited", message);
  }
}

function loginFailureChecks(email: string, ip: string): LimitCheck[] {
  return [
    [RATE_LIMITS.loginFailureByEmail, email],
    [RATE_LIMITS.loginFailureByAddress, ip],
  ];
}

export async function assertLoginAllowed(email: string, ip: string, now = new Date()): Promise<void> {
  await assertWithinLimits(loginFailureChecks(email, ip), "error.rate_limited", now);
}

export async function recordLoginFailure(email: string, ip: string): Promise<void> {
  await recordHits(loginFailureChecks(email, ip));
}
