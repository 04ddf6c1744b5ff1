import { describe, expect, it } from "vitest";
import { draftLines } from "./order-drafts";

const line = (formatId: string, quantity: number, sliced = false) => ({ formatId, productId: `p-${formatId}`, description: formatId, quantity, unitPrice4: 28_000, sliced });
const charges = new Map([
  ["bread", { taxRateBps: 600, depositCents: 0 }],
  ["crate", { taxRateBps: 2100, depositCents: 150 }],
]);

describe("the order lines of a validated day order", () => {
  it("keep the day order's prices with the catalog's tax and deposit, and add the slicing fee per sliced unit", () => {
    const drafts = draftLines([line("bread", 3, true), line("crate", 1)], charges, { slicingFee4: 2_000, label: "Tranchage" });
    expect(drafts.map((d) => [d.kind, d.formatId, d.quantity, d.unitPrice4, d.taxRateBps, d.depositCents, d.discountBps])).toEqual([
      ["ITEM", "bread", 3, 28_000, 600, 0, 0],
      ["ITEM", "crate", 1, 28_000, 2100, 150, 0],
      ["FEE", null, 3, 2_000, 600, 0, 0],
    ]);
    expect(drafts[2].description).toBe("Tranchage");
  });

  it("have no fee line without sliced units or with a zero fee", () => {
    expect(draftLines([line("bread", 3)], charges, { slicingFee4: 2_000, label: "x" }).map((d) => d.kind)).toEqual(["ITEM"]);
    expect(draftLines([line("bread", 3, true)], charges, { slicingFee4: 0, label: "x" }).map((d) => d.kind)).toEqual(["ITEM"]);
  });
});
