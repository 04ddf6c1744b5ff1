// Sessions. The only file that imports lucia (v3 is deprecated upstream: keep it replaceable).
import { PrismaAdapter } from "@lucia-auth/adapter-prisma";
import { Lucia, TimeSpan } from "lucia";
import { getDb } from "./db.server";
import { getEnv } from "./env.server";

export const SESSION_COOKIE_NAME = "comptoir_session";

function createLucia() {
  const db = getDb();
  return new Lucia(new PrismaAdapter(db.session, db.user), {
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
  if (sessionId) await lucia().invalidateSession(sessionId);
  return lucia().createBlankSessionCookie().serialize();
}

/** Ends every session of a user (after a password reset). */
export async function endAllSessions(userId: string): Promise<void> {
  await lucia().invalidateUserSessions(userId);
}
