// Demo accounts left open on a running server: the seed's users (addresses under the reserved `.test`
// top-level domain, which no real mailbox uses) that still open with the public demo password the
// README prints. Checked once at start-up, so that a production log says so.
import { verifyPassword } from "~/modules/auth/password.server";
import { getDb } from "~/utils/db.server";

/** The password of every demo account, as the README lists it (tests/factories uses the same). */
export const DEMO_PASSWORD = "comptoir-demo";

/** Enough to tell that demo accounts are there; bounded so that start-up stays fast. */
const MAX_CHECKED = 20;

/** The emails of demo accounts that the public password opens. */
export async function findOpenDemoAccounts(): Promise<string[]> {
  const candidates = await getDb().user.findMany({
    where: { email: { endsWith: ".test" } },
    select: { email: true, passwordHash: true },
    orderBy: { createdAt: "asc" },
    take: MAX_CHECKED,
  });
  const opens = await Promise.all(candidates.map((user) => verifyPassword(user.passwordHash, DEMO_PASSWORD)));
  return candidates.filter((_, i) => opens[i]).map((user) => user.email);
}

/** The one loud line of a production start with demo accounts. */
export function demoAccountsWarning(emails: string[]): string {
  return (
    `!!! WARNING: DEMO ACCOUNTS ARE OPEN IN PRODUCTION: ${emails.length}${emails.length === MAX_CHECKED ? "+" : ""} account(s) ` +
    `such as ${emails.slice(0, 3).join(", ")} log in with the demo password published in the README; ` +
    `delete them or change their passwords (new databases: DEMO_DATA=off) !!!`
  );
}
