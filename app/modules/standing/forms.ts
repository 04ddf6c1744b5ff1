// The bakery pages' forms (Conform + zod): a grid of quantities per weekday and format (`q.<weekday>.<formatId>`),
// deltas per item (`d.<formatId>`), weekday checkboxes (`days`). Parsed here, then handed to the same
// services as the API, so the rules are checked once.
import { z } from "zod";
import { parseUnitPrice4 } from "~/utils/money";
import { validationError } from "~/utils/errors";
import { emptyWeekdays } from "./changes";
import { WEEKDAY_KEYS, type SpecialPrice, type Weekdays } from "./schemas";

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);
const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/** A whole number typed in a field ("" = none). */
function intField(min: number, max: number, message = "field.invalid") {
  return z.preprocess((v) => (blank(v) ? undefined : Number(trimmed(v))), z.number({ message }).int(message).min(min, message).max(max, message).optional());
}

const quantity = intField(0, 1_000_000, "standing.error.quantity");
const grid = z.record(z.string(), z.record(z.string(), quantity)).optional();
const optionalDate = z.preprocess((v) => (blank(v) ? undefined : v), z.string().optional());
/** Checked weekdays: one value or several (no JavaScript: the browser sends what is checked). */
const checkedDays = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().min(1).max(7)));

/** The grid's quantities as a standing order's weekdays (0 and blanks left out). */
export function weekdaysFromGrid(q: Record<string, Record<string, number | undefined>> | undefined): Weekdays {
  const weekdays = emptyWeekdays();
  for (const day of WEEKDAY_KEYS) {
    for (const [formatId, qty] of Object.entries(q?.[day] ?? {})) if (qty) weekdays[day].push({ formatId, quantity: qty });
  }
  return weekdays;
}

/** Special prices typed as amounts ("1,05"); a blank field is no special price. */
export function pricesFromFields(fields: Record<string, string | undefined> | undefined): SpecialPrice[] {
  const prices: SpecialPrice[] = [];
  const errors: Record<string, string> = {};
  for (const [formatId, text] of Object.entries(fields ?? {})) {
    if (blank(text)) continue;
    const unitPrice4 = parseUnitPrice4(text!);
    if (unitPrice4 === null || unitPrice4 < 0) errors[`price.${formatId}`] = "field.invalid";
    else prices.push({ formatId, unitPrice4 });
  }
  if (Object.keys(errors).length) throw validationError(errors);
  return prices;
}

export const standingPageSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("standing"),
    effectiveFrom: optionalDate,
    round: intField(0, 3),
    roundPosition: intField(0, 100_000),
    q: grid,
    price: z.record(z.string(), z.string().optional()).optional(),
  }),
  z.object({ intent: z.literal("open-days"), days: checkedDays }),
  z.object({ intent: z.literal("add-closure"), from: z.string(), to: z.string(), note: z.string().max(200).optional() }),
  z.object({ intent: z.literal("remove-closure"), index: z.coerce.number().int().min(0) }),
]);

export const retailerStandingSchema = z.object({ intent: z.literal("propose"), relation: z.string(), effectiveFrom: optionalDate, q: grid });

export const proposalDecisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept"), id: z.string(), effectiveFrom: optionalDate }),
  z.object({ intent: z.literal("reject"), id: z.string(), reason: z.string().trim().min(1).max(500) }),
]);

export const calendarPageSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add-closure"), from: z.string(), to: z.string(), note: z.string().max(200).optional() }),
  z.object({ intent: z.literal("remove-closure"), index: z.coerce.number().int().min(0) }),
  z.object({
    intent: z.literal("planning"),
    product: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string())),
    days: z.record(z.string(), checkedDays).optional(),
  }),
]);

export const differencePageSchema = z.object({
  intent: z.literal("difference"),
  producer: z.string(),
  date: z.string(),
  d: z.record(z.string(), intField(-1_000_000, 1_000_000)).optional(),
  addFormat: z.string().optional(),
  addQuantity: intField(1, 1_000_000),
});

/** The deltas typed per item, plus the item added from the catalog. */
export function deltasFromFields(value: z.output<typeof differencePageSchema>): { formatId: string; delta: number }[] {
  const lines = Object.entries(value.d ?? {}).flatMap(([formatId, delta]) => (delta ? [{ formatId, delta }] : []));
  if (value.addFormat && value.addQuantity) lines.push({ formatId: value.addFormat, delta: value.addQuantity });
  if (lines.length === 0) throw validationError({ d: "standing.error.noDifference" });
  return lines;
}
