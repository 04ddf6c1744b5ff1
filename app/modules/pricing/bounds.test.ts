// The amount bounds (app/utils/money.ts) as the pricing module applies them: whatever the inputs within
// their own documented ranges, an order that passes outOfBounds has exact totals within the bounds.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_CENTS, MAX_DOCUMENT_CENTS, MAX_LINE_CENTS, MAX_UNIT_PRICE4 } from "~/utils/money";
import { computeTotals, LINE_KINDS, outOfBounds, type PricedLineInput } from "./totals";

const line = fc.record({
  kind: fc.constantFrom(...LINE_KINDS),
  quantity: fc.integer({ min: 1, max: 1_000_000 }),
  unitPrice4: fc.integer({ min: 0, max: MAX_UNIT_PRICE4 }),
  discountBps: fc.integer({ min: 0, max: 10_000 }),
  taxRateBps: fc.integer({ min: 0, max: 10_000 }),
  depositCents: fc.integer({ min: 0, max: MAX_CENTS }),
});
const options = fc.record({ taxesEnabled: fc.boolean(), depositsEnabled: fc.boolean() });
const fee = (quantity: number, unitPrice4: number): PricedLineInput => ({ kind: "FEE", quantity, unitPrice4, discountBps: 0, taxRateBps: 2000, depositCents: 0 });

describe("amount bounds", () => {
  it("accepts only orders whose every line and total is within bounds, and then every amount is exact", () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 500 }), options, (lines, flags) => {
        const priced = computeTotals(lines, flags);
        const excess = outOfBounds(priced);
        if (excess.lines.length || excess.order) return;
        for (const l of priced.lines) for (const cents of Object.values(l)) expect(Math.abs(cents)).toBeLessThanOrEqual(MAX_LINE_CENTS);
        for (const cents of Object.values(priced.totals)) {
          expect(Number.isSafeInteger(cents)).toBe(true);
          expect(Math.abs(cents)).toBeLessThanOrEqual(MAX_DOCUMENT_CENTS);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("names the lines too large, and the order only when every line fits", () => {
    // 1,000,000 × 1,000,000.00 = 10^14 cents: a line too large, by its price.
    const huge = computeTotals([fee(1, 10_000), fee(1_000_000, MAX_UNIT_PRICE4)], { taxesEnabled: true, depositsEnabled: true });
    expect(outOfBounds(huge)).toEqual({ lines: [{ index: 1, cause: "price" }], order: false });
    // 1,000,000 deposits of 10,000,000.00: too large by its deposit.
    const deposits = computeTotals([{ ...fee(1_000_000, 0), kind: "ITEM", depositCents: MAX_CENTS }], { taxesEnabled: true, depositsEnabled: true });
    expect(outOfBounds(deposits)).toEqual({ lines: [{ index: 0, cause: "deposit" }], order: false });
    // Ten lines at the line bound (10^11 cents) exceed the order's 10^12 once taxed.
    const many = computeTotals(Array.from({ length: 10 }, () => fee(1_000_000, 10_000_000)), { taxesEnabled: true, depositsEnabled: true });
    expect(outOfBounds(many)).toEqual({ lines: [], order: true });
    const untaxed = computeTotals(Array.from({ length: 10 }, () => fee(1_000_000, 10_000_000)), { taxesEnabled: false, depositsEnabled: true });
    expect(outOfBounds(untaxed)).toEqual({ lines: [], order: false });
  });
});
