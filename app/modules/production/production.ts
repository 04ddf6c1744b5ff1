// The production list of a date — what the bakehouse makes, per product, grouped by family (pure, so
// that the API, the page and the PDF share it and it is unit-tested):
//   fromOrders = the date's day orders (standing, web, staff, rep; differences applied),
//   fromShop   = the shops' counter orders (OPEN or PICKED_UP) to pick up that date,
//   leftovers  = what the shops had left on date − leftoverOffsetDays, only for the leftover families
//                (none named: every family),
//   quantity   = max(0, fromOrders + fromShop − leftovers).
// Families are sorted (numbers as numbers: "3" before "10"), products by name.
import type { ProductionList } from "./schemas";

export type ProductionFormat = { formatId: string; formatName: string; productId: string; productName: string; family: string };
export type QuantityLine = { formatId: string; quantity: number };

/** Families back to text that parseFamilies (../bakery/settings.server.ts) reads the same way: "3 8 9", or "Pâte feuilletée, Pains" when a name holds a space. */
export function joinFamilies(families: readonly string[]): string {
  return families.some((f) => /\s/.test(f)) ? families.join(", ") : families.join(" ");
}

export function normalizeFamily(family: string): string {
  return family.trim().toLowerCase();
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

export function buildProductionList(input: {
  date: string;
  validated: boolean;
  leftoverDate: string;
  formats: ReadonlyMap<string, ProductionFormat>;
  orderLines: Iterable<QuantityLine>;
  shopLines: Iterable<QuantityLine>;
  leftovers: Iterable<QuantityLine>;
  /** Families to list (empty: all). */
  families: readonly string[];
  /** Families leftovers are deducted from (empty: all). */
  leftoverFamilies: readonly string[];
}): ProductionList {
  const wanted = new Set(input.families.map(normalizeFamily));
  const deducted = new Set(input.leftoverFamilies.map(normalizeFamily));
  type Row = { fromOrders: number; fromShop: number; leftovers: number };
  const byFormat = new Map<string, Row>();
  const add = (lines: Iterable<QuantityLine>, column: keyof Row) => {
    for (const line of lines) {
      const format = input.formats.get(line.formatId);
      if (!format || line.quantity === 0) continue;
      if (wanted.size && !wanted.has(normalizeFamily(format.family))) continue;
      if (column === "leftovers" && deducted.size && !deducted.has(normalizeFamily(format.family))) continue;
      let row = byFormat.get(line.formatId);
      if (!row) byFormat.set(line.formatId, (row = { fromOrders: 0, fromShop: 0, leftovers: 0 }));
      row[column] += line.quantity;
    }
  };
  add(input.orderLines, "fromOrders");
  add(input.shopLines, "fromShop");
  add(input.leftovers, "leftovers");

  type Item = ProductionList["families"][number]["items"][number];
  const items = new Map<string, Item & { family: string }>();
  for (const [formatId, row] of byFormat) {
    const format = input.formats.get(formatId)!;
    let item = items.get(format.productId);
    if (!item) {
      item = { family: format.family, productId: format.productId, name: format.productName, quantity: 0, fromOrders: 0, fromShop: 0, leftovers: 0, formats: [] };
      items.set(format.productId, item);
    }
    item.fromOrders += row.fromOrders;
    item.fromShop += row.fromShop;
    item.leftovers += row.leftovers;
    item.formats.push({ formatId, name: format.formatName, ...row });
  }
  const families = new Map<string, Item[]>();
  for (const { family, ...item } of items.values()) {
    item.quantity = Math.max(0, item.fromOrders + item.fromShop - item.leftovers);
    item.formats.sort((a, b) => collator.compare(a.name, b.name) || a.formatId.localeCompare(b.formatId));
    families.set(family, [...(families.get(family) ?? []), item]);
  }
  return {
    date: input.date,
    validated: input.validated,
    leftoverDate: input.leftoverDate,
    filter: [...input.families],
    families: [...families]
      .sort(([a], [b]) => collator.compare(a, b) || a.localeCompare(b))
      .map(([family, list]) => ({ family, items: list.sort((a, b) => collator.compare(a.name, b.name) || a.productId.localeCompare(b.productId)) })),
  };
}
