// Order totals: one pure function used by pages, the API, PDFs and (later) invoices.
// Per line, with the single rounding rule of app/utils/money.ts applied once per amount:
//   gross    = unit price × quantity            (negative for a REBATE line)
//   discount = gross × discount rate
//   net      = gross − discount                  (the line's totalCents)
//   tax      = net × tax rate                    (0 when taxes are removed from the order)
//   deposit  = deposit per unit × quantity       (0 when deposits are removed; deposits bear no tax)
// Order: subtotal = Σ gross, discount = Σ discount, tax = Σ tax, deposit = Σ deposit,
//        total = subtotal − discount + tax + deposit.
import { applyBps, lineAmountCents } from "~/utils/money";

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
