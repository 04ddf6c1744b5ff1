// Log-in throttling, for pages and the API token endpoint alike: 10 failures for one email, or 50 from
// one address, within 15 minutes → 429 until the window slides past them.
import { AppError } from "~/utils/errors";
import { getDb } from "~/utils/db.server";

export const FAILURE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_EMAIL = 10;
export const MAX_FAILURES_PER_ADDRESS = 50;

export async function assertLoginAllowed(email: string, ip: string, now = new Date()): Promise<void> {
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS);
  const db = getDb();
  const [byEmail, byAddress] = await Promise.all([
    db.loginFailure.count({ where: { email, createdAt: { gt: since } } }),
    db.loginFailure.count({ where: { ip, createdAt: { gt: since } } }),
  ]);
  if (byEmail >= MAX_FAILURES_PER_EMAIL || byAddress >= MAX_FAILURES_PER_ADDRESS) {
    throw new AppError("rate_limited", "error.rate_limited");
  }
}

export async function recordLoginFailure(email: string, ip: string): Promise<void> {
  const db = getDb();
  await db.loginFailure.create({ data: { email, ip } });
  // Keep the table small: old failures no longer count.
  await db.loginFailure.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - 2 * FAILURE_WINDOW_MS) } } });
}
