import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeTotals, LINE_KINDS, type PricedLineInput } from "./totals";

const line = fc.record({
  kind: fc.constantFrom(...LINE_KINDS),
  quantity: fc.integer({ min: 1, max: 1_000_000 }),
  unitPrice4: fc.integer({ min: 0, max: 100_000_000 }),
  discountBps: fc.integer({ min: 0, max: 10_000 }),
  taxRateBps: fc.integer({ min: 0, max: 3_000 }),
  depositCents: fc.integer({ min: 0, max: 10_000 }),
});
const options = fc.record({ taxesEnabled: fc.boolean(), depositsEnabled: fc.boolean() });

describe("order totals", () => {
  it("prices a brewery order the way an accountant would", () => {
    const lines: PricedLineInput[] = [
      // 10 cases at 42.00 with 5 % off, 20 % VAT, 6.00 deposit per case
      { kind: "ITEM", quantity: 10, unitPrice4: 420_000, discountBps: 500, taxRateBps: 2000, depositCents: 600 },
      // delivery fee 15.00, 20 % VAT
      { kind: "FEE", quantity: 1, unitPrice4: 150_000, discountBps: 0, taxRateBps: 2000, depositCents: 0 },
      // goodwill rebate 5.00, 20 % VAT
      { kind: "REBATE", quantity: 1, unitPrice4: 50_000, discountBps: 0, taxRateBps: 2000, depositCents: 0 },
    ];
    const { totals, lines: priced } = computeTotals(lines, { taxesEnabled: true, depositsEnabled: true });
    expect(priced.map((l) => l.totalCents)).toEqual([39_900, 1_500, -500]);
    expect(totals).toEqual({ subtotalCents: 43_000, discountCents: 2_100, taxCents: 8_180, depositCents: 6_000, totalCents: 55_080 });
    const bare = computeTotals(lines, { taxesEnabled: false, depositsEnabled: false }).totals;
    expect(bare).toEqual({ subtotalCents: 43_000, discountCents: 2_100, taxCents: 0, depositCents: 0, totalCents: 40_900 });
  });

  it("adds up: total = subtotal − discount + tax + deposit = Σ line parts", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), options, (lines, opts) => {
        const { totals, lines: priced } = computeTotals(lines, opts);
        expect(totals.totalCents).toBe(totals.subtotalCents - totals.discountCents + totals.taxCents + totals.depositCents);
        expect(totals.totalCents).toBe(priced.reduce((a, l) => a + l.totalCents + l.taxCents + l.depositCents, 0));
        for (const amount of Object.values(totals)) expect(Number.isInteger(amount)).toBe(true);
      }),
    );
  });

  it("does not depend on the order of the lines", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), options, (lines, opts) => {
        expect(computeTotals([...lines].reverse(), opts).totals).toEqual(computeTotals(lines, opts).totals);
      }),
    );
  });

  it("removing taxes or deposits only removes them", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
        const all = computeTotals(lines, { taxesEnabled: true, depositsEnabled: true }).totals;
        const noTax = computeTotals(lines, { taxesEnabled: false, depositsEnabled: true }).totals;
        const noDeposit = computeTotals(lines, { taxesEnabled: true, depositsEnabled: false }).totals;
        expect(noTax.totalCents).toBe(all.totalCents - all.taxCents);
        expect(noDeposit.totalCents).toBe(all.totalCents - all.depositCents);
        expect(noTax.taxCents).toBe(0);
        expect(noDeposit.depositCents).toBe(0);
      }),
    );
  });

  it("a discount never makes an item line cost more, and never below zero", () => {
    fc.assert(
      fc.property(line, options, (l, opts) => {
        const item = { ...l, kind: "ITEM" as const };
        const [priced] = computeTotals([item], opts).lines;
        expect(priced.totalCents).toBeLessThanOrEqual(priced.grossCents);
        expect(priced.totalCents).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("a rebate lowers the total by exactly what the same fee would raise it", () => {
    fc.assert(
      fc.property(line, options, (l, opts) => {
        const fee = computeTotals([{ ...l, kind: "FEE" }], opts).totals;
        const rebate = computeTotals([{ ...l, kind: "REBATE" }], opts).totals;
        expect(rebate.totalCents + fee.totalCents).toBe(0);
      }),
    );
  });
});
