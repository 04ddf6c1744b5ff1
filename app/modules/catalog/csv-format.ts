// The catalog's CSV file: one row per format (a product without formats gets one row with empty format
// columns). Headers and yes/no words follow the user's language on export; import accepts both
// languages, either delimiter and either decimal mark, so that export → import changes nothing.
import type { CsvDelimiter } from "~/utils/csv";
import { messages, type MessageKey } from "~/locales";
import { toDecimalString } from "~/utils/money";
import { foldText } from "~/utils/text";

export const CSV_COLUMNS = [
  "sku",
  "product_name",
  "family",
  "description",
  "product_active",
  "format_name",
  "unit_price",
  "deposit",
  "tax_rate",
  "format_active",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly CsvColumn[] = ["sku", "product_name", "format_name", "unit_price"];

export function columnLabelKey(column: CsvColumn): MessageKey {
  return `catalog.csv.col.${column}` as MessageKey;
}

/** "Prix unitaire (€)" → "prix_unitaire". */
export function normalizeHeader(text: string): string {
  return foldText(text)
    .replace(/\(.*?\)/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

const EXTRA_ALIASES: Record<string, CsvColumn> = {
  reference: "sku",
  name: "product_name",
  product: "product_name",
  nom: "product_name",
  nom_produit: "product_name",
  format: "format_name",
  price: "unit_price",
  prix: "unit_price",
  tax: "tax_rate",
  tva: "tax_rate",
  vat: "tax_rate",
  active: "product_active",
  actif: "product_active",
};

const HEADER_ALIASES: Map<string, CsvColumn> = (() => {
  const map = new Map<string, CsvColumn>(Object.entries(EXTRA_ALIASES));
  for (const column of CSV_COLUMNS) {
    map.set(column, column);
    map.set(normalizeHeader(messages.en[columnLabelKey(column)]), column);
    map.set(normalizeHeader(messages.fr[columnLabelKey(column)]), column);
  }
  return map;
})();

/** Header row → index of each known column; unknown headers are ignored (notes columns are fine). */
export function mapHeader(header: string[]): { indexes: Partial<Record<CsvColumn, number>>; missing: CsvColumn[] } {
  const indexes: Partial<Record<CsvColumn, number>> = {};
  header.forEach((text, index) => {
    const column = HEADER_ALIASES.get(normalizeHeader(text));
    if (column && indexes[column] === undefined) indexes[column] = index;
  });
  return { indexes, missing: REQUIRED_COLUMNS.filter((c) => indexes[c] === undefined) };
}

/** The decimal mark of a locale: "fr-FR" → ",", "en-GB" → ".". */
export function decimalMarkOf(locale: string): "," | "." {
  const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal");
  return part?.value === "," ? "," : ".";
}

/** A decimal comma goes with ";" (what spreadsheets expect in those locales); a decimal point with ",". */
export function delimiterFor(decimalMark: "," | "."): CsvDelimiter {
  return decimalMark === "," ? ";" : ",";
}

export function formatDecimal(value: number, decimals: number, minDecimals: number, decimalMark: "," | "."): string {
  const text = toDecimalString(value, decimals, minDecimals);
  return decimalMark === "," ? text.replace(".", ",") : text;
}

const TRUE_WORDS = new Set(["1", "yes", "y", "true", "oui", "o", "vrai", "x", "active", "actif", "on"]);
const FALSE_WORDS = new Set(["0", "no", "n", "false", "non", "faux", "inactive", "inactif", "off"]);

/** yes/no, oui/non, 1/0, true/false; empty means active. null when not a yes/no word. */
export function parseYesNo(text: string): boolean | null {
  const word = foldText(text);
  if (word === "") return true;
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}
