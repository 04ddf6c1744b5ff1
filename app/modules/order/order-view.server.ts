// The order object of the API (../shared/api.md, "Orders") and the pages: OrderView in ./types.ts.
// Reading one order: only its parties see it (orderVisibleTo); anything else answers 404.
import type { Prisma } from "@prisma/client";
import { getDb, type Tx } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { can } from "~/utils/permissions";
import type { LineKind } from "../pricing/totals";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { availableActions, FROZEN_STATUSES, type OrderSide, type OrderStatus } from "./status-machine";
import type { Distribution, OrderLineView, OrderView, OrgRef } from "./types";
import { orderSideOf, orderVisibleTo } from "./visibility.server";

const orgRef = { select: { id: true, slug: true, name: true } } as const;

export const orderViewInclude = {
  seller: orgRef,
  buyer: orgRef,
  rep: orgRef,
  distributor: orgRef,
  lockedBy: { select: { id: true, name: true } },
  lines: { orderBy: [{ position: "asc" }, { id: "asc" }] },
  // The live invoice: at most one is not cancelled (a partial unique index says so).
  invoices: { where: { status: { not: "CANCELLED" } }, select: { id: true, number: true, status: true, totalCents: true, balanceCents: true }, take: 1 },
} satisfies Prisma.OrderInclude;

export type OrderRow = Prisma.OrderGetPayload<{ include: typeof orderViewInclude }>;
/** The order fields a view shows (lists select just these). */
export type OrderViewFields = Pick<
  Prisma.OrderGetPayload<object>,
  | "id" | "number" | "status" | "version" | "sellerId" | "buyerId" | "repId" | "distributorId" | "distribution" | "deliveryDate"
  | "note" | "currency" | "groupDiscountBps" | "taxesEnabled" | "depositsEnabled" | "minOrderCents" | "subtotalCents"
  | "discountCents" | "taxCents" | "depositCents" | "totalCents" | "parentOrderId" | "lockedById" | "lockedUntil"
  | "createdAt" | "updatedAt"
>;

export function actorPermissions(actor: OrgActor) {
  return { role: actor.role, kind: actor.orgKind };
}

/** The lease holder while the lease runs; nobody once it has expired. */
export function validLock(
  order: { lockedById: string | null; lockedUntil: Date | null },
  now: Date = new Date(),
): { id: string; until: Date } | null {
  if (!order.lockedById || !order.lockedUntil || order.lockedUntil.getTime() <= now.getTime()) return null;
  return { id: order.lockedById, until: order.lockedUntil };
}

export function lineView(
  line: Pick<OrderRow["lines"][number], "id" | "formatId" | "description" | "quantity" | "unitPrice4" | "discountBps" | "taxRateBps" | "depositCents" | "totalCents"> & {
    kind: string;
    receivedQuantity?: number | null;
  },
): OrderLineView {
  return {
    id: line.id,
    kind: line.kind as LineKind,
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
}

/**
 * Builds the view from an order row and the org refs and lock holder it points to. `side` is how the
 * viewing organization takes part (it must take part: callers load visible orders only).
 */
export function buildOrderView(
  order: OrderViewFields,
  refs: {
    seller: OrgRef;
    buyer: OrgRef;
    rep: OrgRef | null;
    distributor: OrgRef | null;
    lockedBy: { id: string; name: string } | null;
    invoice?: OrderView["invoice"];
  },
  lines: OrderLineView[],
  actor: OrgActor,
  now: Date = new Date(),
): OrderView {
  const side: OrderSide = orderSideOf(order, actor.orgId) ?? "buyer";
  const lock = validLock(order, now);
  return {
    id: order.id,
    number: order.number,
    status: order.status as OrderStatus,
    version: order.version,
    seller: refs.seller,
    buyer: refs.buyer,
    rep: refs.rep,
    distributor: refs.distributor,
    distribution: order.distribution as Distribution,
    deliveryDate: order.deliveryDate,
    note: order.note,
    lines,
    subtotalCents: order.subtotalCents,
    discountCents: order.discountCents,
    taxCents: order.taxCents,
    depositCents: order.depositCents,
    totalCents: order.totalCents,
    // Retailer STAFF may not read invoices (DESIGN, "Tenancy and roles"): not even their summary.
    invoice: can(actorPermissions(actor), "invoice:read") ? (refs.invoice ?? null) : null,
    lockedBy: lock && refs.lockedBy ? { id: refs.lockedBy.id, name: refs.lockedBy.name } : null,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    currency: order.currency,
    taxesEnabled: order.taxesEnabled,
    depositsEnabled: order.depositsEnabled,
    groupDiscountBps: order.groupDiscountBps,
    minOrderCents: order.minOrderCents,
    belowMinimum: isBelowMinimum(order),
    parentOrderId: order.parentOrderId,
    lockExpiresAt: lock ? lock.until.toISOString() : null,
    viewerSide: side,
    actions: availableActions(order.status, side, actorPermissions(actor)),
  };
}

/** The soft minimum compares with the goods after discounts (before taxes and deposits). */
export function isBelowMinimum(order: { minOrderCents: number; subtotalCents: number; discountCents: number }): boolean {
  return order.minOrderCents > 0 && order.subtotalCents - order.discountCents < order.minOrderCents;
}

export function toOrderView(row: OrderRow, actor: OrgActor, now: Date = new Date()): OrderView {
  return buildOrderView(row, { ...row, invoice: row.invoices[0] ?? null }, row.lines.map(lineView), actor, now);
}

/** One visible order, fully loaded, or 404. */
export async function loadOrderView(db: Tx, actor: OrgActor, orderId: string, now: Date = new Date()): Promise<OrderView> {
  const row = await db.order.findFirst({ where: { AND: [{ id: orderId }, orderVisibleTo(actor.orgId)] }, include: orderViewInclude });
  if (!row) throw new AppError("not_found", "error.not_found");
  if (!row.invoices.length && (FROZEN_STATUSES as readonly string[]).includes(row.status)) {
    // Not the first order of its invoice (a billing period's invoice covers several: InvoiceOrder).
    const covering = await db.invoiceOrder.findFirst({
      where: { orderId: row.id, invoice: { status: { not: "CANCELLED" }, sellerId: row.sellerId } },
      select: { invoice: { select: orderViewInclude.invoices.select } },
    });
    if (covering) return toOrderView({ ...row, invoices: [covering.invoice] }, actor, now);
  }
  return toOrderView(row, actor, now);
}

/** GET /api/v1/orders/:id: the order, with what the viewing user may do now. */
export async function getOrder(actor: OrgActor, orderId: string): Promise<OrderView> {
  requirePermission(actor, "order:read");
  return loadOrderView(getDb(), actor, orderId);
}
