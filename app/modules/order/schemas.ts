// zod schemas of the order services, shared by the pages and the JSON API (../shared/api.md, "Orders").
// Numbers may come as JSON numbers or as digit strings (form posts); anything else is 400
// validation_failed naming the field (e.g. `lines.2.quantity`).
import { z } from "zod";
import { MAX_CENTS, MAX_UNIT_PRICE4 } from "~/utils/money";
import { searchText } from "~/utils/validation";
import { LINE_KINDS } from "../pricing/totals";
import { isIsoDate } from "./dates";
import { ORDER_STATUSES } from "./status-machine";
import { DISTRIBUTIONS, ORDER_VIEWS } from "./types";

export const MAX_QUANTITY = 1_000_000;
export const MAX_LINES = 500;
/** The bounds of app/utils/money.ts (MAX_LINE_CENTS, MAX_DOCUMENT_CENTS), as the API documents them. */
const AMOUNT_BOUNDS =
  "Each line's amounts (price × quantity, its discount and tax; deposit × quantity) at most 100,000,000,000 cents; " +
  "the order's subtotal, discount, tax, deposit and total at most 1,000,000,000,000 cents: beyond, 400 naming the line's field or `lines`";
export const LIST_LIMIT_DEFAULT = 50;
export const LIST_LIMIT_MAX = 200;

/** Empty form fields count as "not given". */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
/** "12" (a form field) → 12; other text is left for the number check to refuse. */
const digitsToNumber = (v: unknown) => (typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v.trim()) : v);

function intSchema(min: number, max: number) {
  return z.preprocess(digitsToNumber, z.number().int().min(min).max(max));
}

const idSchema = z.preprocess(blankToUndefined, z.string().trim().min(1).max(64));
const optionalId = z.preprocess(blankToUndefined, z.string().trim().min(1).max(64).optional());

/** true/false, or the text a form sends ("on", "true", "1", "false", "0"). */
const booleanSchema = z.preprocess((v) => {
  if (v === "on" || v === "true" || v === "1") return true;
  if (v === "false" || v === "0" || v === "off") return false;
  return v;
}, z.boolean());

export const dateSchema = z
  .string()
  .trim()
  .refine(isIsoDate, { message: "orders.error.date" })
  .describe("A calendar date, YYYY-MM-DD");

export const quantitySchema = intSchema(1, MAX_QUANTITY).describe("An integer from 1 to 1,000,000");
const bpsSchema = intSchema(0, 10_000);
export const versionSchema = intSchema(1, Number.MAX_SAFE_INTEGER).describe("The order's version this change is based on");

// ---- Create

export const createOrderLineSchema = z.object({
  formatId: idSchema.describe("A product format of the seller's catalog (active)"),
  quantity: quantitySchema,
});

export const createOrderSchema = z.object({
  seller: optionalId.describe("Producer organization id (required unless the token's organization is the producer)"),
  buyer: optionalId.describe("Retailer organization id (required unless the token's organization is the retailer)"),
  distribution: z
    .preprocess(blankToUndefined, z.enum(DISTRIBUTIONS).optional())
    .describe("Defaults to the relation's default distribution (DISTRIBUTOR when a distributor orders)"),
  distributor: optionalId.describe("Extension: the distributor when distribution is DISTRIBUTOR (default: the relation's)"),
  deliveryDate: dateSchema.describe("Requested delivery date, YYYY-MM-DD, today or later"),
  note: z.string().trim().max(2000).optional().default(""),
  lines: z.array(createOrderLineSchema).min(1).max(MAX_LINES).describe(AMOUNT_BOUNDS),
  applyGroupDiscount: booleanSchema.optional().default(true).describe("Extension: apply the customer group's discount (default true; false is the seller side's decision, 403 for a buyer)"),
  taxesEnabled: booleanSchema.optional().default(true).describe("Extension: charge taxes (default true; false is the seller side's decision, 403 for a buyer)"),
  depositsEnabled: booleanSchema.optional().default(true).describe("Extension: charge deposits (default true; false is the seller side's decision, 403 for a buyer)"),
});
export type CreateOrderInput = z.output<typeof createOrderSchema>;

// ---- Amend (PATCH)

export const amendLineSchema = z
  .object({
    id: optionalId.describe("An existing line to keep; absent for a new line"),
    kind: z.preprocess(blankToUndefined, z.enum(LINE_KINDS).optional()).describe("Required on a new line (ITEM when only formatId is given)"),
    formatId: z.preprocess(blankToUndefined, z.string().trim().min(1).max(64).nullable().optional()),
    description: z.preprocess(blankToUndefined, z.string().trim().min(1).max(200).optional()),
    quantity: quantitySchema.optional(),
    unitPrice4: intSchema(0, MAX_UNIT_PRICE4).optional().describe("1/10,000 of the currency unit; a REBATE's price is positive"),
    discountBps: bpsSchema.optional(),
    taxRateBps: bpsSchema.optional(),
    depositCents: intSchema(0, MAX_CENTS).optional().describe("Per unit"),
  })
  .superRefine((line, ctx) => {
    if (line.id) return; // a kept line: what is left out keeps its value
    if (line.quantity === undefined) ctx.addIssue({ code: "custom", path: ["quantity"], message: "field.required" });
    const kind = line.kind ?? (line.formatId ? "ITEM" : undefined);
    if (!kind) ctx.addIssue({ code: "custom", path: ["kind"], message: "field.required" });
    if (kind === "ITEM" && !line.formatId) ctx.addIssue({ code: "custom", path: ["formatId"], message: "field.required" });
    if (kind && kind !== "ITEM") {
      if (line.formatId) ctx.addIssue({ code: "custom", path: ["formatId"], message: "field.invalid" });
      if (!line.description) ctx.addIssue({ code: "custom", path: ["description"], message: "field.required" });
    }
  });
export type AmendLineInput = z.output<typeof amendLineSchema>;

export const amendOrderSchema = z
  .object({
    version: versionSchema,
    lines: z
      .array(amendLineSchema)
      .min(1)
      .max(MAX_LINES)
      .optional()
      .describe(`The full new line list: an id keeps a line, no id adds one, a missing id removes it. ${AMOUNT_BOUNDS}`),
    note: z.string().trim().max(2000).optional(),
    deliveryDate: dateSchema.optional(),
    distribution: z.preprocess(blankToUndefined, z.enum(DISTRIBUTIONS).optional()),
    distributor: z.preprocess(blankToUndefined, z.string().trim().min(1).max(64).optional()).describe("Extension: the distributor when distribution is DISTRIBUTOR"),
    taxesEnabled: booleanSchema.optional().describe("Extension"),
    depositsEnabled: booleanSchema.optional().describe("Extension"),
    releaseLock: booleanSchema.optional().describe("Extension: release the caller's own edit lock with this change"),
  })
  .superRefine((data, ctx) => {
    const seen = new Set<string>();
    data.lines?.forEach((line, i) => {
      if (!line.id) return;
      if (seen.has(line.id)) ctx.addIssue({ code: "custom", path: ["lines", i, "id"], message: "field.invalid" });
      seen.add(line.id);
    });
  });
export type AmendOrderInput = z.output<typeof amendOrderSchema>;

// ---- Status changes

export const ORDER_TRANSITIONS = ["accept", "reject", "cancel", "ship", "deliver", "restore"] as const;
export type OrderTransition = (typeof ORDER_TRANSITIONS)[number];
export const orderTransitionSchema = z.enum(ORDER_TRANSITIONS);

export const transitionInputSchema = z
  .object({
    version: versionSchema,
    reason: z.string().trim().max(1000).optional().describe("Why (reject, cancel): kept in the history"),
    received: z
      .array(z.object({ lineId: idSchema, quantity: intSchema(0, MAX_QUANTITY) }))
      .max(MAX_LINES)
      .optional()
      .describe("deliver: received quantities (0–1,000,000); lines left out were received as ordered"),
  })
  .superRefine((data, ctx) => {
    const seen = new Set<string>();
    data.received?.forEach((r, i) => {
      if (seen.has(r.lineId)) ctx.addIssue({ code: "custom", path: ["received", i, "lineId"], message: "field.invalid" });
      seen.add(r.lineId);
    });
  });
export type TransitionInput = z.output<typeof transitionInputSchema>;

// ---- Lists

const optionalDate = z.preprocess(blankToUndefined, dateSchema.optional());

export const listOrdersQuerySchema = z.object({
  status: z.preprocess(blankToUndefined, z.enum(ORDER_STATUSES).optional()),
  buyer: optionalId.describe("Buyer organization id"),
  seller: optionalId.describe("Seller organization id"),
  view: z.preprocess(blankToUndefined, z.enum(ORDER_VIEWS).optional()).describe("A quick filter"),
  q: searchText(100).describe("An order number (exact), or part of the customer's name; a control character → 400"),
  deliveryFrom: optionalDate.describe("Extension: delivery date on or after"),
  deliveryTo: optionalDate.describe("Extension: delivery date on or before"),
  createdFrom: optionalDate.describe("Extension: placed on or after this day"),
  createdTo: optionalDate.describe("Extension: placed on or before this day"),
  cursor: z.preprocess(blankToUndefined, z.string().max(200).optional()).describe("nextCursor of the previous page"),
  limit: z
    .preprocess(blankToUndefined, intSchema(1, Number.MAX_SAFE_INTEGER).optional())
    .transform((v) => Math.min(v ?? LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX))
    .describe("1–200 (default 50; larger values are clamped)"),
});
export type ListOrdersQuery = z.output<typeof listOrdersQuerySchema>;
