// One fuzz request: which route, as whom, with which path parameters, query and body. Everything is
// drawn from the seeded generator, so a run is replayed from its seed.
import type { z } from "zod";
import type { Prng } from "./prng";
import type { RawRequest } from "./raw-http";
import { atLimits, brokenJson, evilValue, type Hints, type JsonSchema, mutate, poisonString, toJsonText, validValue, zodAt } from "./schema-values";

export type Operation = {
  method: string;
  /** OpenAPI template: /api/v1/orders/{id} */
  path: string;
  body?: JsonSchema;
  bodyZod?: z.ZodType;
  query: { name: string; required: boolean; schema: JsonSchema }[];
  queryZod?: z.ZodObject;
  produces?: string;
  auth: boolean;
};

export type Identity = {
  name: string;
  token?: string;
  authorization?: string;
  orderIds: string[];
  /** PENDING and ACCEPTED orders: the ones changes (amend, transitions) can still apply to. */
  openOrderIds: string[];
  invoiceIds: string[];
  /** How often it is drawn: the seller side, which may change most, more than the others. */
  weight: number;
};

/** Ids the demo data holds, by path parameter, and what else a valid body needs. */
export type Pools = {
  /** For a path parameter name and route family ("orders.id", "invoices.id", "credit-notes.id", "attachmentId"). */
  params: Record<string, string[]>;
  hints: Hints;
  versions: Map<string, number>;
  /** Known good bodies by "METHOD template" (a seed corpus): mutations of these reach the services. */
  corpus: Record<string, Record<string, unknown>[]>;
};

export type Planned = { request: RawRequest; tags: string[]; identity: Identity; operation: Operation; orderId?: string };

const BROKEN_SEGMENTS = ["%ZZ", "%", "%E0%A4", "%00", "%FF", "%C0%AF", "%ED%A0%80", "abc%", "%2", "%%", "%u0041", "%E0%A4%A"];
const ODD_SEGMENTS = [
  "..",
  "...",
  "-_-",
  "!!",
  "~",
  "%2E%2E",
  "..%2F..%2Fetc",
  "%2F",
  "a%2Fb",
  "%20",
  "null",
  "undefined",
  "0",
  "-1",
  "9007199254740993",
  "NaN",
  "__proto__",
  "constructor",
  "%5B%5D",
  "%22%27%3C%3E",
  "%F0%9F%98%80",
  "%C3%A9",
  "%E2%80%AE",
];

/** Path segments that are not ids: broken percent-encodings, raw bytes, dot segments, very long ids. */
export function evilSegment(rng: Prng, skip: Set<string>): { segment: string; tag: string } {
  const roll = rng.next();
  if (roll < 0.3 && !skip.has("percent")) return { segment: rng.pick(BROKEN_SEGMENTS), tag: "path:broken-percent" };
  if (roll < 0.45 && !skip.has("percent")) {
    // Random bytes, percent-encoded: mostly not UTF-8.
    return { segment: [...rng.bytes(rng.int(1, 12))].map((b) => `%${b.toString(16).padStart(2, "0").toUpperCase()}`).join(""), tag: "path:random-bytes" };
  }
  if (roll < 0.48) {
    // Raw latin-1 bytes in the request line (no encoding at all), as a hand-written client may send.
    return { segment: Array.from({ length: rng.int(1, 8) }, () => String.fromCharCode(rng.int(0xa1, 0xff))).join(""), tag: "path:raw-bytes" };
  }
  if (roll < 0.65) return { segment: rng.pick(["a", "9", "%41"]).repeat(rng.pick([65, 300, 4_000])), tag: "path:long" };
  if (roll < 0.7) return { segment: "../".repeat(rng.int(1, 4)) + rng.pick(["healthz", "etc/passwd", "api/v1/me"]), tag: "path:dot-dot" };
  return { segment: rng.pick(ODD_SEGMENTS), tag: "path:odd" };
}

function poolFor(pools: Pools, template: string, param: string): string[] {
  if (param === "id") {
    if (template.startsWith("/api/v1/invoices/")) return pools.params["invoices.id"] ?? [];
    if (template.startsWith("/api/v1/credit-notes/")) return pools.params["credit-notes.id"] ?? [];
    return pools.params["orders.id"] ?? [];
  }
  return pools.params[param] ?? [];
}

/** Percent-encoding that never throws (encodeURIComponent does on a lone surrogate: it becomes U+FFFD). */
function encode(text: string): string {
  return [...Buffer.from(text, "utf8")].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, "0").toUpperCase()}`)).join("");
}

function queryText(op: Operation, rng: Prng, pools: Pools, skip: Set<string>, tags: string[]): string {
  if (op.query.length === 0 && !rng.chance(0.15)) return "";
  const pairs: string[] = [];
  const roll = rng.next();
  const mode = roll < 0.45 ? "valid" : roll < 0.85 ? "mutated" : "garbage";
  tags.push(`query:${mode}`);
  for (const param of op.query) {
    if (!param.required && !rng.chance(0.5)) continue;
    let value = validValue(param.schema, { rng, hints: pools.hints }, param.name);
    if (mode !== "valid" && rng.chance(0.5)) value = evilValue(rng);
    // Kept under Node's 16 KB request line, so that the application (not the HTTP parser) reads it.
    const text = (typeof value === "string" ? value : value === null ? "" : toJsonText(value)).slice(0, 1_500);
    pairs.push(`${encode(param.name)}=${encode(text)}`);
  }
  if (mode === "garbage") {
    const names = [...op.query.map((q) => q.name), "__proto__", "constructor", "limit", "q", "x[]", "a[b]", ""];
    for (let i = rng.int(1, 3); i > 0; i--) {
      const raw = rng.pick(["%00", "%ZZ", "%", "%E0%A4", "%01%1F%7F", "a%00b", "%0D%0ASet-Cookie:%20x=1", "1e999", "-1", "9007199254740993", "%F0%9F", "x".repeat(10_000)]);
      if (skip.has("percent") && raw.includes("%")) continue;
      pairs.push(`${encode(rng.pick(names))}=${raw}`);
    }
    if (rng.chance(0.3) && pairs.length) pairs.push(pairs[0]); // a repeated key
  }
  return pairs.length ? `?${pairs.join("&")}` : rng.chance(0.5) ? "?" : "";
}

const MULTIPART_FILES = ["x=1.pdf", "Facture; mars.pdf", "a\"b.pdf", "..\\..\\evil.pdf", "../../etc/passwd", "été.pdf", "", " ", "%00.pdf", "x".repeat(300) + ".pdf"];
const PDF_BYTES = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "latin1");

function multipartBody(rng: Prng, tags: string[]): { body: Buffer; contentType: string; chunked?: boolean } {
  const boundary = `----fuzz${rng.int(0, 1e9)}`;
  const filename = rng.pick(MULTIPART_FILES);
  const filePart = (name: string, content: Buffer) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`, "latin1"),
      content,
      Buffer.from("\r\n"),
    ]);
  const textPart = (value: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\n${value}\r\n`, "utf8");
  const end = Buffer.from(`--${boundary}--\r\n`);
  const whole = Buffer.concat([textPart(rng.pick(["see attached", "", "\ud800", "a\u0000b", "é".repeat(100)])), filePart(filename, rng.chance(0.7) ? PDF_BYTES : rng.bytes(rng.int(0, 2_000))), end]);
  const variant = rng.pick(["valid", "no-boundary", "wrong-boundary", "truncated", "garbage", "no-disposition", "unterminated-headers", "chunked-truncated"]);
  tags.push(`multipart:${variant}`);
  switch (variant) {
    case "valid":
      return { body: whole, contentType: `multipart/form-data; boundary=${boundary}` };
    case "no-boundary":
      return { body: whole, contentType: "multipart/form-data" };
    case "wrong-boundary":
      return { body: whole, contentType: `multipart/form-data; boundary=other${boundary}` };
    case "truncated":
      return { body: whole.subarray(0, rng.int(1, whole.length - 1)), contentType: `multipart/form-data; boundary=${boundary}` };
    case "garbage":
      return { body: rng.bytes(rng.int(0, 4_000)), contentType: `multipart/form-data; boundary=${boundary}` };
    case "no-disposition":
      return { body: Buffer.from(`--${boundary}\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`), contentType: `multipart/form-data; boundary=${boundary}` };
    case "unterminated-headers":
      return { body: Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n`), contentType: `multipart/form-data; boundary=${boundary}` };
    default:
      return { body: whole.subarray(0, Math.floor(whole.length / 2)), contentType: `multipart/form-data; boundary=${boundary}`, chunked: true };
  }
}

function bodyFor(op: Operation, rng: Prng, pools: Pools, orderId: string | undefined, tags: string[]): { body?: Buffer | string; headers: Record<string, string>; chunked?: boolean } {
  const json = { "Content-Type": "application/json" };
  const isUpload = op.path === "/api/v1/orders/{id}/messages" && op.method === "post";
  if (isUpload && rng.chance(0.35)) {
    const { body, contentType, chunked } = multipartBody(rng, tags);
    return { body, headers: { "Content-Type": contentType }, chunked };
  }
  const schema = op.body ?? { type: "object" };
  const seeds = pools.corpus[`${op.method.toUpperCase()} ${op.path}`] ?? [];
  const valid = () => {
    const gen = { rng, hints: pools.hints, elementSchema: (path: string[]) => zodAt(op.bodyZod, path) };
    let value: Record<string, unknown>;
    if (seeds.length && rng.chance(0.6)) {
      value = structuredClone(rng.pick(seeds));
      if (rng.chance(0.15)) {
        tags.push("body:at-limits");
        value = atLimits(value, schema) as Record<string, unknown>;
      }
    } else {
      value = validValue(schema, gen) as Record<string, unknown>;
      for (let i = 0; op.bodyZod && i < 10 && !op.bodyZod.safeParse(value).success; i++) value = validValue(schema, gen) as Record<string, unknown>;
    }
    // The order's current version, most of the time: changes then get past the conflict check.
    if (value && typeof value === "object" && "version" in value && orderId && pools.versions.has(orderId) && rng.chance(0.7)) value.version = pools.versions.get(orderId);
    return value;
  };
  const roll = rng.next();
  if (roll < 0.2) {
    tags.push("body:valid");
    return { body: toJsonText(valid()), headers: json };
  }
  if (roll < 0.42) {
    tags.push("body:hostile-text");
    return { body: toJsonText(poisonString(valid(), rng)), headers: json };
  }
  if (roll < 0.7) {
    tags.push("body:mutated");
    return { body: toJsonText(mutate(valid(), rng)), headers: json };
  }
  if (roll < 0.78) {
    tags.push("body:broken-json");
    return { body: brokenJson(rng, toJsonText(valid())), headers: json };
  }
  if (roll < 0.84) {
    tags.push("body:top-level");
    return { body: toJsonText(rng.pick<unknown>([[], [{}], "text", 42, null, true, evilValue(rng)])), headers: json };
  }
  if (roll < 0.9) {
    tags.push("body:empty");
    return { body: rng.chance(0.5) ? "" : undefined, headers: rng.chance(0.5) ? json : {} };
  }
  const contentType = rng.pick(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "application/xml", "application/json; charset=latin1", "application/json; charset=utf-16", "", "image/png"]);
  tags.push(`body:content-type(${contentType || "none"})`);
  const text = contentType === "application/x-www-form-urlencoded" ? rng.pick(["a=1&b=%ZZ", "body=hello", "version=1&lines=x", "%%%"]) : toJsonText(valid());
  return { body: text, headers: contentType ? { "Content-Type": contentType } : {} };
}

const OTHER_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/**
 * Routes with more to parse are drawn more often: a body counts double, the upload route (JSON,
 * urlencoded and multipart) four times.
 */
function weightOf(op: Operation): number {
  if (op.path === "/api/v1/orders/{id}/messages" && op.method === "post") return 4;
  return op.body ? 2 : op.query.length ? 1.5 : 1;
}

function pickWeighted<T>(rng: Prng, items: T[], weight: (item: T) => number): T {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  let roll = rng.next() * total;
  for (const item of items) {
    roll -= weight(item);
    if (roll < 0) return item;
  }
  return items[items.length - 1];
}

function pickOperation(rng: Prng, operations: Operation[]): Operation {
  return pickWeighted(rng, operations, weightOf);
}

export function planRequest(rng: Prng, operations: Operation[], identities: Identity[], pools: Pools, skip: Set<string>): Planned {
  const operation = pickOperation(rng, operations);
  const identity = pickWeighted(rng, identities, (i) => i.weight);
  const tags: string[] = [];
  let orderId: string | undefined;
  const path = operation.path.replace(/\{(\w+)\}/g, (_, param: string) => {
    const roll = rng.next();
    let value: string;
    if (param === "action") {
      value = roll < 0.8 ? rng.pick(["accept", "reject", "cancel", "ship", "deliver", "restore"]) : evilSegment(rng, skip).segment;
      return value;
    }
    const writes = operation.method !== "get";
    const own = param === "id" && operation.path.startsWith("/api/v1/orders/") ? (writes && identity.openOrderIds.length && rng.chance(0.7) ? identity.openOrderIds : identity.orderIds) : param === "id" && operation.path.startsWith("/api/v1/invoices/") ? identity.invoiceIds : [];
    const any = poolFor(pools, operation.path, param);
    if (roll < 0.5 && own.length) {
      tags.push("param:own");
      value = encode(rng.pick(own));
    } else if (roll < 0.7 && any.length) {
      tags.push("param:any-tenant");
      value = encode(rng.pick(any));
    } else {
      const evil = evilSegment(rng, skip);
      tags.push(evil.tag);
      value = evil.segment;
    }
    if (param === "id" && operation.path.startsWith("/api/v1/orders/")) orderId = decodeSafely(value);
    return value;
  });
  const method = rng.chance(0.07) ? rng.pick(OTHER_METHODS) : operation.method.toUpperCase();
  if (method !== operation.method.toUpperCase()) tags.push(`method:${method}`);
  const query = queryText(operation, rng, pools, skip, tags);
  const headers: Record<string, string> = {};
  if (identity.authorization) headers.Authorization = identity.authorization;
  let body: Buffer | string | undefined;
  let chunked: boolean | undefined;
  if (method !== "GET" && method !== "OPTIONS" && (operation.body || method !== "DELETE" || rng.chance(0.3))) {
    const made = bodyFor(operation, rng, pools, orderId, tags);
    body = made.body;
    chunked = made.chunked;
    Object.assign(headers, made.headers);
  }
  if (operation.path === "/api/v1/orders" && method === "POST" && rng.chance(0.3)) headers["Idempotency-Key"] = rng.pick(["fuzz-1", "", " ", "x".repeat(300), "\u00e9"]);
  return { request: { method, path: path + query, headers, body, chunked }, tags, identity, operation, orderId };
}

function decodeSafely(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
