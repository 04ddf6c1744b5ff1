// Order lists (GET /api/v1/orders, the orders page, CSV export): filters, quick filters, search and
// keyset pagination, newest first (createdAt desc, id desc).
//
// Speed: a list is the page of orders, then one query each for the organizations they name, their
// line counts and live invoices (plus the names of edit-lock holders, only when a listed order is being
// edited) — never a query per order — all prepared statements on the raw connection
// (app/utils/db.server.ts): through the ORM, each of them cost about a millisecond of CPU before SQLite
// did anything (docs/benchmarks.md). The scope is the one column by which the actor's kind of
// organization takes part — sellerId for a producer, buyerId for a retailer, repId for a rep agency,
// distributorId for a distributor: the narrow form of orderVisibleTo, so that the indexes
// [sellerId, createdAt, id], [sellerId, status, createdAt, id] and their buyer/rep/distributor
// equivalents serve both the filter and the order; the cursor condition is written
// `createdAt <= t AND (createdAt < t OR id < i)` so that the index range starts at the cursor.
import { connectDb, sqlTimestamp, statement, type Sqlite } from "~/utils/db.server";
import { validationError } from "~/utils/errors";
import type { OrgKind } from "~/utils/permissions";
import { containsGlob, containsLike } from "~/utils/text";
import { parseInput } from "~/utils/validation";
import { actorCan, requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { startOfDay, startOfNextDay, todayIso } from "./dates";
import { buildOrderView, validLock, type OrderViewFields } from "./order-view.server";
import { listOrdersQuerySchema, type ListOrdersQuery } from "./schemas";
import { FROZEN_STATUSES, type OrderStatus } from "./status-machine";
import { COUNTED_VIEWS, type CountedView, type OrderQuickView, type OrderView, type OrgRef } from "./types";

export type OrderListItem = OrderView & { lineCount: number };

/** The statuses of each quick filter (`late` adds: delivery date before today). */
export const VIEW_STATUSES: Record<OrderQuickView, readonly OrderStatus[]> = {
  to_accept: ["PENDING"],
  to_ship: ["ACCEPTED"],
  to_deliver: ["SHIPPED"],
  late: ["PENDING", "ACCEPTED", "SHIPPED"],
  to_invoice: ["DELIVERED"],
  unpaid: ["INVOICED"],
  done: ["PAID", "REJECTED", "CANCELLED", "EXPIRED"],
};

/** The column by which each kind of organization takes part in the orders it lists. */
const SCOPE_COLUMN: Record<OrgKind, "sellerId" | "buyerId" | "repId" | "distributorId"> = {
  PRODUCER: "sellerId",
  RETAILER: "buyerId",
  REP_AGENCY: "repId",
  DISTRIBUTOR: "distributorId",
};

/**
 * The filters of a list as SQL over `"Order" o` (conditions joined by AND) with their parameters, and
 * the statuses of its quick filter (none: any status). A page of several statuses is read status by
 * status (orderPageQuery): "done" read as `status IN (…)` walked the seller's whole index newest first,
 * past every open order (30 ms with 24,000 pending ones), where one read per status takes 0.2 ms.
 */
export type OrderFilter = { conditions: string[]; params: (string | number)[]; statuses: readonly string[] };

type Cursor = { t: string; i: string };

function encodeCursor(order: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ t: order.createdAt.toISOString(), i: order.id } satisfies Cursor)).toString("base64url");
}

function decodeCursor(text: string): { createdAt: Date; id: string } {
  try {
    const value = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Cursor;
    const createdAt = new Date(value.t);
    if (typeof value.i !== "string" || !value.i || typeof value.t !== "string" || Number.isNaN(createdAt.getTime())) throw new Error("bad cursor");
    return { createdAt, id: value.i };
  } catch {
    throw validationError({ cursor: "field.invalid" });
  }
}

const placeholders = (count: number) => Array(count).fill("?").join(", ");

/** The filters of a list (without the cursor). */
export function listWhere(actor: OrgActor, query: ListOrdersQuery, now: Date = new Date()): OrderFilter {
  const conditions = [`o."${SCOPE_COLUMN[actor.orgKind]}" = ?`];
  const params: (string | number)[] = [actor.orgId];
  const add = (condition: string, ...values: (string | number)[]) => {
    conditions.push(condition);
    params.push(...values);
  };
  if (query.status) add(`o."status" = ?`, query.status);
  if (query.view === "late") add(`o."deliveryDate" < ?`, todayIso(now));
  if (query.buyer) add(`o."buyerId" = ?`, query.buyer);
  if (query.seller) add(`o."sellerId" = ?`, query.seller);
  if (query.deliveryFrom) add(`o."deliveryDate" >= ?`, query.deliveryFrom);
  if (query.deliveryTo) add(`o."deliveryDate" <= ?`, query.deliveryTo);
  if (query.createdFrom) add(`o."createdAt" >= ?`, sqlTimestamp(startOfDay(query.createdFrom)));
  if (query.createdTo) add(`o."createdAt" < ?`, sqlTimestamp(startOfNextDay(query.createdTo)));
  if (query.q) {
    const q = query.q;
    if (/^\d{1,9}$/.test(q)) {
      add(`o."number" = ?`, Number(q));
    } else {
      // Part of a name, whatever its case and accents (app/utils/text.ts): the customer's, or the
      // supplier's for a retailer's own orders.
      const nameContains = (column: string) => `${column} LIKE ? ESCAPE '\\' AND ${column} GLOB ?`;
      const term = [containsLike(q), containsGlob(q)];
      if (actor.orgKind === "RETAILER") add(`EXISTS (SELECT 1 FROM "Organization" s WHERE s."id" = o."sellerId" AND ${nameContains(`s."name"`)})`, ...term);
      else add(`(${nameContains(`o."buyerName"`)})`, ...term);
    }
  }
  return { conditions, params, statuses: query.view ? VIEW_STATUSES[query.view] : [] };
}

/** The statement of one page of a list, with its parameters (the benchmark explains it). */
export function orderPageQuery(filter: OrderFilter, cursor: string | undefined, limit: number, columns: string): { sql: string; params: (string | number)[] } {
  const after: string[] = [];
  const afterParams: string[] = [];
  if (cursor) {
    const c = decodeCursor(cursor);
    const at = sqlTimestamp(c.createdAt);
    after.push(`o."createdAt" <= ? AND (o."createdAt" < ? OR o."id" < ?)`);
    afterParams.push(at, at, c.id);
  }
  const page = (byStatus: boolean) =>
    `SELECT ${columns} FROM "Order" o WHERE ${[...filter.conditions, ...(byStatus ? [`o."status" = ?`] : []), ...after].join(" AND ")} ` +
    `ORDER BY o."createdAt" DESC, o."id" DESC LIMIT ?`;
  const { statuses } = filter;
  if (statuses.length <= 1) {
    return { sql: page(statuses.length === 1), params: [...filter.params, ...statuses, ...afterParams, limit + 1] };
  }
  // Each status's newest rows, merged: every branch reads the index (scope, status, createdAt, id).
  return {
    sql: `SELECT * FROM (${statuses.map(() => `SELECT * FROM (${page(true)})`).join(" UNION ALL ")}) ORDER BY "createdAt" DESC, "id" DESC LIMIT ?`,
    params: [...statuses.flatMap((status) => [...filter.params, status, ...afterParams, limit + 1]), limit + 1],
  };
}

/**
 * One page of rows in list order, and the next cursor. `columns` are columns of `"Order" o`, with
 * "id" and "createdAt" among them; the rows come as SQLite gives them (DateTime columns as text).
 */
export async function findOrderPage<Row extends { id: string; createdAt: string }>(
  filter: OrderFilter,
  cursor: string | undefined,
  limit: number,
  columns: string,
): Promise<{ rows: Row[]; nextCursor: string | null }> {
  const db = await connectDb();
  const { sql, params } = orderPageQuery(filter, cursor, limit, columns);
  const rows = statement(db, sql).all(...params) as Row[];
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, nextCursor: more && last ? encodeCursor({ createdAt: new Date(last.createdAt), id: last.id }) : null };
}

/** How many orders a list's filters select. */
export async function countFilteredOrders(filter: OrderFilter): Promise<number> {
  const conditions = [...filter.conditions, ...(filter.statuses.length ? [`o."status" IN (${placeholders(filter.statuses.length)})`] : [])];
  const row = statement(await connectDb(), `SELECT count(*) AS "orders" FROM "Order" o WHERE ${conditions.join(" AND ")}`).get(
    ...filter.params,
    ...filter.statuses,
  ) as { orders: number };
  return row.orders;
}

const LIST_COLUMNS = `o."id", o."number", o."status", o."version", o."sellerId", o."buyerId", o."repId", o."distributorId",
  o."distribution", o."deliveryDate", o."note", o."currency", o."groupDiscountBps", o."taxesEnabled", o."depositsEnabled",
  o."minOrderCents", o."subtotalCents", o."discountCents", o."taxCents", o."depositCents", o."totalCents", o."parentOrderId",
  o."lockedById", o."lockedUntil", o."createdAt", o."updatedAt"`;

type ListRow = Omit<OrderViewFields, "taxesEnabled" | "depositsEnabled" | "lockedUntil" | "createdAt" | "updatedAt"> & {
  taxesEnabled: number;
  depositsEnabled: number;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
};

function orderFields(row: ListRow): OrderViewFields {
  return {
    ...row,
    taxesEnabled: Boolean(row.taxesEnabled),
    depositsEnabled: Boolean(row.depositsEnabled),
    lockedUntil: row.lockedUntil === null ? null : new Date(row.lockedUntil),
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  };
}

/** A JSON array parameter, for `IN (SELECT value FROM json_each(?))`: one statement for any number of ids. */
const jsonIds = (ids: Iterable<string>) => JSON.stringify([...ids]);

type LiveInvoice = { id: string; number: string; status: string; totalCents: number; balanceCents: number };

/**
 * What the rows point to: the organizations they name, their line counts (over the page's ids only),
 * the names of valid lock holders (only when a listed order is being edited) and the live invoices
 * (of invoiced and paid orders, for those who may read invoices).
 */
function loadRefs(db: Sqlite, rows: OrderViewFields[], actor: OrgActor, now: Date) {
  const invoiced = actorCan(actor, "invoice:read") ? rows.filter((r) => (FROZEN_STATUSES as readonly string[]).includes(r.status)).map((r) => r.id) : [];
  const orgIds = new Set<string>();
  for (const r of rows) for (const id of [r.sellerId, r.buyerId, r.repId, r.distributorId]) if (id) orgIds.add(id);
  const lockHolders = new Set(rows.flatMap((r) => (validLock(r, now) ? [r.lockedById!] : [])));
  const orderIds = rows.map((r) => r.id);
  const orgs = orgIds.size
    ? (statement(db, `SELECT "id", "slug", "name" FROM "Organization" WHERE "id" IN (SELECT value FROM json_each(?))`).all(jsonIds(orgIds)) as OrgRef[])
    : [];
  const counts = orderIds.length
    ? (statement(db, `SELECT "orderId", count(*) AS "lines" FROM "OrderLine" WHERE "orderId" IN (SELECT value FROM json_each(?)) GROUP BY "orderId"`).all(
        jsonIds(orderIds),
      ) as { orderId: string; lines: number }[])
    : [];
  const users = lockHolders.size
    ? (statement(db, `SELECT "id", "name" FROM "User" WHERE "id" IN (SELECT value FROM json_each(?))`).all(jsonIds(lockHolders)) as { id: string; name: string }[])
    : [];
  const invoices = invoiced.length
    ? (statement(
        db,
        `SELECT "orderId", "id", "number", "status", "totalCents", "balanceCents" FROM "Invoice"
         WHERE "orderId" IN (SELECT value FROM json_each(?)) AND "status" <> 'CANCELLED'`,
      ).all(jsonIds(invoiced)) as (LiveInvoice & { orderId: string })[])
    : [];
  // The other orders of a billing period's invoice (InvoiceOrder), for those its orderId does not name
  // (standard SQL, in chunks of 100 ids).
  const named = new Set(invoices.map((i) => i.orderId));
  const uncovered = invoiced.filter((id) => !named.has(id));
  for (let start = 0; start < uncovered.length; start += 100) {
    const chunk = uncovered.slice(start, start + 100);
    invoices.push(
      ...(statement(
        db,
        `SELECT io."orderId", i."id", i."number", i."status", i."totalCents", i."balanceCents" FROM "InvoiceOrder" io
         JOIN "Invoice" i ON i."id" = io."invoiceId" WHERE io."orderId" IN (${chunk.map(() => "?").join(", ")}) AND i."status" <> 'CANCELLED'`,
      ).all(...chunk) as (LiveInvoice & { orderId: string })[]),
    );
  }
  return {
    orgs: new Map(orgs.map((o) => [o.id, o])),
    lineCounts: new Map(counts.map((c) => [c.orderId, c.lines])),
    users: new Map(users.map((u) => [u.id, u])),
    invoices: new Map(invoices.map(({ orderId, ...invoice }) => [orderId, invoice])),
  };
}

export async function listOrders(actor: OrgActor, query: unknown): Promise<{ orders: OrderListItem[]; nextCursor: string | null }> {
  requirePermission(actor, "order:read");
  const data = parseInput(listOrdersQuerySchema, query);
  const now = new Date();
  const page = await findOrderPage<ListRow>(listWhere(actor, data, now), data.cursor, data.limit, LIST_COLUMNS);
  const rows = page.rows.map(orderFields);
  const { orgs, lineCounts, users, invoices } = loadRefs(await connectDb(), rows, actor, now);
  const ref = (id: string | null) => (id ? (orgs.get(id) ?? { id, slug: "", name: "" }) : null);
  const orders = rows.map((row) => ({
    ...buildOrderView(
      row,
      { seller: ref(row.sellerId)!, buyer: ref(row.buyerId)!, rep: ref(row.repId), distributor: ref(row.distributorId), lockedBy: row.lockedById ? (users.get(row.lockedById) ?? null) : null, invoice: (invoices.get(row.id) as OrderView["invoice"]) ?? null },
      [],
      actor,
      now,
    ),
    lineCount: lineCounts.get(row.id) ?? 0,
  }));
  return { orders, nextCursor: page.nextCursor };
}

/**
 * How many orders each to-do quick filter holds. Only open work is counted: counting an organization's
 * whole history on every list page would read every one of its orders (about 6 ms for 100,000 orders,
 * against 0.5 ms for the open ones: docs/benchmarks.md).
 */
export async function countOrdersByView(actor: OrgActor, now: Date = new Date()): Promise<Record<CountedView, number>> {
  requirePermission(actor, "order:read");
  const db = await connectDb();
  const scope = `"${SCOPE_COLUMN[actor.orgKind]}" = ?`;
  const statuses = [...new Set(COUNTED_VIEWS.flatMap((view) => VIEW_STATUSES[view]))];
  const byStatus = statement(db, `SELECT "status", count(*) AS "orders" FROM "Order" WHERE ${scope} AND "status" IN (${placeholders(statuses.length)}) GROUP BY "status"`).all(
    actor.orgId,
    ...statuses,
  ) as { status: string; orders: number }[];
  const late = statement(db, `SELECT count(*) AS "orders" FROM "Order" WHERE ${scope} AND "status" IN (${placeholders(VIEW_STATUSES.late.length)}) AND "deliveryDate" < ?`).get(
    actor.orgId,
    ...VIEW_STATUSES.late,
    todayIso(now),
  ) as { orders: number };
  const perStatus = new Map(byStatus.map((g) => [g.status, g.orders]));
  const counts = Object.fromEntries(
    COUNTED_VIEWS.map((view) => [view, VIEW_STATUSES[view].reduce((sum, status) => sum + (perStatus.get(status) ?? 0), 0)]),
  ) as Record<CountedView, number>;
  counts.late = late.orders;
  return counts;
}
