// The bakery's slicing fee (BakerySettings.slicingFee4, e.g. 0,200 per loaf): one line of its own,
// per sliced unit, on the delivery note and on the order a validated day makes. Written once here
// so that the note and the invoice never disagree.
import type { DayOrderLine } from "./day-orders";

export type SlicingFee = { quantity: number; unitPrice4: number };

/** The fee line of a day order's lines, or null when nothing is sliced or the fee is 0. */
export function slicingFee(lines: readonly Pick<DayOrderLine, "sliced" | "quantity">[], slicingFee4: number): SlicingFee | null {
  const quantity = lines.reduce((sum, line) => sum + (line.sliced ? line.quantity : 0), 0);
  return quantity > 0 && slicingFee4 > 0 ? { quantity, unitPrice4: slicingFee4 } : null;
}
