import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyBps,
  discountedUnitPrice4,
  divRound,
  formatCents,
  formatUnitPrice4,
  lineAmountCents,
  parseCents,
  parseUnitPrice4,
  toDecimalString,
} from "./money";

describe("divRound — the one rounding rule (half away from zero)", () => {
  it("rounds halves away from zero", () => {
    expect(divRound(5n, 10n)).toBe(1n);
    expect(divRound(15n, 10n)).toBe(2n);
    expect(divRound(25n, 10n)).toBe(3n);
    expect(divRound(-5n, 10n)).toBe(-1n);
    expect(divRound(-25n, 10n)).toBe(-3n);
    expect(divRound(4n, 10n)).toBe(0n);
    expect(divRound(-4n, 10n)).toBe(0n);
  });

  it("never lands more than half a unit from the exact quotient", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (n, d) => {
        const q = divRound(n, d);
        const error = q * d - n; // exact error scaled by d
        expect(2n * (error < 0n ? -error : error) <= d).toBe(true);
      }),
    );
  });

  it("is symmetric: rounding -n is minus rounding n", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (n, d) => {
        expect(divRound(-n, d)).toBe(-divRound(n, d));
      }),
    );
  });

  it("is exact on multiples", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (k, d) => {
        expect(divRound(k * d, d)).toBe(k);
      }),
    );
  });
});

describe("line amounts, rates and discounts", () => {
  it("prices a line once: 3 × 1.8500 = 5.55", () => {
    expect(lineAmountCents(18_500, 3)).toBe(555);
    expect(lineAmountCents(8_250, 7)).toBe(578); // 5.775 → 5.78
    expect(lineAmountCents(12_345, 1)).toBe(123); // 1.2345 → 1.23
  });

  it("applies basis points with the same rule", () => {
    expect(applyBps(10_000, 550)).toBe(550);
    expect(applyBps(555, 2000)).toBe(111);
    expect(applyBps(1, 5000)).toBe(1); // 0.5 cent → 1 cent
    expect(applyBps(-1, 5000)).toBe(-1);
  });

  it("keeps a line amount within half a cent of the exact product", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (unitPrice4, quantity) => {
        const cents = lineAmountCents(unitPrice4, quantity);
        const exactTimes100 = BigInt(unitPrice4) * BigInt(quantity); // in 1/10,000 units = cents × 100
        const diff = BigInt(cents) * 100n - exactTimes100;
        expect(2n * (diff < 0n ? -diff : diff) <= 100n).toBe(true);
      }),
    );
  });

  it("a discount never raises a price and 100 % makes it free", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 0, max: 10_000 }), (price, bps) => {
        const discounted = discountedUnitPrice4(price, bps);
        expect(discounted).toBeLessThanOrEqual(price);
        expect(discounted).toBeGreaterThanOrEqual(0);
      }),
    );
    expect(discountedUnitPrice4(18_500, 10_000)).toBe(0);
    expect(discountedUnitPrice4(18_500, 500)).toBe(17_575);
  });

  it("is additive: splitting a quantity never moves the total by more than a cent per line", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), (p, a, b) => {
        const together = lineAmountCents(p, a + b);
        const apart = lineAmountCents(p, a) + lineAmountCents(p, b);
        expect(Math.abs(together - apart)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe("parsing what people type", () => {
  it("reads comma and dot decimals exactly", () => {
    expect(parseUnitPrice4("1,85")).toBe(18_500);
    expect(parseUnitPrice4("1.850")).toBe(18_500);
    expect(parseUnitPrice4("0,825")).toBe(8_250);
    expect(parseUnitPrice4("1 234,5")).toBe(12_345_000);
    expect(parseCents("42")).toBe(4_200);
    expect(parseCents(",5")).toBe(50);
    expect(parseCents("-3,10")).toBe(-310);
  });

  it("refuses what is not an exact amount", () => {
    expect(parseCents("1,234")).toBeNull();
    expect(parseUnitPrice4("1,23456")).toBeNull();
    expect(parseCents("abc")).toBeNull();
    expect(parseCents("")).toBeNull();
    expect(parseCents("1,2,3")).toBeNull();
    expect(parseCents("1e3")).toBeNull();
  });

  it("round-trips every amount through its decimal text", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }), (cents) => {
        expect(parseCents(toDecimalString(cents, 2, 2))).toBe(cents);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (price) => {
        expect(parseUnitPrice4(toDecimalString(price, 4))).toBe(price);
      }),
    );
  });
});

describe("formatting with Intl", () => {
  it("formats money for the organization's locale and currency", () => {
    expect(formatCents(123_456, "EUR", "fr-FR")).toBe("1\u202f234,56\u00a0€");
    expect(formatCents(123_456, "EUR", "en-GB")).toBe("€1,234.56");
    expect(formatCents(-5, "EUR", "en-GB")).toBe("-€0.05");
  });

  it("shows unit prices with up to 3 decimals, exactly", () => {
    expect(formatUnitPrice4(8_250, "EUR", "fr-FR")).toBe("0,825\u00a0€");
    expect(formatUnitPrice4(18_500, "EUR", "en-GB")).toBe("€1.85");
    expect(formatUnitPrice4(12_345, "EUR", "en-GB")).toBe("€1.235"); // 4th decimal rounded half up
  });
});
