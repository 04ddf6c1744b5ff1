import { describe, expect, it } from "vitest";
import type { DayOrder, FormatInfo } from "./day-orders";
import { applyDeltas, withDifferences } from "./differences";

const formats = new Map<string, FormatInfo>([
  ["baguette", { productId: "p-b", description: "Baguette — Pièce", unitPrice4: 12_000, productionWeekdays: "1234567", sliced: false, active: true }],
  ["tarte", { productId: "p-t", description: "Tarte — Pièce", unitPrice4: 80_000, productionWeekdays: "1234567", sliced: false, active: true }],
]);
const baguettes = { formatId: "baguette", productId: "p-b", description: "Baguette — Pièce", quantity: 10, unitPrice4: 11_000, sliced: false };
const anna = { id: "org-anna", slug: "anna", name: "Anna" };

function dayOrder(relationId: string): DayOrder {
  return { relationId, customer: anna, source: "STANDING", intake: "STANDING", round: 1, roundPosition: 2, order: null, standingOrderId: "so", lines: [baguettes] };
}

describe("applyDeltas", () => {
  it("adds and removes, never below zero, dropping lines at zero", () => {
    expect(applyDeltas([baguettes], [{ formatId: "baguette", delta: -4 }], formats)[0].quantity).toBe(6);
    expect(applyDeltas([baguettes], [{ formatId: "baguette", delta: -40 }], formats)).toEqual([]);
  });

  it("adds a new item at the customer's price, else the catalog's, and ignores unknown items", () => {
    const lines = applyDeltas([baguettes], [{ formatId: "tarte", delta: 2 }, { formatId: "ghost", delta: 5 }, { formatId: "tarte", delta: -1 }], formats, () => 70_000);
    expect(lines).toEqual([baguettes, expect.objectContaining({ formatId: "tarte", quantity: 1, unitPrice4: 70_000 })]);
    expect(applyDeltas([], [{ formatId: "tarte", delta: 1 }], formats)[0].unitPrice4).toBe(80_000);
  });
});

describe("withDifferences", () => {
  it("applies each customer's differences to its own day order and lists them", () => {
    const [adjusted, other] = withDifferences(
      [dayOrder("rel-anna"), dayOrder("rel-bob")],
      [
        { id: "d1", relationId: "rel-anna", status: "RECEIVED", lines: [{ formatId: "baguette", delta: 2 }] },
        { id: "d2", relationId: "rel-anna", status: "TAKEN_IN", lines: [{ formatId: "baguette", delta: -1 }] },
      ],
      formats,
      { customerOf: () => anna },
    );
    expect(adjusted.lines[0].quantity).toBe(11);
    expect(adjusted.differences).toEqual([{ id: "d1", status: "RECEIVED" }, { id: "d2", status: "TAKEN_IN" }]);
    expect(other.lines[0].quantity).toBe(10);
    expect(other.differences).toEqual([]);
  });

  it("keeps what a customer without a day order asked for", () => {
    const orders = withDifferences([], [{ id: "d1", relationId: "rel-anna", status: "RECEIVED", lines: [{ formatId: "tarte", delta: 3 }, { formatId: "baguette", delta: -2 }] }], formats, { customerOf: () => anna });
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ relationId: "rel-anna", order: null, lines: [expect.objectContaining({ formatId: "tarte", quantity: 3 })] });
  });
});
