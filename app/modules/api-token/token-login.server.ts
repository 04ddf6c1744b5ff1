// POST /api/v1/auth/token: password log-in for one membership → a bearer token. Failures are throttled
// like the log-in page (same counters); successes are capped too, so the endpoint cannot fill the
// token table.
import { AppError } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import { logIn } from "../auth/auth.server";
import { consumeLimits, RATE_LIMITS } from "../auth/rate-limit.server";
import { loadActor } from "../org/access.server";
import { getMe } from "./me.server";
import { issueApiToken } from "./api-token.server";
import { tokenRequestSchema } from "./schemas";

export async function createTokenWithPassword(input: unknown, ip: string) {
  const data = parseInput(tokenRequestSchema, input);
  const user = await logIn({ email: data.email, password: data.password }, ip);
  const actor = await loadActor(user, data.organization).catch((error: unknown) => {
    // A wrong organization answers like wrong credentials: nothing tells which organizations exist.
    if (error instanceof AppError && error.code === "not_found") throw new AppError("unauthenticated", "auth.invalidCredentials");
    throw error;
  });
  await consumeLimits(
    [
      [RATE_LIMITS.apiTokenByEmail, user.email],
      [RATE_LIMITS.apiTokenByAddress, ip],
    ],
    "auth.tooManyTokens",
  );
  const { token } = await issueApiToken(actor, data.name ?? `API ${new Date().toISOString().slice(0, 10)}`);
  const me = await getMe(actor);
  return { token, organization: me.organization, role: actor.role };
}
