import { describe, expect, it } from "vitest";
import { buildProductionList, type ProductionFormat } from "./production";

const formats = new Map<string, ProductionFormat>(
  [
    { formatId: "bag", formatName: "Pièce", productId: "p-bag", productName: "Baguette", family: "1" },
    { formatId: "gris", formatName: "Pièce", productId: "p-gris", productName: "Pain gris", family: "2" },
    { formatId: "gris-t", formatName: "Tranché", productId: "p-gris", productName: "Pain gris", family: "2" },
    { formatId: "crois", formatName: "Pièce", productId: "p-crois", productName: "Croissant", family: "3" },
    { formatId: "eclair", formatName: "Pièce", productId: "p-eclair", productName: "Éclair", family: "8" },
    { formatId: "tarte", formatName: "Pièce", productId: "p-tarte", productName: "Tarte", family: "10" },
  ].map((f) => [f.formatId, f]),
);

const base = { date: "2027-01-05", validated: false, leftoverDate: "2027-01-04", formats, families: [] as string[], leftoverFamilies: [] as string[] };

describe("the production list", () => {
  it("adds orders and shop orders per product (all its formats), deducts leftovers, never below 0", () => {
    const list = buildProductionList({
      ...base,
      orderLines: [{ formatId: "gris", quantity: 10 }, { formatId: "gris-t", quantity: 4 }, { formatId: "crois", quantity: 5 }, { formatId: "gris", quantity: 1 }],
      shopLines: [{ formatId: "gris", quantity: 2 }, { formatId: "crois", quantity: 1 }],
      leftovers: [{ formatId: "gris-t", quantity: 3 }, { formatId: "crois", quantity: 9 }],
    });
    expect(list.families.map((f) => f.family)).toEqual(["2", "3"]);
    const gris = list.families[0].items[0];
    expect(gris).toMatchObject({ productId: "p-gris", name: "Pain gris", fromOrders: 15, fromShop: 2, leftovers: 3, quantity: 14 });
    expect(gris.formats.map((f) => [f.name, f.fromOrders, f.fromShop, f.leftovers])).toEqual([["Pièce", 11, 2, 0], ["Tranché", 4, 0, 3]]);
    expect(list.families[1].items[0]).toMatchObject({ fromOrders: 5, fromShop: 1, leftovers: 9, quantity: 0 });
  });

  it("sorts families as numbers and products by name, and filters families", () => {
    const lines = [...formats.keys()].map((formatId) => ({ formatId, quantity: 1 }));
    const all = buildProductionList({ ...base, orderLines: lines, shopLines: [], leftovers: [] });
    expect(all.families.map((f) => f.family)).toEqual(["1", "2", "3", "8", "10"]);
    const pastry = buildProductionList({ ...base, families: ["3", "8", "9"], orderLines: lines, shopLines: [], leftovers: [] });
    expect(pastry.families.map((f) => f.family)).toEqual(["3", "8"]);
    expect(pastry.filter).toEqual(["3", "8", "9"]);
  });

  it("deducts leftovers only from the leftover families when some are named", () => {
    const list = buildProductionList({
      ...base,
      leftoverFamilies: ["3"],
      orderLines: [{ formatId: "bag", quantity: 10 }, { formatId: "crois", quantity: 10 }],
      shopLines: [],
      leftovers: [{ formatId: "bag", quantity: 4 }, { formatId: "crois", quantity: 4 }],
    });
    expect(list.families.map((f) => [f.family, f.items[0].leftovers, f.items[0].quantity])).toEqual([["1", 0, 10], ["3", 4, 6]]);
  });
});
