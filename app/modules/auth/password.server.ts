import { hash, verify } from "@node-rs/argon2";
import { randomToken } from "~/utils/tokens.server";

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A hash of a secret nobody knows, made once per process with the same parameters as real ones.
let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against an account that may not exist. Without an account the same argon2 work is
 * spent on a dummy hash, so the answer takes as long as for a wrong password and does not tell which
 * emails have an account.
 */
export async function verifyPasswordOrDummy(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (passwordHash) return verifyPassword(passwordHash, password);
  dummyHash ??= hashPassword(randomToken());
  await verifyPassword(await dummyHash, password);
  return false;
}
