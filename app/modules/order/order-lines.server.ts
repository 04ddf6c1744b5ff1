// Lines of an order: where an ITEM's price, tax and deposit come from (the seller's catalog), how
// lines are priced (always app/modules/pricing/totals.ts), what the buyer submitted (for Restore),
// and how a change of lines reads in the history (before → after).
import { statement, type Sqlite, type Tx } from "~/utils/db.server";
import { validationError, type FieldErrors } from "~/utils/errors";
import { computeTotals, outOfBounds, type LineExcess, type LineKind, type OrderTotals } from "../pricing/totals";

export type LineDraft = {
  /** An existing line keeps its id; a new one has none (or, on Restore, the id it had). */
  id?: string;
  kind: LineKind;
  formatId: string | null;
  description: string;
  quantity: number;
  unitPrice4: number;
  discountBps: number;
  taxRateBps: number;
  depositCents: number;
  receivedQuantity?: number | null;
};

export type PricedDraft = LineDraft & { totalCents: number };

export type CatalogFormat = { id: string; description: string; unitPrice4: number; depositCents: number; taxRateBps: number };

/** The seller's active formats (of active products) among `ids`; a foreign, unknown or inactive id is absent. */
export function loadSellerFormats(db: Sqlite, sellerId: string, ids: readonly string[]): Map<string, CatalogFormat> {
  if (ids.length === 0) return new Map();
  const rows = statement(
    db,
    `SELECT f.id, p.name AS productName, f.name, f.unitPrice4, f.depositCents, t.rateBps
     FROM "ProductFormat" f
     JOIN "Product" p ON p.id = f.productId AND p.producerId = f.producerId AND p.active = 1
     JOIN "TaxRate" t ON t.id = f.taxRateId
     WHERE f.id IN (SELECT value FROM json_each(?)) AND f.producerId = ? AND f.active = 1`,
  ).all(JSON.stringify([...new Set(ids)]), sellerId) as { id: string; productName: string; name: string; unitPrice4: number; depositCents: number; rateBps: number }[];
  return new Map(
    rows.map((f) => [
      f.id,
      { id: f.id, description: `${f.productName} — ${f.name}`, unitPrice4: f.unitPrice4, depositCents: f.depositCents, taxRateBps: f.rateBps },
    ]),
  );
}

/** The producer's default tax rate (new FEE and REBATE lines), 0 when it has none. */
export async function defaultTaxRateBps(tx: Tx, producerId: string): Promise<number> {
  const rate = await tx.taxRate.findFirst({ where: { producerId, isDefault: true }, select: { rateBps: true } });
  return rate?.rateBps ?? 0;
}

/** Which request field a line too large is reported on; by default its quantity (`lines.N.quantity`). */
export type ExcessField = (excess: LineExcess) => string;
const quantityField: ExcessField = ({ index }) => `lines.${index}.quantity`;

/**
 * Prices the lines of an order about to be written. Amounts beyond the bounds of app/utils/money.ts
 * answer 400 here, before any write: the line named by `fieldOf`, or `lines` for the order's totals.
 */
export function priceDrafts(
  lines: readonly LineDraft[],
  flags: { taxesEnabled: boolean; depositsEnabled: boolean },
  fieldOf: ExcessField = quantityField,
): { lines: PricedDraft[]; totals: OrderTotals } {
  const priced = computeTotals(lines, flags);
  const excess = outOfBounds(priced);
  if (excess.lines.length || excess.order) {
    const fields: FieldErrors = {};
    for (const line of excess.lines) fields[fieldOf(line)] = "orders.error.lineTooLarge";
    if (excess.order) fields.lines = "orders.error.orderTooLarge";
    throw validationError(fields);
  }
  const { lines: amounts, totals } = priced;
  return { lines: lines.map((line, i) => ({ ...line, totalCents: amounts[i].totalCents })), totals };
}

/**
 * What the buyer submitted, kept on the order for Restore. Orders written before the ids and the
 * note/date were kept (demo data, imports) have lines without ids and only the flags.
 */
export type Submitted = {
  lines: (Omit<LineDraft, "receivedQuantity" | "id"> & { id?: string })[];
  taxesEnabled: boolean;
  depositsEnabled: boolean;
  applyGroupDiscount?: boolean;
  note?: string;
  deliveryDate?: string;
  distribution?: string;
  distributorId?: string | null;
};

export function parseSubmitted(text: string): Submitted {
  let value: Partial<Submitted> = {};
  try {
    value = JSON.parse(text) as Partial<Submitted>;
  } catch {
    /* an unreadable copy restores nothing but the defaults */
  }
  return { ...value, lines: Array.isArray(value.lines) ? value.lines : [], taxesEnabled: value.taxesEnabled ?? true, depositsEnabled: value.depositsEnabled ?? true };
}

export function lineSnapshot(line: LineDraft & { id?: string }) {
  return {
    ...(line.id ? { id: line.id } : {}),
    kind: line.kind,
    formatId: line.formatId,
    description: line.description,
    quantity: line.quantity,
    unitPrice4: line.unitPrice4,
    discountBps: line.discountBps,
    taxRateBps: line.taxRateBps,
    depositCents: line.depositCents,
  };
}

const COMPARED = ["formatId", "description", "quantity", "unitPrice4", "discountBps", "taxRateBps", "depositCents"] as const;

export type LineChanges = {
  added: ReturnType<typeof lineSnapshot>[];
  removed: ReturnType<typeof lineSnapshot>[];
  changed: { id: string; description: string; changes: Record<string, { before: unknown; after: unknown }> }[];
};

/** Lines before and after, matched by id: what was added, removed, and changed (field: before → after). */
export function diffLines(before: readonly (LineDraft & { id: string })[], after: readonly LineDraft[]): LineChanges | null {
  const afterIds = new Set(after.flatMap((l) => (l.id ? [l.id] : [])));
  const beforeById = new Map(before.map((l) => [l.id, l]));
  const result: LineChanges = { added: [], removed: [], changed: [] };
  for (const line of before) if (!afterIds.has(line.id)) result.removed.push(lineSnapshot(line));
  for (const line of after) {
    const old = line.id ? beforeById.get(line.id) : undefined;
    if (!old) {
      result.added.push(lineSnapshot(line));
      continue;
    }
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const field of COMPARED) if (old[field] !== line[field]) changes[field] = { before: old[field], after: line[field] };
    if (Object.keys(changes).length) result.changed.push({ id: old.id, description: line.description, changes });
  }
  return result.added.length || result.removed.length || result.changed.length ? result : null;
}

export type StoredLine = LineDraft & { id: string; position: number; totalCents: number; receivedQuantity: number | null };

/**
 * Writes the new line list of an order: removes the lines left out, updates the kept ones that
 * differ (position included), creates the new ones (with their former id on Restore).
 */
export async function writeLines(tx: Tx, orderId: string, before: readonly StoredLine[], lines: readonly PricedDraft[]): Promise<void> {
  const beforeById = new Map(before.map((b) => [b.id, b]));
  const keep = new Set(lines.flatMap((l) => (l.id && beforeById.has(l.id) ? [l.id] : [])));
  const removed = before.filter((b) => !keep.has(b.id)).map((b) => b.id);
  if (removed.length) await tx.orderLine.deleteMany({ where: { orderId, id: { in: removed } } });
  const created = [];
  for (const [position, line] of lines.entries()) {
    const data = {
      position,
      kind: line.kind,
      formatId: line.formatId,
      description: line.description,
      quantity: line.quantity,
      unitPrice4: line.unitPrice4,
      discountBps: line.discountBps,
      taxRateBps: line.taxRateBps,
      depositCents: line.depositCents,
      totalCents: line.totalCents,
      receivedQuantity: line.receivedQuantity ?? null,
    };
    const old = line.id ? beforeById.get(line.id) : undefined;
    if (old && keep.has(old.id)) {
      const same = (Object.keys(data) as (keyof typeof data)[]).every((k) => old[k] === data[k]);
      if (!same) await tx.orderLine.updateMany({ where: { id: old.id, orderId }, data });
    } else {
      created.push({ ...data, orderId, ...(line.id ? { id: line.id } : {}) });
    }
  }
  if (created.length) await tx.orderLine.createMany({ data: created });
}

/** The order row's lines as drafts (with ids). */
export function draftsOf(
  lines: readonly {
    id: string;
    kind: string;
    formatId: string | null;
    description: string;
    quantity: number;
    unitPrice4: number;
    discountBps: number;
    taxRateBps: number;
    depositCents: number;
    receivedQuantity: number | null;
  }[],
): (LineDraft & { id: string })[] {
  return lines.map((l) => ({
    id: l.id,
    kind: l.kind as LineKind,
    formatId: l.formatId,
    description: l.description,
    quantity: l.quantity,
    unitPrice4: l.unitPrice4,
    discountBps: l.discountBps,
    taxRateBps: l.taxRateBps,
    depositCents: l.depositCents,
    receivedQuantity: l.receivedQuantity,
  }));
}

/** The order row's lines as stored (for writeLines). */
export function storedLinesOf(lines: readonly (Parameters<typeof draftsOf>[0][number] & { position: number; totalCents: number })[]): StoredLine[] {
  return lines.map((l) => ({ ...draftsOf([l])[0], position: l.position, totalCents: l.totalCents, receivedQuantity: l.receivedQuantity }));
}
