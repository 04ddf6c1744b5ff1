// One structured logger (pino: one JSON line per event, no pretty printing) and the scope of the
// request being served (its id, route template, organization), carried by AsyncLocalStorage so that
// an error logged deep in a service — or an unhandled rejection — names the request it belongs to.
// The server (loaded by tsx) and the Remix build (bundled) each get a copy of this file: both share
// the one logger and scope through globalThis.
import { AsyncLocalStorage } from "node:async_hooks";
import { pino, type Logger } from "pino";
import { getEnv } from "./env.server";

export type RequestScope = {
  requestId: string;
  /** Path template (/api/v1/orders/:id) or Remix route id, set by whoever matched the request. */
  route?: string;
  organizationId?: string;
};

// Never written to a log line, wherever they appear in a logged object.
const REDACTED = [
  "password",
  "*.password",
  "token",
  "*.token",
  "authorization",
  "*.authorization",
  "cookie",
  "*.cookie",
  "headers.cookie",
  "headers.authorization",
  "*.headers.cookie",
  "*.headers.authorization",
  "set-cookie",
  "*.set-cookie",
];

type Shared = { logger?: Logger; scope: AsyncLocalStorage<RequestScope> };
const shared = ((globalThis as unknown as { __comptoirLog?: Shared }).__comptoirLog ??= { scope: new AsyncLocalStorage() });

export function getLogger(): Logger {
  shared.logger ??= pino({
    level: getEnv().logLevel,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED, censor: "[redacted]" },
  });
  return shared.logger;
}

export function runInRequestScope<T>(scope: RequestScope, work: () => T): T {
  return shared.scope.run(scope, work);
}

export function currentRequestScope(): RequestScope | undefined {
  return shared.scope.getStore();
}

/** The organization a request acts for, once authentication has found it. */
export function noteRequestOrganization(organizationId: string): void {
  const scope = shared.scope.getStore();
  if (scope) scope.organizationId = organizationId;
}

/** An error nobody expected: logged with the request it happened in (when there is one). */
export function logUnexpectedError(error: unknown, message = "Unexpected error"): void {
  const scope = shared.scope.getStore();
  getLogger().error({ err: error, requestId: scope?.requestId, route: scope?.route, organizationId: scope?.organizationId }, message);
}
