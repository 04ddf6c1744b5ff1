// The quantities the day orders of a date ask for, per format (the production list's "fromOrders"),
// and the formats' products and families, from loadDayOrders — the rule the intake board, the delivery notes and the validation share.
//
// At 2,000 customers × 30 items loadDayOrders takes ~140 ms, the production list must answer in
// < 50 ms (p95), and the bakehouse reloads it all morning. So the totals of a date are kept in
// memory with a fingerprint of everything they are computed from, read again (one statement and two
// small reads, ~2 ms) on every request: a total is served only while its fingerprint is unchanged, so
// nothing stale is ever served. The fingerprint covers
//   - the producer's retail relations (count, last update: status, open weekdays),
//   - the standing-order versions that may apply (count, last created: versions are never edited),
//   - the orders of the date (count, sum of versions — every change of an order bumps its version —
//     last update),
//   - the products and formats (count, last update: planning, active, family),
//   - the closures covering the date and the date's differences, row by row (few rows; their content),
//   - whether the date is validated.
// It is read before the totals are computed: a change that lands in between makes the next
// fingerprint differ, never a stale answer. Standard SQL only (COUNT, SUM, MAX, scalar subqueries).
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Tx } from "~/utils/db.server";
import { loadDayOrders } from "../bakery/day-orders.server";
import type { ProductionFormat, QuantityLine } from "./production";

/** The totals per format, and the producer's formats with their product and family (both covered by the fingerprint). */
export type DayTotals = { validated: boolean; lines: QuantityLine[]; formats: Map<string, ProductionFormat> };

const scalar = z.union([z.string(), z.number(), z.bigint(), z.date(), z.null()]).transform((v) => (v instanceof Date ? v.toISOString() : v === null ? "" : String(v)));
const fingerprintRowSchema = z.record(z.string(), scalar);
const closureRowSchema = z.object({ id: z.string(), relationId: z.string().nullable(), from: z.string(), to: z.string() });
const differenceRowSchema = z.object({ id: z.string(), relationId: z.string(), lines: z.string() });

export async function dayTotalsFingerprint(tx: Tx, producerId: string, date: string): Promise<string> {
  const [row] = await tx.$queryRaw<unknown[]>`
    SELECT
      (SELECT COUNT(*) FROM "Relation" WHERE "producerId" = ${producerId} AND "kind" = 'RETAIL') AS "relations",
      (SELECT MAX("updatedAt") FROM "Relation" WHERE "producerId" = ${producerId} AND "kind" = 'RETAIL') AS "relationsAt",
      (SELECT COUNT(*) FROM "StandingOrder" WHERE "producerId" = ${producerId} AND "effectiveFrom" <= ${date}) AS "versions",
      (SELECT MAX("createdAt") FROM "StandingOrder" WHERE "producerId" = ${producerId} AND "effectiveFrom" <= ${date}) AS "versionsAt",
      (SELECT COUNT(*) FROM "Order" WHERE "sellerId" = ${producerId} AND "deliveryDate" = ${date}) AS "orders",
      (SELECT SUM("version") FROM "Order" WHERE "sellerId" = ${producerId} AND "deliveryDate" = ${date}) AS "orderVersions",
      (SELECT MAX("updatedAt") FROM "Order" WHERE "sellerId" = ${producerId} AND "deliveryDate" = ${date}) AS "ordersAt",
      (SELECT COUNT(*) FROM "Product" WHERE "producerId" = ${producerId}) AS "products",
      (SELECT MAX("updatedAt") FROM "Product" WHERE "producerId" = ${producerId}) AS "productsAt",
      (SELECT COUNT(*) FROM "ProductFormat" WHERE "producerId" = ${producerId}) AS "formats",
      (SELECT MAX("updatedAt") FROM "ProductFormat" WHERE "producerId" = ${producerId}) AS "formatsAt",
      (SELECT MAX("validatedAt") FROM "DeliveryDay" WHERE "producerId" = ${producerId} AND "date" = ${date}) AS "validatedAt"`;
  const closures = await tx.$queryRaw<unknown[]>`
    SELECT "id", "relationId", "from", "to" FROM "DeliveryClosure"
    WHERE "producerId" = ${producerId} AND "from" <= ${date} AND "to" >= ${date} ORDER BY "id"`;
  const differences = await tx.$queryRaw<unknown[]>`
    SELECT "id", "relationId", "lines" FROM "DeliveryDifference" WHERE "producerId" = ${producerId} AND "date" = ${date} ORDER BY "id"`;
  const hash = createHash("sha256");
  hash.update(JSON.stringify(fingerprintRowSchema.parse(row)));
  for (const closure of closures) hash.update(JSON.stringify(closureRowSchema.parse(closure)));
  for (const difference of differences) hash.update(JSON.stringify(differenceRowSchema.parse(difference)));
  return hash.digest("base64url");
}

/** Totals per format of a date's day orders (differences applied), computed by the shared rule. */
export async function computeDayTotals(tx: Tx, producerId: string, date: string): Promise<DayTotals> {
  const day = await loadDayOrders(tx, producerId, date);
  const totals = new Map<string, number>();
  for (const order of day.orders) for (const line of order.lines) totals.set(line.formatId, (totals.get(line.formatId) ?? 0) + line.quantity);
  return { validated: day.validated, lines: [...totals].map(([formatId, quantity]) => ({ formatId, quantity })), formats: await loadProductionFormats(tx, producerId) };
}

/** The producer's formats (active or not: an old order may name one) with their product and family. */
export async function loadProductionFormats(tx: Tx, producerId: string): Promise<Map<string, ProductionFormat>> {
  const rows = await tx.productFormat.findMany({
    where: { producerId },
    select: { id: true, name: true, product: { select: { id: true, name: true, family: true } } },
  });
  return new Map(rows.map((f) => [f.id, { formatId: f.id, formatName: f.name, productId: f.product.id, productName: f.product.name, family: f.product.family }]));
}

/** How many dates are kept (a morning looks at a handful: today, tomorrow, the days around). */
const MAX_ENTRIES = 64;
type Entry = { fingerprint: string; totals: DayTotals };
const globalForTotals = globalThis as unknown as { __comptoirDayTotals?: Map<string, Entry> };

export async function dayTotals(tx: Tx, producerId: string, date: string): Promise<DayTotals> {
  const memo = (globalForTotals.__comptoirDayTotals ??= new Map());
  const key = `${producerId}|${date}`;
  const fingerprint = await dayTotalsFingerprint(tx, producerId, date);
  const kept = memo.get(key);
  if (kept && kept.fingerprint === fingerprint) return kept.totals;
  const totals = await computeDayTotals(tx, producerId, date);
  memo.delete(key);
  memo.set(key, { fingerprint, totals });
  if (memo.size > MAX_ENTRIES) memo.delete(memo.keys().next().value!);
  return totals;
}
