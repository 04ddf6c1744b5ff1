// Loads what resolveDayOrders (./day-orders.ts) needs for one producer and date, with the executor
// it is given (a transaction when the caller writes). Prisma queries and, for the two reads of every
// customer at once, standard SQL through Prisma's tagged templates (placeholders per database, rows
// parsed with zod): they run on SQLite and PostgreSQL alike.
import { Prisma } from "@prisma/client";
import { z } from "zod";
import type { Tx } from "~/utils/db.server";
import { isoWeekday, type DateRange } from "./calendar";
import { parseDayLines } from "./standing-day";
import { byRound, CLOSED_ORDER_STATUSES, resolveDayOrders, type CustomerInput, type DayConflict, type FormatInfo, type PlacedOrderInput } from "./day-orders";
import { parseDifferenceLines, withDifferences, type AdjustedDayOrder, type DayDifference } from "./differences";

/** A date's day orders with the differences entered for it (applied until the date is validated: then the orders hold them). */
export type DayOrders = { date: string; validated: boolean; orders: AdjustedDayOrder[]; conflicts: DayConflict[]; differences: DayDifference[] };

/** The differences entered for a date (of one buyer's relation when given), oldest first. */
export async function loadDayDifferences(tx: Tx, producerId: string, date: string, options: { relationId?: string } = {}): Promise<DayDifference[]> {
  const rows = await tx.deliveryDifference.findMany({
    where: { producerId, date, ...(options.relationId ? { relationId: options.relationId } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, relationId: true, status: true, lines: true },
  });
  return rows.map((row) => ({ id: row.id, relationId: row.relationId, status: row.status === "TAKEN_IN" ? "TAKEN_IN" : "RECEIVED", lines: parseDifferenceLines(row.lines) }));
}

const formatRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  unitPrice4: z.number().int(),
  // SQLite answers 0/1 where PostgreSQL answers booleans.
  sliced: z.union([z.boolean(), z.number()]).transform(Boolean),
  active: z.union([z.boolean(), z.number()]).transform(Boolean),
  productId: z.string(),
  productName: z.string(),
  productActive: z.union([z.boolean(), z.number()]).transform(Boolean),
  productionWeekdays: z.string(),
});

/**
 * The producer's formats (active or not: an old order may name an inactive one), by id. One join in
 * standard SQL: every board, list and note of a morning reads it (Prisma's nested read is two
 * statements and ~2 ms).
 */
export async function loadFormatInfo(tx: Tx, producerId: string): Promise<Map<string, FormatInfo>> {
  const rows = await tx.$queryRaw<unknown[]>`
    SELECT f."id", f."name", f."unitPrice4", f."sliced", f."active",
           p."id" AS "productId", p."name" AS "productName", p."active" AS "productActive", p."productionWeekdays"
    FROM "ProductFormat" f JOIN "Product" p ON p."id" = f."productId"
    WHERE f."producerId" = ${producerId}`;
  return new Map(
    rows.map((row) => formatRowSchema.parse(row)).map((f) => [
      f.id,
      {
        productId: f.productId,
        description: `${f.productName} — ${f.name}`,
        unitPrice4: f.unitPrice4,
        productionWeekdays: f.productionWeekdays,
        sliced: f.sliced,
        active: f.active && f.productActive,
      },
    ]),
  );
}

const versionRowSchema = z.object({
  id: z.string(),
  relationId: z.string(),
  version: z.number().int(),
  effectiveFrom: z.string(),
  round: z.number().int(),
  roundPosition: z.number().int(),
  dayLines: z.string().nullable(),
});
export type ApplicableStandingOrder = z.output<typeof versionRowSchema>;

/**
 * The standing-order version of each relation that applies on `date` — the latest effectiveFrom on
 * or before it, then the highest version — with its lines of `weekday` when asked (null: none that
 * day). One statement in standard SQL (a window function), read for 2,000 customers at once.
 */
export async function applicableStandingOrders(
  tx: Tx,
  producerId: string,
  date: string,
  options: { relationId?: string; weekday?: number } = {},
): Promise<Map<string, ApplicableStandingOrder>> {
  const rows = await tx.$queryRaw<unknown[]>`
    WITH ranked AS (
      SELECT s."id", s."relationId", s."version", s."effectiveFrom", s."round", s."roundPosition",
             ROW_NUMBER() OVER (PARTITION BY s."relationId" ORDER BY s."effectiveFrom" DESC, s."version" DESC) AS "rank"
      FROM "StandingOrder" s
      WHERE s."producerId" = ${producerId} AND s."effectiveFrom" <= ${date}
        ${options.relationId ? Prisma.sql`AND s."relationId" = ${options.relationId}` : Prisma.empty}
    )
    SELECT r."id", r."relationId", r."version", r."effectiveFrom", r."round", r."roundPosition", d."lines" AS "dayLines"
    FROM ranked r
    LEFT JOIN "StandingOrderDay" d ON d."standingOrderId" = r."id" AND d."weekday" = ${options.weekday ?? 0}
    WHERE r."rank" = 1`;
  return new Map(rows.map((row) => versionRowSchema.parse(row)).map((row) => [row.relationId, row]));
}

const customerRowSchema = z.object({ id: z.string(), openWeekdays: z.string(), partnerId: z.string(), partnerSlug: z.string(), partnerName: z.string() });

/** The producer's ACTIVE retail customers (one, with `buyerId`), with their open weekdays. */
async function activeCustomers(tx: Tx, producerId: string, buyerId?: string) {
  const rows = await tx.$queryRaw<unknown[]>`
    SELECT r."id", r."openWeekdays", o."id" AS "partnerId", o."slug" AS "partnerSlug", o."name" AS "partnerName"
    FROM "Relation" r JOIN "Organization" o ON o."id" = r."partnerId"
    WHERE r."producerId" = ${producerId} AND r."kind" = 'RETAIL' AND r."status" = 'ACTIVE'
      ${buyerId ? Prisma.sql`AND r."partnerId" = ${buyerId}` : Prisma.empty}`;
  return rows.map((row) => customerRowSchema.parse(row));
}

/** Whether the producer validated the date (its DeliveryDay row): the day is frozen from then on. */
export async function isDateValidated(tx: Tx, producerId: string, date: string): Promise<boolean> {
  return (await tx.deliveryDay.findUnique({ where: { producerId_date: { producerId, date } }, select: { date: true } })) !== null;
}

export async function loadDayOrders(tx: Tx, producerId: string, date: string, options: { buyerId?: string } = {}): Promise<DayOrders> {
  const weekday = isoWeekday(date);
  const validated = await isDateValidated(tx, producerId, date);
  const relations = await activeCustomers(tx, producerId, options.buyerId);
  const closures = await tx.deliveryClosure.findMany({
    where: { producerId, from: { lte: date }, to: { gte: date } },
    select: { relationId: true, from: true, to: true },
  });
  // One buyer: the versions of its one relation (none when it is not a customer).
  const onlyRelation = options.buyerId ? relations[0]?.id ?? null : undefined;
  const versions =
    onlyRelation === null ? new Map<string, ApplicableStandingOrder>() : await applicableStandingOrders(tx, producerId, date, { weekday, ...(onlyRelation ? { relationId: onlyRelation } : {}) });
  const versionIds = [...versions.values()].map((v) => v.id);
  const [prices, placed, formats] = [
    await inChunks(versionIds, (ids) =>
      tx.standingOrderPrice.findMany({ where: { standingOrderId: { in: ids } }, select: { standingOrderId: true, formatId: true, unitPrice4: true } }),
    ),
    await tx.order.findMany({
      where: { sellerId: producerId, deliveryDate: date, status: { notIn: [...CLOSED_ORDER_STATUSES] }, ...(options.buyerId ? { buyerId: options.buyerId } : {}) },
      // Sorted below, not by the query: ORDER BY createdAt would lead SQLite to walk the seller's
      // [sellerId, createdAt] index (every order it ever had) instead of the [sellerId, deliveryDate] one.
      select: {
        createdAt: true,
        id: true, number: true, status: true, version: true, relationId: true, sellerId: true, createdByOrgId: true, standingOrderId: true,
        buyer: { select: { id: true, slug: true, name: true } },
        lines: { orderBy: { position: "asc" }, select: { formatId: true, description: true, quantity: true, unitPrice4: true } },
      },
    }),
    await loadFormatInfo(tx, producerId),
  ];

  const producerClosures: DateRange[] = [];
  const closuresByRelation = new Map<string, DateRange[]>();
  for (const closure of closures) {
    if (!closure.relationId) producerClosures.push(closure);
    else closuresByRelation.set(closure.relationId, [...(closuresByRelation.get(closure.relationId) ?? []), closure]);
  }
  const pricesByVersion = groupBy(prices, (price) => price.standingOrderId);
  const customers: CustomerInput[] = relations.map((relation) => {
    const version = versions.get(relation.id);
    return {
      relationId: relation.id,
      customer: { id: relation.partnerId, slug: relation.partnerSlug, name: relation.partnerName },
      openWeekdays: relation.openWeekdays,
      closures: closuresByRelation.get(relation.id) ?? [],
      standing: version
        ? {
            id: version.id,
            round: version.round,
            roundPosition: version.roundPosition,
            lines: version.dayLines ? parseDayLines(version.dayLines) : [],
            prices: new Map((pricesByVersion.get(version.id) ?? []).map((p) => [p.formatId, p.unitPrice4])),
          }
        : null,
    };
  });
  placed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const placedOrders: PlacedOrderInput[] = placed.map((order) => ({ ...order, customer: order.buyer }));
  const resolved = resolveDayOrders({ date, validated, customers, producerClosures, placedOrders, formats });
  const onlyRelationId = onlyRelation ?? undefined;
  const differences = onlyRelation === null ? [] : await loadDayDifferences(tx, producerId, date, onlyRelationId ? { relationId: onlyRelationId } : {});
  const customerByRelation = new Map(customers.map((c) => [c.relationId, c]));
  const orders = validated
    ? resolved.orders.map((order) => ({ ...order, differences: differences.filter((d) => d.relationId === order.relationId).map(({ id, status }) => ({ id, status })) }))
    : withDifferences(resolved.orders, differences, formats, {
        customerOf: (relationId) => customerByRelation.get(relationId)?.customer,
        unitPriceOf: (relationId, formatId) => customerByRelation.get(relationId)?.standing?.prices.get(formatId),
      });
  return { date, validated, orders: orders.sort(byRound), conflicts: resolved.conflicts, differences };
}

/** Bound parameters per statement stay under the drivers' limits (SQLite's 999 through Prisma's adapter). */
const IN_LIST_CHUNK = 500;

/** Runs a query over `ids` in chunks of IN_LIST_CHUNK and concatenates the rows. */
export async function inChunks<T>(ids: readonly string[], query: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += IN_LIST_CHUNK) rows.push(...(await query(ids.slice(i, i + IN_LIST_CHUNK))));
  return rows;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
