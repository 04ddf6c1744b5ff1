// Catalog → CSV (UTF-8 with a byte-order mark so that spreadsheet programs read accents right).
import { protectFormula, serializeCsv } from "~/utils/csv";
import { getDb } from "~/utils/db.server";
import { translate, type Language } from "~/utils/i18n";
import type { OrgActor } from "../org/actor";
import { requireCatalogOwner } from "./access.server";
import { CSV_COLUMNS, columnLabelKey, decimalMarkOf, delimiterFor, formatDecimal, type CsvColumn } from "./csv-format";
import { sortProducts } from "./search";

export async function exportCatalogCsv(actor: OrgActor, language: Language): Promise<{ filename: string; text: string }> {
  const producerId = requireCatalogOwner(actor, "catalog:read");
  const db = getDb();
  const [org, products] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: producerId }, select: { slug: true, locale: true } }),
    db.product.findMany({
      where: { producerId },
      select: {
        sku: true,
        name: true,
        family: true,
        description: true,
        active: true,
        formats: {
          where: { producerId },
          select: { name: true, unitPrice4: true, depositCents: true, active: true, taxRate: { select: { rateBps: true } } },
          orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        },
      },
    }),
  ]);
  const mark = decimalMarkOf(org.locale);
  const yesNo = (value: boolean) => translate(language, value ? "catalog.csv.yes" : "catalog.csv.no");
  const rows: string[][] = [CSV_COLUMNS.map((c) => translate(language, columnLabelKey(c)))];
  for (const product of sortProducts(products)) {
    const productPart: Pick<Record<CsvColumn, string>, "sku" | "product_name" | "family" | "description" | "product_active"> = {
      sku: product.sku,
      product_name: product.name,
      family: product.family,
      description: product.description,
      product_active: yesNo(product.active),
    };
    const formats = product.formats.length ? product.formats : [null];
    for (const format of formats) {
      const row: Record<CsvColumn, string> = {
        ...productPart,
        format_name: format?.name ?? "",
        unit_price: format ? formatDecimal(format.unitPrice4, 4, 2, mark) : "",
        deposit: format ? formatDecimal(format.depositCents, 2, 2, mark) : "",
        tax_rate: format ? formatDecimal(format.taxRate.rateBps, 2, 0, mark) : "",
        format_active: format ? yesNo(format.active) : "",
      };
      rows.push(CSV_COLUMNS.map((c) => protectFormula(row[c])));
    }
  }
  const date = new Date().toISOString().slice(0, 10);
  return {
    filename: `catalog-${org.slug}-${date}.csv`,
    text: serializeCsv(rows, { delimiter: delimiterFor(mark), bom: true }),
  };
}
