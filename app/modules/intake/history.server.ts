// The retailer's delivered history (GET /api/v1/deliveries/history, POST …/history/rebuild): what was
// delivered per date, written when the producer validates a date and recomputed on demand from the
// orders of the validated dates (the seed's "Synchronisation vers B2B Web des 60 derniers jours").
import { z } from "zod";
import { getDb, type Tx } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import { addDays } from "../bakery/calendar";
import { CLOSED_ORDER_STATUSES } from "../bakery/day-orders";
import { inChunks } from "../bakery/day-orders.server";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { todayIso } from "../order/dates";
import { insertRows } from "./bulk-insert.server";
import { newId } from "~/utils/ids.server";
import { historyEntry, type HistoryLine, type HistoryOrder } from "./rules";
import { historyQuerySchema, rebuildHistorySchema } from "./schemas";

/** How far back "rebuild" goes. */
export const HISTORY_REBUILD_DAYS = 60;

const storedLinesSchema = z.array(
  z.object({ formatId: z.string().nullable(), description: z.string(), quantity: z.number().int(), ordered: z.number().int().optional(), unitPrice4: z.number().int(), totalCents: z.number().int() }),
);

function parseHistoryLines(text: string): HistoryLine[] {
  const parsed = storedLinesSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`Corrupt delivery history: ${parsed.error.message}`);
  return parsed.data.map((line) => ({ ...line, ordered: line.ordered ?? line.quantity }));
}

export type HistoryRow = { producerId: string; relationId: string; retailerId: string; date: string; orders: readonly HistoryOrder[] };

/** Writes (replaces) the history rows of these customers and dates, in `tx`. */
export async function writeDeliveryHistory(tx: Tx, rows: readonly HistoryRow[], now = new Date()): Promise<number> {
  const data = rows.flatMap((row) => {
    if (row.orders.length === 0) return [];
    const entry = historyEntry(row.orders);
    return [{ id: newId(), producerId: row.producerId, relationId: row.relationId, retailerId: row.retailerId, date: row.date, orderId: entry.orderId, lines: JSON.stringify(entry.lines), totalCents: entry.totalCents, createdAt: now }];
  });
  const byDate = new Map<string, string[]>();
  for (const row of data) byDate.set(row.date, [...(byDate.get(row.date) ?? []), row.relationId]);
  for (const [date, relationIds] of byDate) await inChunks(relationIds, async (ids) => [await tx.deliveryHistory.deleteMany({ where: { date, relationId: { in: ids } } })]);
  await insertRows(tx, "DeliveryHistory", ["id", "producerId", "relationId", "retailerId", "date", "orderId", "lines", "totalCents", "createdAt"], data);
  return data.length;
}

const historyOrderSelect = {
  id: true, relationId: true, buyerId: true, sellerId: true, deliveryDate: true, parentOrderId: true, status: true, totalCents: true,
  lines: { orderBy: { position: "asc" as const }, select: { kind: true, formatId: true, description: true, quantity: true, receivedQuantity: true, unitPrice4: true, totalCents: true } },
};

/** The history rows of a producer's validated dates, read from their orders (delivered, accepted, invoiced…). */
export async function historyRowsFromOrders(tx: Tx, producerId: string, dates: readonly string[], relationIds?: readonly string[]): Promise<HistoryRow[]> {
  const rows: HistoryRow[] = [];
  for (const date of dates) {
    const orders = await tx.order.findMany({
      where: { sellerId: producerId, deliveryDate: date, status: { notIn: [...CLOSED_ORDER_STATUSES, "PENDING"] }, ...(relationIds ? { relationId: { in: [...relationIds] } } : {}) },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: historyOrderSelect,
    });
    const byRelation = new Map<string, typeof orders>();
    for (const order of orders) byRelation.set(order.relationId, [...(byRelation.get(order.relationId) ?? []), order]);
    for (const [relationId, own] of byRelation) rows.push({ producerId, relationId, retailerId: own[0].buyerId, date, orders: own });
  }
  return rows;
}

/**
 * Who sees which history: a retailer its own (one producer's with `producer`), a producer its
 * customers' (one with `customer`). A named counterpart without a retail relation with the actor
 * answers 404, like every id of another tenant.
 */
async function scopeOf(tx: Tx, actor: OrgActor, filters: { producer?: string; customer?: string }): Promise<{ producerId?: string; retailerId?: string }> {
  requirePermission(actor, "standing:read");
  let scope: { producerId?: string; retailerId?: string };
  if (actor.orgKind === "PRODUCER") scope = { producerId: actor.orgId, ...(filters.customer ? { retailerId: filters.customer } : {}) };
  else if (actor.orgKind === "RETAILER") scope = { retailerId: actor.orgId, ...(filters.producer ? { producerId: filters.producer } : {}) };
  else throw new AppError("forbidden", "error.forbidden");
  if (scope.producerId && scope.retailerId) {
    const relation = await tx.relation.findFirst({ where: { producerId: scope.producerId, partnerId: scope.retailerId, kind: "RETAIL" }, select: { id: true } });
    if (!relation) throw new AppError("not_found", "error.not_found");
  }
  return scope;
}

export type DeliveryHistoryDay = {
  date: string;
  producer: { id: string; slug: string; name: string };
  customer: { id: string; slug: string; name: string };
  orderId: string | null;
  lines: HistoryLine[];
  totalCents: number;
};

const MAX_HISTORY_DAYS = 500;

/** GET /api/v1/deliveries/history: the delivered days, newest first. */
export async function getDeliveryHistory(actor: OrgActor, query: unknown, now = new Date()): Promise<{ days: DeliveryHistoryDay[] }> {
  const filters = parseInput(historyQuerySchema, query);
  const scope = await scopeOf(getDb(), actor, filters);
  const from = filters.from ?? addDays(filters.to ?? todayIso(now), -HISTORY_REBUILD_DAYS);
  const db = getDb();
  const rows = await db.deliveryHistory.findMany({
    where: { ...scope, date: { gte: from, ...(filters.to ? { lte: filters.to } : {}) } },
    orderBy: [{ date: "desc" }, { id: "asc" }],
    take: MAX_HISTORY_DAYS,
  });
  const orgs = await db.organization.findMany({
    where: { id: { in: [...new Set(rows.flatMap((r) => [r.producerId, r.retailerId]))] } },
    select: { id: true, slug: true, name: true },
  });
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  return {
    days: rows.flatMap((row) => {
      const producer = orgById.get(row.producerId);
      const customer = orgById.get(row.retailerId);
      if (!producer || !customer) return [];
      return [{ date: row.date, producer, customer, orderId: row.orderId, lines: parseHistoryLines(row.lines), totalCents: row.totalCents }];
    }),
  };
}

/**
 * POST /api/v1/deliveries/history/rebuild: the history of the last 60 days (and of the dates validated
 * ahead) recomputed from the orders, in one transaction — rows deleted by mistake come back, changed
 * orders are reflected.
 */
export async function rebuildDeliveryHistory(actor: OrgActor, input: unknown, now = new Date()): Promise<{ from: string; to: string; rows: number }> {
  const filters = parseInput(rebuildHistorySchema, input);
  const scope = await scopeOf(getDb(), actor, filters);
  const from = addDays(todayIso(now), -HISTORY_REBUILD_DAYS);
  const written = await getDb().$transaction(async (tx) => {
    const relations = await tx.relation.findMany({
      where: { kind: "RETAIL", ...(scope.producerId ? { producerId: scope.producerId } : {}), ...(scope.retailerId ? { partnerId: scope.retailerId } : {}) },
      select: { id: true, producerId: true },
    });
    const byProducer = new Map<string, string[]>();
    for (const r of relations) byProducer.set(r.producerId, [...(byProducer.get(r.producerId) ?? []), r.id]);
    let rows = 0;
    let last = from;
    for (const [producerId, relationIds] of byProducer) {
      const whole = !scope.retailerId;
      await tx.deliveryHistory.deleteMany({ where: { producerId, date: { gte: from }, ...(whole ? {} : { retailerId: scope.retailerId }) } });
      const days = await tx.deliveryDay.findMany({ where: { producerId, date: { gte: from } }, select: { date: true }, orderBy: { date: "asc" } });
      const dates = days.map((d) => d.date);
      if (dates.length && dates[dates.length - 1] > last) last = dates[dates.length - 1];
      rows += await writeDeliveryHistory(tx, await historyRowsFromOrders(tx, producerId, dates, whole ? undefined : relationIds));
    }
    return { rows, last };
  });
  return { from, to: written.last, rows: written.rows };
}
