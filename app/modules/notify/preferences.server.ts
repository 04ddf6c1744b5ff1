// Per-user email settings: one switch per kind of event. No row means "on" — a new user hears about
// everything until they turn something off. Every email that reports an event asks here first
// (order emails, the chat digest; invoice emails use `emailWanted(tx, userId, "INVOICE")`).
import { z } from "zod";
import { connectDb, getDb, statement, type Sqlite, type Tx } from "~/utils/db.server";
import { parseInput } from "~/utils/validation";
import { NOTIFICATION_KINDS, type NotificationKind, type NotificationPreferences } from "./kinds";

export { NOTIFICATION_KINDS, type NotificationKind, type NotificationPreferences };

/** Form or JSON input: a kind is on when its field is "on"/"true"/true, off when absent or anything else. */
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean());
export const notificationPreferencesSchema = z.object(
  Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, checkbox])) as Record<NotificationKind, typeof checkbox>,
);

export async function getNotificationPreferences(userId: string): Promise<NotificationPreferences> {
  const rows = await getDb().notificationPreference.findMany({ where: { userId } });
  const prefs = Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, true])) as NotificationPreferences;
  for (const row of rows) if ((NOTIFICATION_KINDS as readonly string[]).includes(row.kind)) prefs[row.kind as NotificationKind] = row.email;
  return prefs;
}

export async function updateNotificationPreferences(userId: string, input: unknown): Promise<NotificationPreferences> {
  const prefs = parseInput(notificationPreferencesSchema, input);
  await getDb().$transaction(async (tx) => {
    for (const kind of NOTIFICATION_KINDS) {
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId, kind } },
        create: { userId, kind, email: prefs[kind] },
        update: { email: prefs[kind] },
      });
    }
  });
  return prefs;
}

/** The users among `userIds` who turned emails of this kind off (one query for any number of users). */
export async function usersWithEmailOff(_tx: Tx, userIds: string[], kind: NotificationKind): Promise<Set<string>> {
  return usersWithEmailOffSync(await connectDb(), userIds, kind);
}

/** Whether this user wants an email for this kind of event. */
export async function emailWanted(tx: Tx, userId: string, kind: NotificationKind): Promise<boolean> {
  return !(await usersWithEmailOff(tx, [userId], kind)).has(userId);
}

/** `usersWithEmailOff` on the raw connection, for the synchronous write paths (order emails). */
export function usersWithEmailOffSync(db: Sqlite, userIds: string[], kind: NotificationKind): Set<string> {
  if (userIds.length === 0) return new Set();
  const rows = statement(db, `SELECT userId FROM "NotificationPreference" WHERE kind = ? AND email = 0 AND userId IN (SELECT value FROM json_each(?))`).all(
    kind,
    JSON.stringify(userIds),
  ) as { userId: string }[];
  return new Set(rows.map((row) => row.userId));
}
