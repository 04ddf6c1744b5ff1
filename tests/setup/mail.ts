// Emails in tests: the outbox rows the app wrote, and the links inside them.
import { renderOutboxEmail } from "~/modules/notify/outbox.server";
import { getDb } from "~/utils/db.server";

/** The emails written to `to`, with their bodies as they will be sent (templates rendered). */
export async function outboxTo(to: string) {
  const rows = await getDb().outboxEmail.findMany({ where: { to }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return Promise.all(rows.map(async (row) => ({ ...row, ...(await renderOutboxEmail(row)) })));
}

/** The newest email written to `to`; fails the test when there is none. */
export async function lastEmailTo(to: string) {
  const emails = await outboxTo(to);
  if (!emails.length) throw new Error(`no email to ${to}`);
  return emails[emails.length - 1];
}

/** The path of the first link to `prefix` (e.g. "/invitations/") in a text, without the app's origin. */
export function linkPath(text: string, prefix: string): string {
  const m = new RegExp(`https?://[^\\s/]+(${prefix.replace(/[/]/g, "\\/")}[A-Za-z0-9_-]+)`).exec(text);
  if (!m) throw new Error(`no ${prefix} link in: ${text.slice(0, 500)}`);
  return m[1];
}
