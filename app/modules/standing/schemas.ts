// Standing orders, proposals, calendars, day orders and differences: the inputs (API bodies, query
// strings, page forms parse the same shapes) and the answers, described once for the OpenAPI document.
import { z } from "zod";
import { differenceLinesSchema } from "../bakery/differences";
import { dateSchema as isoDateSchema } from "../order/schemas";

export { isoDateSchema };
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const optionalDate = z.preprocess(blankToUndefined, isoDateSchema.optional());
const idSchema = z.string().trim().min(1).max(64);

export const WEEKDAY_KEYS = ["1", "2", "3", "4", "5", "6", "7"] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

export const dayLineSchema = z.object({
  formatId: idSchema,
  quantity: z.number().int().min(1, "standing.error.quantity").max(1_000_000, "standing.error.quantity"),
});
export type DayLine = z.output<typeof dayLineSchema>;

const dayLinesSchema = z
  .array(dayLineSchema)
  .max(300)
  .default([])
  .superRefine((lines, ctx) => {
    const seen = new Set<string>();
    lines.forEach((line, i) => {
      if (seen.has(line.formatId)) ctx.addIssue({ code: "custom", path: [i, "formatId"], message: "standing.error.duplicateFormat" });
      seen.add(line.formatId);
    });
  });

/** `{"1":[{formatId, quantity}], … "7":[…]}`: a missing weekday is an empty one; no other key. */
export const weekdaysSchema = z.strictObject({
  "1": dayLinesSchema,
  "2": dayLinesSchema,
  "3": dayLinesSchema,
  "4": dayLinesSchema,
  "5": dayLinesSchema,
  "6": dayLinesSchema,
  "7": dayLinesSchema,
});
export type Weekdays = Record<WeekdayKey, DayLine[]>;

export const priceSchema = z.object({ formatId: idSchema, unitPrice4: z.number().int().min(0).max(1_000_000_000) });
export type SpecialPrice = z.output<typeof priceSchema>;

const pricesSchema = z
  .array(priceSchema)
  .max(500)
  .superRefine((prices, ctx) => {
    const seen = new Set<string>();
    prices.forEach((price, i) => {
      if (seen.has(price.formatId)) ctx.addIssue({ code: "custom", path: [i, "formatId"], message: "standing.error.duplicateFormat" });
      seen.add(price.formatId);
    });
  });

export const relationQuerySchema = z.object({ relation: idSchema.describe("The retail relation") });

export const standingOrderInputSchema = z.object({
  effectiveFrom: optionalDate.describe("First date it applies (default today; never in the past)"),
  round: z.number().int().min(0).max(3).optional().describe("Delivery round 0–3 (default: unchanged)"),
  roundPosition: z.number().int().min(0).max(100_000).optional().describe("Place in the round (default: unchanged)"),
  weekdays: weekdaysSchema,
  prices: pricesSchema.optional().describe("The customer's special unit prices (default: unchanged)"),
});
export type StandingOrderInput = z.output<typeof standingOrderInputSchema>;

export const PROPOSAL_STATUSES = ["PROPOSED", "ACCEPTED", "REJECTED", "WITHDRAWN"] as const;

export const proposalInputSchema = z.object({
  relation: idSchema,
  effectiveFrom: optionalDate.describe("The date the retailer wishes (never in the past)"),
  weekdays: weekdaysSchema,
});

export const proposalQuerySchema = z.object({
  status: z.preprocess(blankToUndefined, z.enum(PROPOSAL_STATUSES).optional()),
  relation: z.preprocess(blankToUndefined, idSchema.optional()),
});

export const acceptProposalSchema = z.object({
  effectiveFrom: optionalDate.describe("First date it applies (default: the date the retailer wished, else today)"),
});
export const rejectProposalSchema = z.object({ reason: z.string().trim().min(1).max(500) });

export const closureSchema = z
  .object({ from: isoDateSchema, to: isoDateSchema, note: z.string().trim().max(200).default("") })
  .refine((c) => c.from <= c.to, { path: ["to"], message: "standing.error.closureRange" });
export const closuresSchema = z.array(closureSchema).max(500);

const weekdayNumbersSchema = z
  .array(z.number().int().min(1).max(7))
  .max(7)
  .refine((days) => new Set(days).size === days.length, "field.invalid");

export const calendarInputSchema = z.object({ openWeekdays: weekdayNumbersSchema, closures: closuresSchema });
export const closuresInputSchema = z.object({ closures: closuresSchema });
export const planningInputSchema = z.object({ weekdays: weekdayNumbersSchema });

export const deliveriesQuerySchema = z.object({ producer: z.preprocess(blankToUndefined, idSchema.optional()).describe("The producer (required for a retailer)") });

export const differenceInputSchema = z.object({ producer: idSchema, lines: differenceLinesSchema });

// ---- Answers ------------------------------------------------------------------------------------

const weekdaysResponse = z.object(Object.fromEntries(WEEKDAY_KEYS.map((k) => [k, z.array(dayLineSchema)])) as Record<WeekdayKey, z.ZodArray<typeof dayLineSchema>>);
const orgRef = z.object({ id: z.string(), name: z.string() });

export const versionSummarySchema = z.object({
  version: z.number().int(),
  effectiveFrom: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  proposalId: z.string().nullable(),
  changes: z.unknown().describe("What changed from the previous version: weekdays {weekday: [{formatId, from, to}]}, round, roundPosition, prices"),
});

export const standingOrderResponseSchema = z.object({
  relation: z.string(),
  customer: orgRef.describe("Extension: the retailer"),
  effectiveFrom: z.string().nullable().describe("null when the customer has no standing order yet"),
  round: z.number().int(),
  weekdays: weekdaysResponse,
  version: z.number().int().nullable().describe("Extension"),
  roundPosition: z.number().int().describe("Extension"),
  prices: z.array(priceSchema).describe("Extension: special unit prices"),
  versions: z.array(versionSummarySchema).describe("Extension: every version, newest first"),
  upcoming: z
    .object({ version: z.number().int(), effectiveFrom: z.string(), round: z.number().int(), roundPosition: z.number().int(), weekdays: weekdaysResponse, prices: z.array(priceSchema) })
    .optional()
    .describe("Extension: the next version, when one starts after today"),
});

export const proposalResponseSchema = z.object({
  id: z.string(),
  status: z.enum(PROPOSAL_STATUSES),
  relation: z.string(),
  customer: orgRef,
  effectiveFrom: z.string().nullable(),
  weekdays: weekdaysResponse,
  current: z.object({ weekdays: weekdaysResponse }),
  reason: z.string(),
  createdAt: z.string(),
  createdByName: z.string(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  standingOrderId: z.string().nullable(),
});
export const proposalListSchema = z.object({ proposals: z.array(proposalResponseSchema) });

const closureResponse = z.object({ from: z.string(), to: z.string(), note: z.string() });
export const calendarResponseSchema = z.object({ openWeekdays: z.array(z.number().int()), closures: z.array(closureResponse) });
export const closuresResponseSchema = z.object({ closures: z.array(closureResponse) });
export const planningResponseSchema = z.object({ productId: z.string(), weekdays: z.array(z.number().int()) });

const deliveryLine = z.object({ formatId: z.string(), description: z.string(), quantity: z.number().int(), unitPrice4: z.number().int() });
const orderRef = z.object({ id: z.string(), number: z.number().int(), status: z.string() });
export const deliveriesResponseSchema = z.object({
  date: z.string(),
  validated: z.boolean(),
  orders: z.array(
    z.object({
      customer: orgRef,
      source: z.enum(["STANDING", "WEB", "STAFF", "REP"]),
      round: z.number().int(),
      roundPosition: z.number().int().describe("Extension"),
      intake: z.enum(["STANDING", "TO_TAKE_IN", "TAKEN_IN"]).describe("Extension"),
      order: orderRef.nullable().describe("Extension: the real order, when there is one"),
      lines: z.array(deliveryLine),
      differences: z.array(z.object({ id: z.string(), status: z.string() })).describe("Extension: the differences applied"),
    }),
  ),
  conflicts: z.array(z.object({ customer: orgRef, orders: z.array(orderRef.extend({ source: z.string(), intake: z.string(), lines: z.array(deliveryLine) })) })).describe("Extension"),
});

export const differenceResponseSchema = z.object({
  id: z.string(),
  date: z.string(),
  status: z.enum(["RECEIVED", "TAKEN_IN"]),
  customer: orgRef,
  lines: z.array(z.object({ formatId: z.string(), description: z.string(), delta: z.number().int() })),
  createdAt: z.string(),
  createdByName: z.string(),
});
export const differenceListSchema = z.object({ date: z.string(), validated: z.boolean(), differences: z.array(differenceResponseSchema) });
