// Accounts: sign-up (rate-limited), log-in (throttled), password reset by email (rate-limited,
// expiring, single use), email change confirmed from the new address, profile.
import { AppError, validationError } from "~/utils/errors";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { endAllSessions } from "~/utils/session.server";
import { hashToken, randomToken } from "~/utils/tokens.server";
import { parseInput } from "~/utils/validation";
import type { Language } from "~/utils/i18n";
import { enqueueEmail, renderActionLinkEmail } from "../notify/outbox.server";
import { hashPassword, verifyPassword, verifyPasswordOrDummy } from "./password.server";
import { assertLoginAllowed, consumeLimits, RATE_LIMITS, recordLoginFailure } from "./rate-limit.server";
import {
  changePasswordSchema,
  emailChangeSchema,
  forgotPasswordSchema,
  logInSchema,
  profileSchema,
  resetPasswordSchema,
  signUpSchema,
} from "./schemas";

export const PASSWORD_RESET_TTL_MS = 60 * 60_000;
export const EMAIL_CHANGE_TTL_MS = 24 * 60 * 60_000;

export type PublicUser = { id: string; email: string; name: string; locale: string | null };
const publicUser = { id: true, email: true, name: true, locale: true } as const;

export async function signUp(input: unknown, ip: string): Promise<PublicUser> {
  const data = parseInput(signUpSchema, input);
  await consumeLimits([[RATE_LIMITS.signUpByAddress, ip]], "auth.tooManySignUps");
  const db = getDb();
  if (await db.user.findUnique({ where: { email: data.email }, select: { id: true } })) {
    throw validationError({ email: "auth.emailTaken" });
  }
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.user.create({
      data: { email: data.email, name: data.name, passwordHash, locale: data.locale ?? null },
      select: publicUser,
    });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw validationError({ email: "auth.emailTaken" });
    throw e;
  }
}

/** Checks credentials. Wrong ones → 401 (and count towards the 429 limit). */
export async function logIn(input: unknown, ip: string): Promise<PublicUser> {
  const data = parseInput(logInSchema, input);
  await assertLoginAllowed(data.email, ip);
  const user = await getDb().user.findUnique({ where: { email: data.email } });
  const ok = await verifyPasswordOrDummy(user?.passwordHash, data.password);
  if (!user || !ok) {
    await recordLoginFailure(data.email, ip);
    throw new AppError("unauthenticated", "auth.invalidCredentials");
  }
  return { id: user.id, email: user.email, name: user.name, locale: user.locale };
}

/**
 * Always succeeds from the outside (no account enumeration); mails a link when the account exists.
 * Limited per email and per address before the account is looked up, so that the limit answers the
 * same for an address with an account and one without.
 */
export async function requestPasswordReset(input: unknown, language: Language, ip: string): Promise<void> {
  const { email } = parseInput(forgotPasswordSchema, input);
  await consumeLimits(
    [
      [RATE_LIMITS.passwordResetByEmail, email],
      [RATE_LIMITS.passwordResetByAddress, ip],
    ],
    "auth.tooManyResetRequests",
  );
  const db = getDb();
  const user = await db.user.findUnique({ where: { email } });
  if (!user) return;
  const token = randomToken();
  const rendered = await renderActionLinkEmail({
    kind: "password-reset",
    language: (user.locale as Language | null) ?? language,
    url: `${getEnv().appUrl}/reset-password/${token}`,
  });
  await db.$transaction(async (tx) => {
    await tx.passwordReset.create({
      data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MS) },
    });
    await enqueueEmail(tx, user.email, rendered);
  });
}

export async function isPasswordResetTokenUsable(token: string): Promise<boolean> {
  const reset = await getDb().passwordReset.findUnique({ where: { tokenHash: hashToken(token) } });
  return !!reset && !reset.usedAt && reset.expiresAt > new Date();
}

export async function resetPassword(input: unknown): Promise<PublicUser> {
  const data = parseInput(resetPasswordSchema, input);
  const passwordHash = await hashPassword(data.password);
  const user = await getDb().$transaction(async (tx) => {
    // Consume the token first: a second use finds usedAt set and fails.
    const consumed = await tx.passwordReset.updateMany({
      where: { tokenHash: hashToken(data.token), usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (consumed.count !== 1) throw validationError({ token: "auth.resetLinkInvalid" }, "auth.resetLinkInvalid");
    const reset = await tx.passwordReset.findUniqueOrThrow({ where: { tokenHash: hashToken(data.token) } });
    return tx.user.update({ where: { id: reset.userId }, data: { passwordHash }, select: publicUser });
  });
  await endAllSessions(user.id);
  return user;
}

/** The profile page: the user, and the address waiting for confirmation if an email change is pending. */
export async function getAccount(userId: string): Promise<PublicUser & { pendingEmail: string | null }> {
  const db = getDb();
  const [user, pending] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId }, select: publicUser }),
    db.emailChange.findFirst({
      where: { userId, usedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
      select: { newEmail: true },
    }),
  ]);
  return { ...user, pendingEmail: pending?.newEmail ?? null };
}

export async function updateProfile(userId: string, input: unknown): Promise<PublicUser> {
  const data = parseInput(profileSchema, input);
  return getDb().user.update({ where: { id: userId }, data: { name: data.name, locale: data.locale }, select: publicUser });
}

export async function changePassword(userId: string, input: unknown): Promise<void> {
  const data = parseInput(changePasswordSchema, input);
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
    throw validationError({ currentPassword: "auth.wrongPassword" });
  }
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(data.password) } });
  // Whoever else knew the old password is logged out everywhere; the caller opens a fresh session.
  await endAllSessions(userId);
}

/** Sends a confirmation link to the new address; the email changes only when it is followed. */
export async function requestEmailChange(userId: string, input: unknown, language: Language): Promise<{ newEmail: string }> {
  const data = parseInput(emailChangeSchema, input);
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(user.passwordHash, data.password))) throw validationError({ password: "auth.wrongPassword" });
  if (data.newEmail === user.email) throw validationError({ newEmail: "auth.sameEmail" });
  if (await db.user.findUnique({ where: { email: data.newEmail }, select: { id: true } })) {
    throw validationError({ newEmail: "auth.emailTaken" });
  }
  const token = randomToken();
  const rendered = await renderActionLinkEmail({
    kind: "email-change",
    language: (user.locale as Language | null) ?? language,
    url: `${getEnv().appUrl}/confirm-email/${token}`,
    subjectName: data.newEmail,
  });
  await db.$transaction(async (tx) => {
    await tx.emailChange.create({
      data: { userId, newEmail: data.newEmail, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + EMAIL_CHANGE_TTL_MS) },
    });
    await enqueueEmail(tx, data.newEmail, rendered);
  });
  return { newEmail: data.newEmail };
}

export async function confirmEmailChange(token: string): Promise<PublicUser> {
  return getDb().$transaction(async (tx) => {
    const consumed = await tx.emailChange.updateMany({
      where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (consumed.count !== 1) throw new AppError("not_found", "auth.emailLinkInvalid");
    const change = await tx.emailChange.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    if (await tx.user.findUnique({ where: { email: change.newEmail }, select: { id: true } })) {
      throw validationError({ newEmail: "auth.emailTaken" }, "auth.emailTaken");
    }
    return tx.user.update({ where: { id: change.userId }, data: { email: change.newEmail }, select: publicUser });
  });
}
