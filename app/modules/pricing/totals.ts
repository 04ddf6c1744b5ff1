// Order totals: one pure function used by pages, the API, PDFs and (later) invoices.
// Per line, with the single rounding rule of app/utils/money.ts applied once per amount:
//   gross    = unit price × quantity            (negative for a REBATE line)
//   discount = gross × discount rate
//   net      = gross − discount                  (the line's totalCents)
//   tax      = net × tax rate                    (0 when taxes are removed from the order)
//   deposit  = deposit per unit × quantity       (0 when deposits are removed; deposits bear no tax)
// Order: subtotal = Σ gross, discount = Σ discount, tax = Σ tax, deposit = Σ deposit,
//        total = subtotal − discount + tax + deposit.
// Bounds: every line amount within ±MAX_LINE_CENTS and every order amount within ±MAX_DOCUMENT_CENTS
// (app/utils/money.ts); outOfBounds says where a priced order breaks them, before it is written.
import { applyBps, lineAmountCents, MAX_DOCUMENT_CENTS, MAX_LINE_CENTS } from "~/utils/money";

export const LINE_KINDS = ["ITEM", "FEE", "REBATE"] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export type PricedLineInput = {
  kind: LineKind;
  quantity: number;
  unitPrice4: number;
  discountBps: number;
  taxRateBps: number;
  depositCents: number;
};

export type PricingOptions = { taxesEnabled: boolean; depositsEnabled: boolean };

export type LineAmounts = { grossCents: number; discountCents: number; totalCents: number; taxCents: number; depositCents: number };

export type OrderTotals = {
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  depositCents: number;
  totalCents: number;
};

export function priceLine(line: PricedLineInput, options: PricingOptions): LineAmounts {
  const sign = line.kind === "REBATE" ? -1 : 1;
  const grossCents = sign * lineAmountCents(line.unitPrice4, line.quantity);
  const discountCents = applyBps(grossCents, line.discountBps);
  const totalCents = grossCents - discountCents;
  const taxCents = options.taxesEnabled ? applyBps(totalCents, line.taxRateBps) : 0;
  const depositCents = options.depositsEnabled && line.kind === "ITEM" ? line.depositCents * line.quantity : 0;
  return { grossCents, discountCents, totalCents, taxCents, depositCents };
}

export function computeTotals(lines: readonly PricedLineInput[], options: PricingOptions): { lines: LineAmounts[]; totals: OrderTotals } {
  const priced = lines.map((line) => priceLine(line, options));
  const sum = (pick: (l: LineAmounts) => number) => priced.reduce((acc, l) => acc + pick(l), 0);
  const subtotalCents = sum((l) => l.grossCents);
  const discountCents = sum((l) => l.discountCents);
  const taxCents = sum((l) => l.taxCents);
  const depositCents = sum((l) => l.depositCents);
  return {
    lines: priced,
    totals: { subtotalCents, discountCents, taxCents, depositCents, totalCents: subtotalCents - discountCents + taxCents + depositCents },
  };
}

/** What makes a line too large: its price × quantity (gross, discount, tax) or its deposit × quantity. */
export type LineExcess = { index: number; cause: "price" | "deposit" };

/**
 * Where priced amounts exceed the bounds: the lines too large, and whether the order's totals are
 * (checked only when every line is within bounds, so that the sums are exact).
 */
export function outOfBounds(priced: { lines: readonly LineAmounts[]; totals: OrderTotals }): { lines: LineExcess[]; order: boolean } {
  const tooLarge = (cents: number, max: number) => !Number.isSafeInteger(cents) || Math.abs(cents) > max;
  const lines: LineExcess[] = [];
  priced.lines.forEach((l, index) => {
    if ([l.grossCents, l.discountCents, l.totalCents, l.taxCents].some((c) => tooLarge(c, MAX_LINE_CENTS))) lines.push({ index, cause: "price" });
    else if (tooLarge(l.depositCents, MAX_LINE_CENTS)) lines.push({ index, cause: "deposit" });
  });
  const order = lines.length === 0 && Object.values(priced.totals).some((c) => tooLarge(c, MAX_DOCUMENT_CENTS));
  return { lines, order };
}
