// Order lists (GET /api/v1/orders, the orders page, CSV export): filters, quick filters, search and
// keyset pagination, newest first (createdAt desc, id desc).
//
// Speed: a page is one query for the orders, then, in parallel, one for the organizations they name and
// one for their line counts (plus the names of edit-lock holders, only when a listed order is being
// edited) — never a query per order. The scope is the one column
// by which the actor's kind of organization takes part — sellerId for a producer, buyerId for a
// retailer, repId for a rep agency, distributorId for a distributor: the narrow form of
// orderVisibleTo, so that the indexes [sellerId, createdAt, id], [sellerId, status, createdAt, id] and
// their buyer/rep/distributor equivalents serve both the filter and the order; the cursor condition is
// written `createdAt <= t AND (createdAt < t OR id < i)` so that the index range starts at the cursor.
import type { Prisma } from "@prisma/client";
import { getDb } from "~/utils/db.server";
import { validationError } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import { actorCan, requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { startOfDay, startOfNextDay, todayIso } from "./dates";
import { buildOrderView, validLock } from "./order-view.server";
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

/** The orders an organization lists: those where it takes part the way its kind does. */
export function listScopeOf(actor: OrgActor): Prisma.OrderWhereInput {
  switch (actor.orgKind) {
    case "PRODUCER":
      return { sellerId: actor.orgId };
    case "RETAILER":
      return { buyerId: actor.orgId };
    case "REP_AGENCY":
      return { repId: actor.orgId };
    case "DISTRIBUTOR":
      return { distributorId: actor.orgId };
  }
}

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

/** Case variants of a search term: SQLite's LIKE ignores case for ASCII letters only (É vs é). */
function caseVariants(text: string): string[] {
  return [...new Set([text, text.toLowerCase(), text.toUpperCase()])];
}

/** The `where` of a list (without the cursor). */
export function listWhere(actor: OrgActor, query: ListOrdersQuery, now: Date = new Date()): Prisma.OrderWhereInput[] {
  const and: Prisma.OrderWhereInput[] = [listScopeOf(actor)];
  if (query.status) and.push({ status: query.status });
  if (query.view) {
    const statuses = VIEW_STATUSES[query.view];
    and.push(statuses.length === 1 ? { status: statuses[0] } : { status: { in: [...statuses] } });
    if (query.view === "late") and.push({ deliveryDate: { lt: todayIso(now) } });
  }
  if (query.buyer) and.push({ buyerId: query.buyer });
  if (query.seller) and.push({ sellerId: query.seller });
  if (query.deliveryFrom) and.push({ deliveryDate: { gte: query.deliveryFrom } });
  if (query.deliveryTo) and.push({ deliveryDate: { lte: query.deliveryTo } });
  if (query.createdFrom) and.push({ createdAt: { gte: startOfDay(query.createdFrom) } });
  if (query.createdTo) and.push({ createdAt: { lt: startOfNextDay(query.createdTo) } });
  if (query.q) {
    const q = query.q;
    if (/^\d{1,9}$/.test(q)) {
      and.push({ number: Number(q) });
    } else {
      // The customer's name; a retailer's own orders are searched by supplier.
      const names = caseVariants(q);
      and.push(
        actor.orgKind === "RETAILER"
          ? { OR: names.map((name) => ({ seller: { name: { contains: name } } })) }
          : { OR: names.map((name) => ({ buyerName: { contains: name } })) },
      );
    }
  }
  return and;
}

const listSelect = {
  id: true,
  number: true,
  status: true,
  version: true,
  sellerId: true,
  buyerId: true,
  repId: true,
  distributorId: true,
  relationId: true,
  distribution: true,
  deliveryDate: true,
  note: true,
  currency: true,
  groupDiscountBps: true,
  taxesEnabled: true,
  depositsEnabled: true,
  minOrderCents: true,
  subtotalCents: true,
  discountCents: true,
  taxCents: true,
  depositCents: true,
  totalCents: true,
  buyerName: true,
  parentOrderId: true,
  lockedById: true,
  lockedUntil: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.OrderSelect;

type ListRow = Prisma.OrderGetPayload<{ select: typeof listSelect }>;

/** One page of rows in list order (the select must include id and createdAt), and the next cursor. */
export async function findOrderPage<S extends Prisma.OrderSelect & { id: true; createdAt: true }>(
  where: Prisma.OrderWhereInput[],
  cursor: string | undefined,
  limit: number,
  select: S,
): Promise<{ rows: Prisma.OrderGetPayload<{ select: S }>[]; nextCursor: string | null }> {
  const and = [...where];
  if (cursor) {
    const c = decodeCursor(cursor);
    and.push({ createdAt: { lte: c.createdAt }, OR: [{ createdAt: { lt: c.createdAt } }, { id: { lt: c.id } }] });
  }
  const rows = (await getDb().order.findMany({
    where: { AND: and },
    select,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  })) as unknown as Prisma.OrderGetPayload<{ select: S }>[];
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1] as unknown as { createdAt: Date; id: string } | undefined;
  return { rows: page, nextCursor: more && last ? encodeCursor(last) : null };
}

/**
 * What the rows point to, in parallel: the organizations they name, their line counts (grouped over
 * the page's ids only — a relation `_count` would count every line of the table), and the names of
 * valid lock holders (only when a listed order is being edited).
 */
const liveInvoiceSelect = { orderId: true, id: true, number: true, status: true, totalCents: true, balanceCents: true } as const;

async function loadRefs(rows: ListRow[], actor: OrgActor, now: Date) {
  const db = getDb();
  // Only invoiced and paid orders have a live invoice, and only those who may read invoices see it.
  const invoiced = actorCan(actor, "invoice:read") ? rows.filter((r) => (FROZEN_STATUSES as readonly string[]).includes(r.status)).map((r) => r.id) : [];
  const orgIds = new Set<string>();
  for (const r of rows) for (const id of [r.sellerId, r.buyerId, r.repId, r.distributorId]) if (id) orgIds.add(id);
  const lockHolders = new Set(rows.flatMap((r) => (validLock(r, now) ? [r.lockedById!] : [])));
  const orderIds = rows.map((r) => r.id);
  const [orgs, counts, users, invoices] = await Promise.all([
    orgIds.size ? db.organization.findMany({ where: { id: { in: [...orgIds] } }, select: { id: true, slug: true, name: true } }) : [],
    orderIds.length ? db.orderLine.groupBy({ by: ["orderId"], where: { orderId: { in: orderIds } }, _count: { _all: true } }) : [],
    lockHolders.size ? db.user.findMany({ where: { id: { in: [...lockHolders] } }, select: { id: true, name: true } }) : [],
    invoiced.length ? db.invoice.findMany({ where: { orderId: { in: invoiced }, status: { not: "CANCELLED" } }, select: liveInvoiceSelect }) : [],
  ]);
  return {
    orgs: new Map<string, OrgRef>(orgs.map((o) => [o.id, o])),
    lineCounts: new Map(counts.map((c) => [c.orderId, c._count._all])),
    users: new Map(users.map((u) => [u.id, u])),
    invoices: new Map(invoices.map(({ orderId, ...invoice }) => [orderId, invoice])),
  };
}

export async function listOrders(actor: OrgActor, query: unknown): Promise<{ orders: OrderListItem[]; nextCursor: string | null }> {
  requirePermission(actor, "order:read");
  const data = parseInput(listOrdersQuerySchema, query);
  const now = new Date();
  const { rows, nextCursor } = await findOrderPage(listWhere(actor, data, now), data.cursor, data.limit, listSelect);
  const { orgs, lineCounts, users, invoices } = await loadRefs(rows, actor, now);
  const ref = (id: string | null) => (id ? (orgs.get(id) ?? { id, slug: "", name: "" }) : null);
  const orders = rows.map((row) => ({
    ...buildOrderView(
      row,
      { seller: ref(row.sellerId)!, buyer: ref(row.buyerId)!, rep: ref(row.repId), distributor: ref(row.distributorId), lockedBy: row.lockedById ? (users.get(row.lockedById) ?? null) : null, invoice: invoices.get(row.id) ?? null },
      [],
      actor,
      now,
    ),
    lineCount: lineCounts.get(row.id) ?? 0,
  }));
  return { orders, nextCursor };
}

/**
 * How many orders each to-do quick filter holds. Only open work is counted: counting an organization's
 * whole history on every list page would read every one of its orders (about 6 ms for 100,000 orders,
 * against 0.5 ms for the open ones: docs/benchmarks.md).
 */
export async function countOrdersByView(actor: OrgActor, now: Date = new Date()): Promise<Record<CountedView, number>> {
  requirePermission(actor, "order:read");
  const db = getDb();
  const scope = listScopeOf(actor);
  const statuses = [...new Set(COUNTED_VIEWS.flatMap((view) => VIEW_STATUSES[view]))];
  const [byStatus, late] = await Promise.all([
    db.order.groupBy({ by: ["status"], where: { AND: [scope, { status: { in: statuses } }] }, _count: { _all: true } }),
    db.order.count({ where: { AND: [scope, { status: { in: [...VIEW_STATUSES.late] } }, { deliveryDate: { lt: todayIso(now) } }] } }),
  ]);
  const perStatus = new Map(byStatus.map((g) => [g.status, g._count._all]));
  const counts = Object.fromEntries(
    COUNTED_VIEWS.map((view) => [view, VIEW_STATUSES[view].reduce((sum, status) => sum + (perStatus.get(status) ?? 0), 0)]),
  ) as Record<CountedView, number>;
  counts.late = late;
  return counts;
}
