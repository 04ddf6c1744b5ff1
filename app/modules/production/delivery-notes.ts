// A delivery note (the seed's "note d'envoi") of one customer and date, from its day order (pure:
// the single note and the all-notes PDF share it, and it is unit-tested): the lines with their unit
// prices shown with the producer's decimals (BakerySettings.unitPriceDecimals, e.g. "0,950"), the
// slicing fee as its own line (../bakery/slicing.ts, the same rule as the order a validated day makes)
// and the total. Round and position: the customer's place among the date's deliveries of its round.
import { divRound, lineAmountCents, toDecimalString } from "~/utils/money";
import type { AdjustedDayOrder } from "../bakery/differences";
import { slicingFee } from "../bakery/slicing";

export type DeliveryNoteLine = { description: string; quantity: number; unitPrice4: number; totalCents: number };

export type DeliveryNote = {
  customerId: string;
  customerSlug: string;
  customerName: string;
  round: number;
  /** 1-based place in its round on that date. */
  position: number;
  /** The real order's number once there is one (validated date, or an order placed for it). */
  orderNumber: number | null;
  lines: DeliveryNoteLine[];
  slicing: DeliveryNoteLine | null;
  totalCents: number;
};

/** The notes of a date's day orders (already in round order, `byRound`). */
export function deliveryNotes(orders: readonly AdjustedDayOrder[], slicingFee4: number): DeliveryNote[] {
  const positions = new Map<number, number>();
  return orders.map((order) => {
    const position = (positions.get(order.round) ?? 0) + 1;
    positions.set(order.round, position);
    const lines = order.lines.map((line) => ({ description: line.description, quantity: line.quantity, unitPrice4: line.unitPrice4, totalCents: lineAmountCents(line.unitPrice4, line.quantity) }));
    const fee = slicingFee(order.lines, slicingFee4);
    const slicing = fee ? { description: "", quantity: fee.quantity, unitPrice4: fee.unitPrice4, totalCents: lineAmountCents(fee.unitPrice4, fee.quantity) } : null;
    return {
      customerId: order.customer.id,
      customerSlug: order.customer.slug,
      customerName: order.customer.name,
      round: order.round,
      position,
      orderNumber: order.order?.number ?? null,
      lines,
      slicing,
      totalCents: lines.reduce((sum, l) => sum + l.totalCents, 0) + (slicing?.totalCents ?? 0),
    };
  });
}

const formats = new Map<string, Intl.NumberFormat>();

/** A unit price with exactly `decimals` decimals (1–4), rounded half away from zero: 9500 → "0,950 €" (fr-BE, 3). */
export function formatUnitPriceFixed(unitPrice4: number, currency: string, locale: string, decimals: number): string {
  const places = Math.min(4, Math.max(1, Math.trunc(decimals)));
  const exact = divRound(BigInt(unitPrice4), 10n ** BigInt(4 - places));
  const key = `${locale}|${currency}|${places}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: places, maximumFractionDigits: places })));
  return format.format(toDecimalString(Number(exact), places, places) as unknown as number);
}
