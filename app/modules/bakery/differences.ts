// A retailer's delivery differences (+/− per item) for a date, applied to its day order — the one
// rule the intake board, the production list, the delivery notes and the validation share. Until
// the date is validated, a day order shows every difference entered for it (received or taken in);
// validation writes the adjusted quantities into the real orders, so that a validated date's orders
// already hold them and nothing is applied twice.
import { z } from "zod";
import type { DayOrder, DayOrderLine, FormatInfo } from "./day-orders";

export const differenceLinesSchema = z
  .array(z.object({ formatId: z.string().min(1), delta: z.number().int().min(-1_000_000).max(1_000_000).refine((d) => d !== 0) }))
  .min(1)
  .max(200);
export type DifferenceLine = z.output<typeof differenceLinesSchema>[number];

export type DayDifference = { id: string; relationId: string; status: "RECEIVED" | "TAKEN_IN"; lines: DifferenceLine[] };

/** The stored lines of a difference (DeliveryDifference.lines); a row that does not parse is a corrupt database. */
export function parseDifferenceLines(text: string): DifferenceLine[] {
  const parsed = differenceLinesSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`Corrupt delivery difference: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * The lines once the deltas are added: a quantity never goes below 0 and a line at 0 is dropped; a
 * positive delta on an item the order does not hold adds it at `unitPriceOf(formatId)` (the customer's
 * special price, else the catalog's). Deltas on unknown formats are ignored.
 */
export function applyDeltas(
  lines: readonly DayOrderLine[],
  deltas: readonly DifferenceLine[],
  formats: ReadonlyMap<string, FormatInfo>,
  unitPriceOf: (formatId: string) => number | undefined = () => undefined,
): DayOrderLine[] {
  const result = lines.map((line) => ({ ...line }));
  for (const { formatId, delta } of deltas) {
    const line = result.find((l) => l.formatId === formatId);
    if (line) line.quantity = Math.max(0, line.quantity + delta);
    else if (delta > 0) {
      const format = formats.get(formatId);
      if (!format) continue;
      result.push({ formatId, productId: format.productId, description: format.description, quantity: delta, unitPrice4: unitPriceOf(formatId) ?? format.unitPrice4, sliced: format.sliced });
    }
  }
  return result.filter((line) => line.quantity > 0);
}

export type AdjustedDayOrder = DayOrder & { differences: { id: string; status: DayDifference["status"] }[] };

/**
 * Each day order with its customer's differences applied. A customer with differences but no day
 * order for the date (closed, or nothing standing) gets one made of the positive deltas, so that
 * nothing a retailer asked for is lost.
 */
export function withDifferences(
  orders: readonly DayOrder[],
  differences: readonly DayDifference[],
  formats: ReadonlyMap<string, FormatInfo>,
  extra: { customerOf: (relationId: string) => DayOrder["customer"] | undefined; unitPriceOf?: (relationId: string, formatId: string) => number | undefined },
): AdjustedDayOrder[] {
  const byRelation = new Map<string, DayDifference[]>();
  for (const difference of differences) byRelation.set(difference.relationId, [...(byRelation.get(difference.relationId) ?? []), difference]);
  const result: AdjustedDayOrder[] = orders.map((order) => {
    const own = byRelation.get(order.relationId) ?? [];
    byRelation.delete(order.relationId);
    if (own.length === 0) return { ...order, differences: [] };
    const lines = applyDeltas(order.lines, own.flatMap((d) => d.lines), formats, (formatId) => extra.unitPriceOf?.(order.relationId, formatId));
    return { ...order, lines, differences: own.map(({ id, status }) => ({ id, status })) };
  });
  for (const [relationId, own] of byRelation) {
    const customer = extra.customerOf(relationId);
    if (!customer) continue;
    const lines = applyDeltas([], own.flatMap((d) => d.lines), formats, (formatId) => extra.unitPriceOf?.(relationId, formatId));
    if (lines.length === 0) continue;
    result.push({
      relationId, customer, source: "STANDING", intake: "STANDING", round: 0, roundPosition: Number.MAX_SAFE_INTEGER,
      order: null, standingOrderId: null, lines, differences: own.map(({ id, status }) => ({ id, status })),
    });
  }
  return result;
}
