// The JSON API (../shared/api.md): bearer-token actors, JSON bodies checked with zod, and every
// error in the contract's shape — a 400 for bad input, never a 500; a 500 without a stack.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApiToken } from "~/modules/api-token/api-token.server";
import type { OrgActor } from "~/modules/org/actor";
import { AppError, isAppError, validationError } from "~/utils/errors";
import { translateMaybe } from "~/utils/i18n";
import { currentRequestScope, logUnexpectedError, noteRequestOrganization } from "~/utils/logger.server";

export function jsonResponse(body: unknown, status = 200, headers?: HeadersInit): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

export function errorResponse(error: unknown): Response {
  if (isAppError(error)) {
    const message = translateMaybe("en", error.message === error.code ? `error.${error.code}` : error.message);
    let details = error.details;
    if (details?.fields) {
      const fields = details.fields as Record<string, string>;
      details = { ...details, fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, translateMaybe("en", v)])) };
    }
    return jsonResponse({ error: { code: error.code, message, ...(details ? { details } : {}) } }, error.status);
  }
  logUnexpectedError(error, "API request failed");
  // The request id is what a user quotes to find this error in the logs; nothing internal goes out.
  const requestId = currentRequestScope()?.requestId;
  const message = requestId ? `Internal error (request id ${requestId})` : "Internal error";
  return jsonResponse({ error: { code: "internal", message, ...(requestId ? { details: { requestId } } : {}) } }, 500);
}

declare global {
  // Node 20 has it (ES2024); the project's TypeScript lib stops at ES2023.
  interface String {
    isWellFormed(): boolean;
  }
}

/** How deep a JSON body may nest (the contract's go three or four levels deep). */
export const MAX_JSON_DEPTH = 32;

/**
 * The path of the first string (value or key, at any depth) that is not well-formed UTF-16: a lone
 * surrogate, which JSON's \ud800 escapes can carry but no database or UTF-8 encoder will take.
 */
export function firstIllFormedString(value: unknown, path = "body", depth = 0): string | null {
  if (typeof value === "string") return value.isWellFormed() ? null : path;
  if (typeof value !== "object" || value === null) return null;
  // No body of the contract nests deeper than a few levels; a deeper one would only cost stack.
  if (depth > MAX_JSON_DEPTH) throw validationError({ body: "field.tooDeep" });
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstIllFormedString(value[i], path === "body" ? String(i) : `${path}.${i}`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    const childPath = path === "body" ? key : `${path}.${key}`;
    if (!key.isWellFormed()) return childPath;
    const found = firstIllFormedString(child, childPath, depth + 1);
    if (found) return found;
  }
  return null;
}

/** The one reader of JSON bodies: not JSON, or text that is not well-formed, is a 400 naming the field. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("validation_failed", "The request body is not valid JSON", { fields: { body: "Not valid JSON" } });
  }
  const illFormed = firstIllFormedString(value);
  if (illFormed) throw validationError({ [illFormed]: "field.invalidText" });
  return value;
}

export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return m ? m[1] : null;
}

export async function requireApiActor(request: Request): Promise<{ actor: OrgActor; tokenId: string }> {
  const token = bearerToken(request);
  if (!token) throw new AppError("unauthenticated", "Missing bearer token");
  const authenticated = await authenticateApiToken(token);
  noteRequestOrganization(authenticated.actor.orgId);
  return authenticated;
}

type Args = LoaderFunctionArgs | ActionFunctionArgs;

/** Wraps an API handler: any thrown error becomes the contract's error shape. */
export function apiRoute(handler: (args: Args) => Promise<Response>) {
  return async (args: Args): Promise<Response> => {
    try {
      return await handler(args);
    } catch (error) {
      if (error instanceof Response) return error;
      return errorResponse(error);
    }
  };
}

/** An API route whose handler receives the token's actor. */
export function authedApiRoute(handler: (args: Args & { actor: OrgActor; tokenId: string }) => Promise<Response>) {
  return apiRoute(async (args) => handler({ ...args, ...(await requireApiActor(args.request)) }));
}

export function methodNotAllowed(allowed: string[]): Response {
  return jsonResponse({ error: { code: "validation_failed", message: `Method not allowed; use ${allowed.join(", ")}` } }, 405, {
    Allow: allowed.join(", "),
  });
}
