import { describe, expect, it } from "vitest";
import type { AdjustedDayOrder } from "../bakery/differences";
import { deliveryNotes, formatUnitPriceFixed } from "./delivery-notes";

function order(name: string, round: number, lines: { quantity: number; unitPrice4: number; sliced?: boolean }[]): AdjustedDayOrder {
  return {
    relationId: `r-${name}`, customer: { id: name, slug: name, name }, source: "STANDING", intake: "STANDING", round, roundPosition: 0, order: null, standingOrderId: null, differences: [],
    lines: lines.map((l, i) => ({ formatId: `f${i}`, productId: `p${i}`, description: `Item ${i}`, quantity: l.quantity, unitPrice4: l.unitPrice4, sliced: l.sliced ?? false })),
  };
}

describe("delivery notes", () => {
  it("show the slicing fee per sliced unit as its own line, the total and the place in the round", () => {
    const notes = deliveryNotes([order("A", 1, [{ quantity: 3, unitPrice4: 9_500 }]), order("B", 1, [{ quantity: 4, unitPrice4: 28_000, sliced: true }]), order("C", 2, [{ quantity: 1, unitPrice4: 11_000 }])], 2_000);
    expect(notes.map((n) => [n.customerName, n.round, n.position])).toEqual([["A", 1, 1], ["B", 1, 2], ["C", 2, 1]]);
    expect(notes[0]).toMatchObject({ slicing: null, totalCents: 285 });
    expect(notes[1].slicing).toMatchObject({ quantity: 4, unitPrice4: 2_000, totalCents: 80 });
    expect(notes[1].totalCents).toBe(1_120 + 80);
  });

  it("write unit prices with the producer's decimals", () => {
    const plain = (text: string) => text.replace(/\s/g, " ");
    expect(plain(formatUnitPriceFixed(9_500, "EUR", "fr-BE", 3))).toBe("0,950 €");
    expect(plain(formatUnitPriceFixed(9_550, "EUR", "fr-BE", 1))).toBe("1,0 €");
    expect(plain(formatUnitPriceFixed(12_345, "EUR", "fr-BE", 4))).toBe("1,2345 €");
    expect(formatUnitPriceFixed(2_000, "EUR", "en-GB", 3)).toBe("€0.200");
  });
});
