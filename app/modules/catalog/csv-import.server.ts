// CSV → catalog. Every line is checked first and reported (created / updated / unchanged / error with
// the reason); if any line has an error nothing is written, otherwise the whole file is applied in one
// transaction. Products are matched by SKU, formats by (SKU, format name); what the file does not
// mention is left as it is (an import never deletes).
import { z } from "zod";
import { CsvError, parseCsv, unprotectFormula, type CsvRecord } from "~/utils/csv";
import { getDb, type Tx } from "~/utils/db.server";
import { fieldErrorsOf } from "~/utils/validation";
import type { OrgActor } from "../org/actor";
import { requireCatalogOwner } from "./access.server";
import { mapHeader, parseYesNo, type CsvColumn } from "./csv-format";
import { depositSchema, productInputSchema, taxPercentSchema, unitPriceSchema } from "./schemas";

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/** A reason shown to the user: a message key (app/locales/catalog.ts), its parameters, the column concerned. */
export type ImportReason = { key: string; params?: Record<string, string | number>; column?: CsvColumn };

export type ImportLineStatus = "created" | "updated" | "unchanged" | "error";

export type ImportLine = {
  line: number;
  sku: string;
  productName: string;
  formatName: string;
  status: ImportLineStatus;
  errors: ImportReason[];
};

export type ImportCounts = {
  productsCreated: number;
  productsUpdated: number;
  formatsCreated: number;
  formatsUpdated: number;
  unchanged: number;
  errors: number;
};

export type ImportReport = {
  applied: boolean;
  /** A problem with the file as a whole (not UTF-8, too large, missing columns…). */
  fileError: ImportReason | null;
  lines: ImportLine[];
  counts: ImportCounts;
};

type ProductFields = { name: string; family: string; description: string; active: boolean };
type FormatFields = { name: string; unitPrice4: number; depositCents: number; taxRateId: string; taxRateBps: number; active: boolean };

type ExistingFormat = { id: string; name: string; unitPrice4: number; depositCents: number; active: boolean; taxRateId: string; taxRateBps: number };
type ExistingProduct = ProductFields & { id: string; sku: string; formats: Map<string, ExistingFormat> };

type PlannedLine = ImportLine & {
  product?: { sku: string; fields: ProductFields; action: "create" | "update" | "none" };
  format?: { fields: FormatFields; action: "create" | "update" | "none"; existingId?: string };
};

const emptyCounts = (): ImportCounts => ({ productsCreated: 0, productsUpdated: 0, formatsCreated: 0, formatsUpdated: 0, unchanged: 0, errors: 0 });

function fileErrorReport(reason: ImportReason): ImportReport {
  return { applied: false, fileError: reason, lines: [], counts: emptyCounts() };
}

/** Decodes the upload: UTF-8 only (with or without BOM), at most 2 MB. */
export function decodeCsvUpload(bytes: Uint8Array): { text: string } | { error: ImportReason } {
  if (bytes.byteLength === 0) return { error: { key: "catalog.import.error.empty" } };
  if (bytes.byteLength > MAX_IMPORT_BYTES) return { error: { key: "catalog.import.error.tooLarge" } };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { error: { key: "catalog.import.error.notUtf8" } };
  }
}

export async function importCatalogCsv(actor: OrgActor, bytes: Uint8Array): Promise<ImportReport> {
  const producerId = requireCatalogOwner(actor, "catalog:write");
  const decoded = decodeCsvUpload(bytes);
  if ("error" in decoded) return fileErrorReport(decoded.error);

  let records: CsvRecord[];
  try {
    records = parseCsv(decoded.text).records;
  } catch (error) {
    if (error instanceof CsvError) return fileErrorReport({ key: "catalog.import.error.unclosedQuote", params: { line: error.line } });
    throw error;
  }
  if (records.length === 0) return fileErrorReport({ key: "catalog.import.error.empty" });
  const [header, ...allRows] = records;
  // Spreadsheets often save empty rows as a line of delimiters: those are not lines to import.
  const rows = allRows.filter((r) => r.fields.some((f) => f.trim() !== ""));
  const { indexes, missing } = mapHeader(header.fields);
  if (missing.length) return fileErrorReport({ key: "catalog.import.error.missingColumns", params: { columns: missing.join(", ") } });
  if (rows.length === 0) return fileErrorReport({ key: "catalog.import.error.noLines" });

  const cell = (record: CsvRecord, column: CsvColumn): string | undefined => {
    const index = indexes[column];
    if (index === undefined) return undefined;
    return unprotectFormula(record.fields[index] ?? "").trim();
  };

  // Plan and apply in one transaction: what is checked is what is written.
  return getDb().$transaction(
    async (tx) => {
      const plan = await planImport(tx, producerId, rows, cell);
      const counts = countPlan(plan);
      const lines = plan.map(({ line, sku, productName, formatName, status, errors }) => ({ line, sku, productName, formatName, status, errors }));
      if (counts.errors > 0) return { applied: false, fileError: null, lines, counts };
      await applyPlan(tx, producerId, plan);
      return { applied: true, fileError: null, lines, counts };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

async function loadExisting(tx: Tx, producerId: string) {
  const [products, taxRates] = await Promise.all([
    tx.product.findMany({
      where: { producerId },
      select: {
        id: true,
        sku: true,
        name: true,
        family: true,
        description: true,
        active: true,
        formats: {
          where: { producerId },
          select: { id: true, name: true, unitPrice4: true, depositCents: true, active: true, taxRateId: true, taxRate: { select: { rateBps: true } } },
        },
      },
    }),
    tx.taxRate.findMany({ where: { producerId }, select: { id: true, name: true, rateBps: true, isDefault: true }, orderBy: { createdAt: "asc" } }),
  ]);
  const bySku = new Map<string, ExistingProduct>();
  for (const p of products) {
    bySku.set(p.sku, {
      id: p.id,
      sku: p.sku,
      name: p.name,
      family: p.family,
      description: p.description,
      active: p.active,
      formats: new Map(p.formats.map(({ taxRate, ...f }) => [f.name, { ...f, taxRateBps: taxRate.rateBps }])),
    });
  }
  return { bySku, taxRates };
}

const textRule = (max: number) => z.string().max(max);

async function planImport(
  tx: Tx,
  producerId: string,
  rows: CsvRecord[],
  cell: (record: CsvRecord, column: CsvColumn) => string | undefined,
): Promise<PlannedLine[]> {
  const { bySku, taxRates } = await loadExisting(tx, producerId);
  const defaultRate = taxRates.find((r) => r.isDefault) ?? taxRates[0];
  const seenProducts = new Map<string, { line: number; fields: ProductFields }>();
  const seenFormats = new Map<string, number>();
  const plan: PlannedLine[] = [];

  for (const record of rows) {
    const errors: ImportReason[] = [];
    const sku = cell(record, "sku") ?? "";
    const existing = bySku.get(sku);
    const formatName = cell(record, "format_name") ?? "";
    const productName = cell(record, "product_name") ?? "";
    const entry: PlannedLine = { line: record.line, sku, productName, formatName, status: "unchanged", errors };

    // Product columns; a column the file does not have keeps the current value (or the default).
    const activeText = cell(record, "product_active");
    const productActive = activeText === undefined ? (existing?.active ?? true) : parseYesNo(activeText);
    if (productActive === null) errors.push({ key: "catalog.import.error.yesNo", column: "product_active", params: { value: activeText! } });
    const parsedProduct = productInputSchema.safeParse({
      sku,
      name: productName,
      family: cell(record, "family") ?? existing?.family ?? "",
      description: cell(record, "description") ?? existing?.description ?? "",
      active: productActive ?? true,
    });
    if (!parsedProduct.success) {
      for (const [field, key] of Object.entries(fieldErrorsOf(parsedProduct.error))) {
        errors.push({ key: field === "sku" && key === "field.required" ? "catalog.import.error.skuMissing" : key, column: productColumn(field) });
      }
    }

    // Format columns; a line with no format columns at all only describes the product.
    const priceText = cell(record, "unit_price") ?? "";
    const depositText = cell(record, "deposit") ?? "";
    const taxText = cell(record, "tax_rate") ?? "";
    const productOnly = formatName === "" && priceText === "" && depositText === "" && taxText === "";
    let formatFields: FormatFields | undefined;
    if (!productOnly) {
      if (formatName === "") errors.push({ key: "catalog.import.error.formatMissing", column: "format_name" });
      else if (!textRule(80).safeParse(formatName).success) errors.push({ key: "field.tooLong", column: "format_name" });
      const price = unitPriceSchema.safeParse(priceText);
      if (!price.success) errors.push({ key: priceText === "" ? "catalog.import.error.priceMissing" : "catalog.import.error.price", column: "unit_price", params: { value: priceText } });
      const deposit = depositSchema.safeParse(depositText);
      if (!deposit.success) errors.push({ key: "catalog.import.error.deposit", column: "deposit", params: { value: depositText } });
      const rate = resolveTaxRate(taxText, taxRates, defaultRate, existing?.formats.get(formatName));
      if (!rate) errors.push({ key: "catalog.import.error.taxRateUnknown", column: "tax_rate", params: { value: taxText } });
      const formatActiveText = cell(record, "format_active");
      const formatActive = formatActiveText === undefined ? (existing?.formats.get(formatName)?.active ?? true) : parseYesNo(formatActiveText);
      if (formatActive === null) errors.push({ key: "catalog.import.error.yesNo", column: "format_active", params: { value: formatActiveText! } });
      if (price.success && deposit.success && rate && formatActive !== null && formatName) {
        formatFields = { name: formatName, unitPrice4: price.data, depositCents: deposit.data, taxRateId: rate.id, taxRateBps: rate.rateBps, active: formatActive };
      }
      if (formatName && sku) {
        const key = `${sku}\u0000${formatName}`;
        const firstLine = seenFormats.get(key);
        if (firstLine !== undefined) errors.push({ key: "catalog.import.error.duplicateFormat", column: "format_name", params: { line: firstLine } });
        else seenFormats.set(key, record.line);
      }
    } else if (sku && seenProducts.has(sku)) {
      errors.push({ key: "catalog.import.error.duplicateProduct", params: { line: seenProducts.get(sku)!.line } });
    }

    // The same SKU on several lines (one per format) must describe the product the same way.
    if (parsedProduct.success) {
      const fields: ProductFields = {
        name: parsedProduct.data.name,
        family: parsedProduct.data.family,
        description: parsedProduct.data.description,
        active: parsedProduct.data.active,
      };
      const first = seenProducts.get(sku);
      if (first && !sameProduct(first.fields, fields)) {
        errors.push({ key: "catalog.import.error.productDiffers", params: { line: first.line } });
      } else if (!first) {
        seenProducts.set(sku, { line: record.line, fields });
        entry.product = { sku, fields, action: !existing ? "create" : sameProduct(existing, fields) ? "none" : "update" };
      } else {
        entry.product = { sku, fields, action: "none" };
      }
    }

    if (formatFields && entry.product) {
      const current = existing?.formats.get(formatName);
      entry.format = !current
        ? { fields: formatFields, action: "create" }
        : { fields: formatFields, action: sameFormat(current, formatFields) ? "none" : "update", existingId: current.id };
    }

    if (errors.length) entry.status = "error";
    else if (entry.product?.action === "create" || entry.format?.action === "create") entry.status = "created";
    else if (entry.product?.action === "update" || entry.format?.action === "update") entry.status = "updated";
    plan.push(entry);
  }
  return plan;
}

function productColumn(field: string): CsvColumn | undefined {
  return ({ sku: "sku", name: "product_name", family: "family", description: "description", active: "product_active" } as Record<string, CsvColumn>)[field];
}

/**
 * "20", "5,5", "5.5 %" or a rate's name ("TVA 5,5 %"); empty → the default rate. When several rates
 * have the same percentage, a format keeps the one it has.
 */
function resolveTaxRate<R extends { id: string; name: string; rateBps: number }>(
  text: string,
  rates: R[],
  defaultRate: R | undefined,
  current: ExistingFormat | undefined,
): { id: string; rateBps: number } | null {
  if (text === "") return defaultRate ?? null;
  const byName = rates.find((r) => r.name.toLowerCase() === text.toLowerCase());
  if (byName) return byName;
  const bps = taxPercentSchema.safeParse(text);
  if (!bps.success) return null;
  if (current && current.taxRateBps === bps.data) return { id: current.taxRateId, rateBps: current.taxRateBps };
  return rates.find((r) => r.rateBps === bps.data && r.id === defaultRate?.id) ?? rates.find((r) => r.rateBps === bps.data) ?? null;
}

function sameProduct(a: ProductFields, b: ProductFields): boolean {
  return a.name === b.name && a.family === b.family && a.description === b.description && a.active === b.active;
}

function sameFormat(current: ExistingFormat, next: FormatFields): boolean {
  return (
    current.unitPrice4 === next.unitPrice4 &&
    current.depositCents === next.depositCents &&
    current.taxRateId === next.taxRateId &&
    current.active === next.active
  );
}

function countPlan(plan: PlannedLine[]): ImportCounts {
  const counts = emptyCounts();
  for (const line of plan) {
    if (line.status === "error") counts.errors++;
    if (line.status === "unchanged") counts.unchanged++;
    if (line.product?.action === "create") counts.productsCreated++;
    if (line.product?.action === "update") counts.productsUpdated++;
    if (line.format?.action === "create") counts.formatsCreated++;
    if (line.format?.action === "update") counts.formatsUpdated++;
  }
  return counts;
}

async function applyPlan(tx: Tx, producerId: string, plan: PlannedLine[]) {
  const productIds = new Map<string, string>();
  const nextPosition = new Map<string, number>();
  const existing = await tx.product.findMany({
    where: { producerId },
    select: { id: true, sku: true, formats: { select: { position: true } } },
  });
  for (const p of existing) {
    productIds.set(p.sku, p.id);
    nextPosition.set(p.id, Math.max(-1, ...p.formats.map((f) => f.position)) + 1);
  }
  for (const line of plan) {
    const product = line.product;
    if (!product) continue;
    if (product.action === "create") {
      const created = await tx.product.create({ data: { producerId, sku: product.sku, ...product.fields }, select: { id: true } });
      productIds.set(product.sku, created.id);
      nextPosition.set(created.id, 0);
    } else if (product.action === "update") {
      await tx.product.update({ where: { id: productIds.get(product.sku)! }, data: product.fields });
    }
    const format = line.format;
    if (!format || format.action === "none") continue;
    const { name, unitPrice4, depositCents, taxRateId, active } = format.fields;
    if (format.action === "create") {
      const productId = productIds.get(product.sku)!;
      const position = nextPosition.get(productId) ?? 0;
      nextPosition.set(productId, position + 1);
      await tx.productFormat.create({ data: { producerId, productId, name, unitPrice4, depositCents, taxRateId, active, position } });
    } else {
      await tx.productFormat.update({ where: { id: format.existingId! }, data: { unitPrice4, depositCents, taxRateId, active } });
    }
  }
}
