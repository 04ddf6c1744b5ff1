// The order lines a standing day order becomes when its date is validated (pure, unit-tested beside):
// its items at the day order's unit prices (the customer's special prices included) with the
// catalog's tax rates and deposits, then the slicing fee as its own line (bakery/slicing.ts), taxed
// like the bread it is charged on.
import type { DayOrderLine } from "../bakery/day-orders";
import { slicingFee } from "../bakery/slicing";
import type { LineDraft } from "../order/order-lines.server";

export type CatalogCharges = Map<string, { taxRateBps: number; depositCents: number }>;

/** The order lines of a day order: its items at their unit prices with the catalog's charges, then the slicing fee. */
export function draftLines(lines: readonly DayOrderLine[], charges: CatalogCharges, fee: { slicingFee4: number; label: string }): LineDraft[] {
  const items: LineDraft[] = lines.map((line) => ({
    kind: "ITEM",
    formatId: line.formatId,
    description: line.description,
    quantity: line.quantity,
    unitPrice4: line.unitPrice4,
    discountBps: 0,
    taxRateBps: charges.get(line.formatId)?.taxRateBps ?? 0,
    depositCents: charges.get(line.formatId)?.depositCents ?? 0,
  }));
  const slicing = slicingFee(lines, fee.slicingFee4);
  if (!slicing) return items;
  // The fee bears the tax of the bread it is charged on.
  const slicedRate = charges.get(lines.find((l) => l.sliced)!.formatId)?.taxRateBps ?? 0;
  return [...items, { kind: "FEE", formatId: null, description: fee.label, quantity: slicing.quantity, unitPrice4: slicing.unitPrice4, discountBps: 0, taxRateBps: slicedRate, depositCents: 0 }];
}
