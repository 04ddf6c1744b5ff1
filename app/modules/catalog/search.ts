// Catalog search, forgiving of case and accents ("eclair" finds "Éclair au café"). Done in memory on
// one producer's products: catalogs are small.
import { foldText } from "~/utils/text";

type Searchable = { name: string; sku: string; family: string };

export function filterProducts<P extends Searchable>(products: P[], filter: { q?: string; family?: string }): P[] {
  const q = filter.q ? foldText(filter.q) : "";
  return products.filter(
    (p) =>
      (!filter.family || p.family === filter.family) &&
      (!q || foldText(p.name).includes(q) || foldText(p.sku).includes(q)),
  );
}

/** Distinct non-empty families, in alphabetical order. */
export function familiesOf(products: { family: string }[]): string[] {
  return [...new Set(products.map((p) => p.family).filter(Boolean))].sort((a, b) => a.localeCompare(b));
}

/** Products sorted by family (products without a family last), then name. */
export function sortProducts<P extends { family: string; name: string }>(products: P[]): P[] {
  return [...products].sort((a, b) => {
    if (a.family !== b.family) {
      if (!a.family) return 1;
      if (!b.family) return -1;
      return a.family.localeCompare(b.family);
    }
    return a.name.localeCompare(b.name);
  });
}
