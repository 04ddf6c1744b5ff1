// Values from the API's own schemas: valid ones generated from the OpenAPI (JSON Schema) description
// of each body and query, checked against the zod schema that validates the route, then mutated the
// way a broken client or an attacker would (wrong types, missing and extra keys, extreme numbers,
// lone surrogates, `__proto__`...).
import type { z } from "zod";
import type { Prng } from "./prng";

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  description?: string;
  default?: unknown;
};

/** A JSON number token that JavaScript cannot hold exactly (2^53 + 1, 1e400): written as is. */
export class RawNumber {
  constructor(readonly text: string) {}
}

/** Known good strings by field name (real ids, slugs, emails), so that valid bodies reach the services. */
export type Hints = Record<string, string[]>;

const ISO_DATE_HINT = /YYYY-MM-DD|date/i;

function isoDate(rng: Prng): string {
  // Mostly ahead (orders are for today or later), sometimes in the past.
  const day = new Date(Date.now() + (rng.chance(0.8) ? rng.int(1, 60) : rng.int(-400, 0)) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type[0] : schema.type;
}

function validString(schema: JsonSchema, name: string, rng: Prng, hints: Hints): string {
  const known = hints[name];
  if (known?.length && rng.chance(0.8)) return rng.pick(known);
  if (schema.format === "date" || ISO_DATE_HINT.test(schema.description ?? "") || /^(from|to)$|Date$|From$|To$/.test(name)) return isoDate(rng);
  if (schema.format === "date-time") return new Date(Date.now() - rng.int(0, 1e10)).toISOString();
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 40, 60);
  const length = rng.chance(0.2) ? (rng.chance(0.5) ? min : Math.max(min, max)) : rng.int(min, Math.max(min, Math.min(max, 24)));
  if (schema.pattern === "^[a-z0-9]+(?:-[a-z0-9]+)*$") return Array.from({ length: Math.max(3, length) }, () => rng.pick([..."abcdefxyz0189"])).join("");
  const alphabet = [..."abcdefghijklmnopqrstuvwxyz ABCDEFÉèçà0123456789-_.'"];
  const text = Array.from({ length }, () => rng.pick(alphabet)).join("");
  // Services trim: keep the first and last characters visible so that minLength still holds.
  return length > 0 ? text.replace(/^\s|\s$/g, "x") : text;
}

function validNumber(schema: JsonSchema, rng: Prng, integer: boolean): number {
  const min = schema.minimum ?? (integer ? -1_000 : -1_000);
  const max = Math.min(schema.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER);
  const roll = rng.next();
  let value: number;
  if (roll < 0.25) value = rng.chance(0.5) ? min : max;
  else if (roll < 0.6) value = min + rng.next() * (max - min);
  else value = min + rng.next() * Math.min(max - min, 100);
  return integer ? Math.max(min, Math.min(max, Math.round(value))) : value;
}

export type Generator = {
  rng: Prng;
  hints: Hints;
  /** The zod schema of an array's element at a path ("lines.*"), to keep only valid elements. */
  elementSchema?: (path: string[]) => z.ZodType | undefined;
};

/** A value the schema accepts (most of the time: zod refinements are checked by the caller). */
export function validValue(schema: JsonSchema, gen: Generator, name = "", path: string[] = []): unknown {
  const { rng } = gen;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return rng.pick(schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return validValue(rng.pick(alternatives), gen, name, path);
  switch (typeOf(schema)) {
    case "object": {
      const out: Record<string, unknown> = {};
      const required = new Set(schema.required ?? []);
      for (const [key, child] of Object.entries(schema.properties ?? {})) {
        if (required.has(key) || rng.chance(0.6)) out[key] = validValue(child, gen, key, [...path, key]);
      }
      if (!schema.properties && schema.additionalProperties && rng.chance(0.5)) out[validString({}, "", rng, {})] = rng.int(0, 9);
      return out;
    }
    case "array": {
      const min = schema.minItems ?? 0;
      const max = schema.maxItems ?? 20;
      // Now and then a long list near the maximum: totals and batches at their limits.
      const length = rng.chance(0.08) ? rng.int(Math.max(min, Math.floor(max * 0.7)), max) : rng.int(min, Math.max(min, Math.min(max, 4)));
      const element = gen.elementSchema?.([...path, "*"]);
      return Array.from({ length }, () => {
        let candidate = validValue(schema.items ?? {}, gen, name, [...path, "*"]);
        for (let i = 0; element && i < 12 && !element.safeParse(candidate).success; i++) candidate = validValue(schema.items ?? {}, gen, name, [...path, "*"]);
        return candidate;
      });
    }
    case "string":
      return validString(schema, name, rng, gen.hints);
    case "integer":
      return validNumber(schema, rng, true);
    case "number":
      return validNumber(schema, rng, false);
    case "boolean":
      return rng.chance(0.5);
    case "null":
      return null;
    default:
      return rng.pick([1, "x", true, null, {}, []]);
  }
}

/** Values that break parsers, type checks and arithmetic. */
export function evilValue(rng: Prng): unknown {
  const long = "é".repeat(rng.pick([5_000, 70_000]));
  return rng.pick<unknown>([
    null,
    true,
    false,
    "",
    " ",
    [],
    {},
    [[[[]]]],
    0,
    -1,
    -0,
    0.5,
    -2_147_483_649,
    2 ** 31,
    Number.MAX_SAFE_INTEGER,
    new RawNumber("9007199254740993"),
    new RawNumber("1e400"),
    new RawNumber("-1e400"),
    new RawNumber("123456789012345678901234567890"),
    1e21,
    -1e21,
    Number.MAX_VALUE,
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "0x1F",
    " 12 ",
    "12abc",
    "9007199254740993",
    "-0",
    "\ud800",
    "a\udfffb",
    "\ud83d",
    "\u0000",
    "a\u0000b",
    "\u202e\u0007\u001b[31m",
    "😀".repeat(50),
    "<script>alert(1)</script>",
    "'; DROP TABLE \"Order\"; --",
    "../../../../etc/passwd",
    "%ZZ",
    "%00",
    "$where",
    { $gt: "" },
    { __proto__: null, polluted: true },
    long,
    Array.from({ length: 2_000 }, (_, i) => i),
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "99999-01-01",
    "2026-01-01T25:99:00Z",
  ]);
}

type Container = Record<string, unknown> | unknown[];

function containers(value: unknown, out: Container[] = []): Container[] {
  if (value && typeof value === "object" && !(value instanceof RawNumber)) {
    out.push(value as Container);
    for (const child of Object.values(value as object)) containers(child, out);
  }
  return out;
}

function protoKey(target: Record<string, unknown>, key: "__proto__" | "constructor" | "prototype", value: unknown) {
  // An own, enumerable key named __proto__ (an assignment would set the prototype instead).
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

// Lone surrogates first: JSON.parse lets them through, and they break what encodes text later.
const POISONS = ["\ud800", "\udfff", "x\ud83d", "\udc00x", "\u0000", "\u0007\u001b", "\u202e", "\uffff", "\r\n", "=;\"", "%ZZ", "${7*7}"];

/**
 * The same value with hostile text inside one of its strings (lone surrogate, NUL, control
 * characters): the shape stays valid, so that the text goes past the schema into the services.
 */
export function poisonString(value: unknown, rng: Prng): unknown {
  const copy = structuredCloneJson(value);
  const spots = containers(copy).flatMap((spot) => Object.keys(spot).filter((k) => typeof (spot as Record<string, unknown>)[k] === "string").map((k) => [spot, k] as const));
  if (spots.length === 0) return copy;
  const [spot, key] = rng.pick(spots);
  const text = (spot as Record<string, string>)[key];
  const poison = rng.chance(0.4) ? POISONS[rng.int(0, 3)] : rng.pick(POISONS);
  const at = rng.int(0, text.length);
  (spot as Record<string, string>)[key] = text.slice(0, at) + poison + text.slice(at);
  return copy;
}

/** One to three mutations of a (deep-copied) valid value. */
export function mutate(value: unknown, rng: Prng): unknown {
  const copy = structuredCloneJson(value);
  const count = rng.int(1, 3);
  let root: unknown = copy;
  for (let i = 0; i < count; i++) {
    const spots = containers(root);
    if (spots.length === 0 || rng.chance(0.08)) {
      root = evilValue(rng);
      continue;
    }
    const spot = rng.pick(spots);
    const keys = Object.keys(spot);
    const roll = rng.next();
    if (Array.isArray(spot)) {
      if (roll < 0.3 && spot.length) spot.splice(rng.int(0, spot.length - 1), 1);
      else if (roll < 0.5) spot.push(rng.chance(0.5) && spot.length ? structuredCloneJson(spot[0]) : evilValue(rng));
      else if (spot.length) spot[rng.int(0, spot.length - 1)] = evilValue(rng);
      else spot.push(evilValue(rng));
      continue;
    }
    if (roll < 0.25 && keys.length) delete spot[rng.pick(keys)];
    else if (roll < 0.4) protoKey(spot, rng.pick(["__proto__", "constructor", "prototype"] as const), rng.pick<unknown>([{ isAdmin: true, role: "OWNER" }, { prototype: { polluted: 1 } }, "x", 1]));
    else if (roll < 0.5) spot[rng.pick(["extra", "id", "organizationId", "role", "status", "version", "totalCents", "$set"])] = evilValue(rng);
    else if (keys.length) spot[rng.pick(keys)] = evilValue(rng);
    else spot[rng.pick(["x", "__proto__x"])] = evilValue(rng);
  }
  return root;
}

function structuredCloneJson(value: unknown): unknown {
  if (value instanceof RawNumber) return value;
  if (Array.isArray(value)) return value.map(structuredCloneJson);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (key === "__proto__" || key === "constructor" || key === "prototype") protoKey(out, key, structuredCloneJson(child));
      else out[key] = structuredCloneJson(child);
    }
    return out;
  }
  return value;
}

/** JSON text, with raw number tokens and own `__proto__` keys written as they are. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawNumber) return value.text;
  if (value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([key, child]) => `${JSON.stringify(key)}:${toJsonText(child)}`)
      .join(",")}}`;
  }
  // JSON.stringify writes a lone surrogate as a \ud800 escape: the server's parser gets it as such.
  return JSON.stringify(value);
}

/** Bodies that do not parse as JSON at all. */
export function brokenJson(rng: Prng, validText: string): string {
  return rng.pick([
    "{",
    "}",
    "nul",
    "{\"a\":}",
    "{'a':1}",
    "[1,2,",
    "\uFEFF{}",
    "{\"a\":1}}",
    "{\"a\":1,}",
    "{\"a\":\"\\x41\"}",
    "{\"a\":\"\\ud800\"",
    "\u0000",
    "NaN",
    "[".repeat(20_000) + "]".repeat(20_000),
    "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
    validText.slice(0, rng.int(0, Math.max(0, validText.length - 1))),
    validText + "garbage",
  ]);
}

/** The zod schema at a path of property names ("*" for an array's element), through optional, default, pipe... */
export function zodAt(schema: z.ZodType | undefined, path: string[]): z.ZodType | undefined {
  let current = schema as unknown as { _zod?: { def: Record<string, unknown> } } | undefined;
  for (const step of path) {
    current = unwrap(current);
    const def = current?._zod?.def;
    if (!def) return undefined;
    if (step === "*") current = def.type === "array" ? (def.element as typeof current) : undefined;
    else current = def.type === "object" ? ((def.shape as Record<string, typeof current>)[step] ?? undefined) : undefined;
  }
  return current as unknown as z.ZodType | undefined;
}

function unwrap(schema: { _zod?: { def: Record<string, unknown> } } | undefined) {
  let current = schema;
  for (let i = 0; i < 10 && current?._zod; i++) {
    const def = current._zod.def;
    if (def.type === "optional" || def.type === "nullable" || def.type === "default" || def.type === "prefault" || def.type === "readonly") current = def.innerType as typeof current;
    else if (def.type === "pipe") current = ((def.out as typeof current)?._zod?.def.type === "transform" ? def.in : def.out) as typeof current;
    else break;
  }
  return current;
}

/**
 * The same value at the limits its schema documents: every number at its maximum, every array
 * repeated up to its maximum length (boundary values: totals, batches, sums that overflow).
 */
export function atLimits(value: unknown, schema: JsonSchema | undefined): unknown {
  if (!schema) return value;
  const branch = schema.anyOf?.find((s) => typeOf(s) !== "null") ?? schema;
  if (Array.isArray(value)) {
    const items = value.map((v) => atLimits(v, branch.items));
    const max = branch.maxItems ?? items.length;
    while (items.length > 0 && items.length < max) items.push(items[items.length % value.length]);
    return items;
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, atLimits(child, branch.properties?.[key])]));
  }
  if (typeof value === "number" && typeof branch.maximum === "number") return Math.min(branch.maximum, Number.MAX_SAFE_INTEGER);
  return value;
}
