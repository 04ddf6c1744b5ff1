// Sessions. The only file that imports lucia (v3 is deprecated upstream: keep it replaceable).
// The cookie carries the session id; the Session table only its SHA-256, like API and reset tokens, so
// that a copy of the database (a backup, a leaked file) opens nobody's session.
import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import { publishAccessEnded } from "./access-events.server";
import { connectDb, sqlTimestamp, statement, writeTransaction } from "./db.server";
import { getEnv } from "./env.server";
import { hashToken } from "./tokens.server";

export const SESSION_COOKIE_NAME = "comptoir_session";

type SessionRow = { id: string; userId: string; expiresAt: string };

function databaseSession(row: SessionRow): DatabaseSession {
  return { id: row.id, userId: row.userId, expiresAt: new Date(row.expiresAt), attributes: {} };
}

/** The key a session is stored under (and the name of its sockets' room): never the id itself. */
export function sessionKey(sessionId: string): string {
  return hashToken(sessionId);
}

/**
 * Lucia's storage on prepared statements of the raw connection: every page reads the session and its
 * user, and Prisma's per-query overhead was most of that request's database time. Rows map as the
 * Prisma adapter mapped them (sessions have no attributes of their own; the user's attributes are the
 * columns `getUserAttributes` reads). Lucia hands the adapter session ids; every statement stores and
 * looks up their key instead.
 */
const sessionAdapter: Adapter = {
  async getSessionAndUser(sessionId): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = statement(
      await connectDb(),
      `SELECT s.id, s.userId, s.expiresAt, u.email, u.name, u.locale
         FROM "Session" s JOIN "User" u ON u.id = s.userId
        WHERE s.id = ?`,
    ).get(sessionKey(sessionId)) as (SessionRow & { email: string; name: string; locale: string | null }) | undefined;
    if (!row) return [null, null];
    // Lucia re-issues the cookie from this id: it must be the one the cookie carried, not the key.
    return [
      databaseSession({ ...row, id: sessionId }),
      { id: row.userId, attributes: { email: row.email, name: row.name, locale: row.locale } },
    ];
  },
  async getUserSessions(userId) {
    const rows = statement(await connectDb(), `SELECT id, userId, expiresAt FROM "Session" WHERE userId = ?`).all(userId) as SessionRow[];
    return rows.map(databaseSession);
  },
  // Writes go through writeTransaction: on the one connection, a bare statement run while another
  // request's transaction is open would belong to that transaction.
  async setSession(session) {
    await writeTransaction((db) =>
      statement(db, `INSERT INTO "Session" (id, userId, expiresAt) VALUES (?, ?, ?)`).run(sessionKey(session.id), session.userId, sqlTimestamp(session.expiresAt)),
    );
  },
  async updateSessionExpiration(sessionId, expiresAt) {
    await writeTransaction((db) => statement(db, `UPDATE "Session" SET expiresAt = ? WHERE id = ?`).run(sqlTimestamp(expiresAt), sessionKey(sessionId)));
  },
  async deleteSession(sessionId) {
    await writeTransaction((db) => statement(db, `DELETE FROM "Session" WHERE id = ?`).run(sessionKey(sessionId)));
  },
  async deleteUserSessions(userId) {
    await writeTransaction((db) => statement(db, `DELETE FROM "Session" WHERE userId = ?`).run(userId));
  },
  async deleteExpiredSessions() {
    await writeTransaction((db) => statement(db, `DELETE FROM "Session" WHERE expiresAt <= ?`).run(sqlTimestamp(new Date())));
  },
};

function createLucia() {
  return new Lucia(sessionAdapter, {
    sessionExpiresIn: new TimeSpan(30, "d"),
    sessionCookie: {
      name: SESSION_COOKIE_NAME,
      // httpOnly and SameSite=Lax are lucia's defaults; Secure whenever the app is served over https.
      attributes: { secure: getEnv().secureCookies, sameSite: "lax" },
    },
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      name: attributes.name,
      locale: attributes.locale,
    }),
  });
}

const globalForLucia = globalThis as unknown as { __comptoirLucia?: ReturnType<typeof createLucia> };
function lucia() {
  globalForLucia.__comptoirLucia ??= createLucia();
  return globalForLucia.__comptoirLucia;
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseUserAttributes: { email: string; name: string; locale: string | null };
  }
}

export type SessionUser = { id: string; email: string; name: string; locale: string | null };

/** Opens a session and returns the Set-Cookie header value. */
export async function startSession(userId: string): Promise<string> {
  // Each log-in sweeps the expired sessions (an indexed delete): the table holds only live ones.
  await lucia().deleteExpiredSessions();
  const session = await lucia().createSession(userId, {});
  return lucia().createSessionCookie(session.id).serialize();
}

/**
 * Reads the session cookie of a request. `setCookie` is set when the session was extended (or is
 * invalid and must be cleared).
 */
export async function readSession(cookieHeader: string | null): Promise<{
  user: SessionUser | null;
  sessionId: string | null;
  setCookie?: string;
}> {
  const sessionId = lucia().readSessionCookie(cookieHeader ?? "");
  if (!sessionId) return { user: null, sessionId: null };
  const { session, user } = await lucia().validateSession(sessionId);
  if (!session || !user) {
    return { user: null, sessionId: null, setCookie: lucia().createBlankSessionCookie().serialize() };
  }
  const setCookie = session.fresh ? lucia().createSessionCookie(session.id).serialize() : undefined;
  return { user: { id: user.id, email: user.email, name: user.name, locale: user.locale }, sessionId: session.id, setCookie };
}

/** Ends one session; returns the Set-Cookie header value that clears the cookie. */
export async function endSession(sessionId: string | null): Promise<string> {
  if (sessionId) {
    await lucia().invalidateSession(sessionId);
    publishAccessEnded({ kind: "session", sessionKey: sessionKey(sessionId) });
  }
  return lucia().createBlankSessionCookie().serialize();
}

/** Ends every session of a user (after a password reset or change). */
export async function endAllSessions(userId: string): Promise<void> {
  await lucia().invalidateUserSessions(userId);
  publishAccessEnded({ kind: "user-sessions", userId });
}
