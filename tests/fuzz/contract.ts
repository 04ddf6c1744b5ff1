// What every answer of the JSON API must look like (../shared/api.md, "Errors"), whatever was sent.
import type { RawResponse } from "./raw-http";

/** The contract's error codes, plus 413 payload_too_large (issue 10: bounded bodies). */
export const ERROR_CODE_STATUS: Record<string, number[]> = {
  validation_failed: [400, 405],
  unauthenticated: [401],
  forbidden: [403],
  not_found: [404],
  conflict: [409],
  invalid_transition: [409],
  frozen: [409],
  payment_unavailable: [409],
  payload_too_large: [413],
  locked: [423],
  rate_limited: [429],
  internal: [500],
};

export type Expectation = {
  /** The request's path resolves outside /api/v1 (dot segments, /healthz): only "no 5xx" applies. */
  outsideApi?: boolean;
  /** Content type of a success when it is not JSON (application/pdf, text/csv; "*" for any file). */
  produces?: string;
};

/**
 * Node's HTTP parser refuses some requests before any application code runs (raw non-ASCII bytes in
 * the request line: 400; a request line over 16 KB: 431), with an empty answer and a closed connection.
 */
export function isHttpParserRefusal(res: RawResponse): boolean {
  return (res.status === 400 || res.status === 431) && res.body.length === 0 && !res.headers["content-type"] && res.headers.connection === "close";
}

/** null when the answer keeps the contract, else what is wrong with it. */
export function contractViolation(res: RawResponse, expect: Expectation): string | null {
  const type = String(res.headers["content-type"] ?? "");
  const text = res.body.toString("utf8");
  if (res.status >= 500) return `${res.status} ${text.slice(0, 300)}`;
  if (isHttpParserRefusal(res) || expect.outsideApi) return null;
  if (res.status < 200 || (res.status >= 300 && res.status < 400)) return `unexpected status ${res.status} (location ${res.headers.location ?? "-"})`;
  if (res.status >= 400) {
    if (!/^application\/json\b/i.test(type)) return `error ${res.status} with content type "${type}": ${text.slice(0, 200)}`;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return `error ${res.status} whose body is not JSON: ${text.slice(0, 200)}`;
    }
    const error = (body as { error?: Record<string, unknown> } | null)?.error;
    if (!error || typeof error !== "object") return `error ${res.status} without an "error" object: ${text.slice(0, 200)}`;
    const statuses = ERROR_CODE_STATUS[String(error.code)];
    if (!statuses) return `error ${res.status} with a code outside the contract: ${JSON.stringify(error.code)}`;
    if (!statuses.includes(res.status)) return `code ${String(error.code)} answered with status ${res.status}`;
    if (typeof error.message !== "string" || error.message === "") return `error ${res.status} without a message`;
    if (error.details !== undefined && (typeof error.details !== "object" || error.details === null || Array.isArray(error.details)))
      return `error ${res.status} whose details is not an object`;
    // A request id beside the error is an extension (issue 10: a 500 carries one a user can quote).
    const extra = Object.keys(body as object).filter((k) => k !== "error" && k !== "requestId");
    if (extra.length) return `error ${res.status} with keys beside "error": ${extra.join(", ")}`;
    return null;
  }
  if (res.status === 204) return res.body.length ? "204 with a body" : null;
  if (expect.produces) {
    if (expect.produces !== "*" && !type.toLowerCase().startsWith(expect.produces)) return `success ${res.status} with content type "${type}", ${expect.produces} due`;
    if (res.body.length === 0) return `success ${res.status} with an empty file`;
    return null;
  }
  if (!/^application\/json\b/i.test(type)) return `success ${res.status} with content type "${type}", JSON due`;
  try {
    JSON.parse(text);
  } catch {
    return `success ${res.status} whose body is not JSON`;
  }
  return null;
}
