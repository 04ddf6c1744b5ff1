// The checks every change of an order goes through, in this order, inside the change's transaction:
//   visible to the actor's organization (404) → the status allows the action (409 invalid_transition,
//   409 frozen once invoiced) → the actor's side and role may take it (403) → the change is based on
//   the current version (409 conflict) → nobody else holds the edit lock (423 locked).
// Then the version moves on by one with a conditional update, so that of two changes based on the
// same version only one is saved even without the transactions being serialized.
import type { Prisma } from "@prisma/client";
import { connectDb, sqlTimestamp, statement, type Sqlite, type Tx } from "~/utils/db.server";
import { newId } from "~/utils/ids.server";
import { AppError } from "~/utils/errors";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { orderViewInclude, validLock, actorPermissions, type OrderRow } from "./order-view.server";
import { FROZEN_STATUSES, isAllowedFrom, mayAct, type OrderAction, type OrderSide } from "./status-machine";
import { orderSideOf, orderVisibleTo } from "./visibility.server";

export const TX_OPTIONS = { maxWait: 15_000, timeout: 30_000 } as const;

export type GuardedOrder = { order: OrderRow; side: OrderSide };

export function conflictError(currentVersion: number): AppError {
  return new AppError("conflict", "error.conflict", { currentVersion });
}

export function lockedError(lockedBy: { id: string; name: string }, until: Date): AppError {
  return new AppError("locked", "error.locked", { lockedBy, lockedUntil: until.toISOString() });
}

/** Loads a visible order in `tx` or answers 404. */
export async function loadVisibleOrder(tx: Tx, actor: OrgActor, orderId: string): Promise<GuardedOrder> {
  requirePermission(actor, "order:read");
  const order = await tx.order.findFirst({ where: { AND: [{ id: orderId }, orderVisibleTo(actor.orgId)] }, include: orderViewInclude });
  if (!order) throw new AppError("not_found", "error.not_found");
  return { order, side: orderSideOf(order, actor.orgId)! };
}

/** 409 when the status does not allow the action: `frozen` once invoiced, else `invalid_transition`. */
export function requireStatusAllows(action: OrderAction, status: string): void {
  if (isAllowedFrom(action, status)) return;
  if ((FROZEN_STATUSES as readonly string[]).includes(status)) throw new AppError("frozen", "error.frozen", { status });
  throw new AppError("invalid_transition", "error.invalid_transition", { status, action });
}

export function requireMayAct(action: OrderAction, side: OrderSide, actor: OrgActor): void {
  if (!mayAct(action, side, actorPermissions(actor))) throw new AppError("forbidden", "error.forbidden");
}

export function requireNotLockedByOther(order: OrderRow, actor: OrgActor, now: Date): void {
  const lock = validLock(order, now);
  if (lock && lock.id !== actor.userId) {
    throw lockedError({ id: lock.id, name: order.lockedBy?.name ?? "" }, lock.until);
  }
}

/** Every check of a change, in the contract's order; returns the loaded order. */
export async function loadOrderForChange(
  tx: Tx,
  actor: OrgActor,
  orderId: string,
  action: OrderAction,
  version: number,
  now: Date,
): Promise<GuardedOrder> {
  const guarded = await loadVisibleOrder(tx, actor, orderId);
  const { order, side } = guarded;
  requireStatusAllows(action, order.status);
  requireMayAct(action, side, actor);
  if (order.version !== version) throw conflictError(order.version);
  requireNotLockedByOther(order, actor, now);
  return guarded;
}

/** Saves `data` and moves the version on by one, only if nobody changed the order meanwhile. */
export async function saveNextVersion(tx: Tx, order: { id: string; version: number }, data: Prisma.OrderUncheckedUpdateManyInput): Promise<number> {
  const { count } = await tx.order.updateMany({
    where: { id: order.id, version: order.version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count !== 1) {
    const current = await tx.order.findUnique({ where: { id: order.id }, select: { version: true } });
    throw conflictError(current?.version ?? order.version);
  }
  return order.version + 1;
}

/**
 * saveNextVersion of a status move on the raw connection: the new status, the edit lock released, the
 * version moved on by one — only if nobody changed the order meanwhile (409 conflict otherwise).
 */
export function saveNextStatus(db: Sqlite, order: { id: string; version: number }, status: string, now: Date): number {
  const { changes } = statement(
    db,
    `UPDATE "Order" SET "status" = ?, "lockedById" = NULL, "lockedUntil" = NULL, "version" = "version" + 1, "updatedAt" = ?
     WHERE "id" = ? AND "version" = ?`,
  ).run(status, sqlTimestamp(now), order.id, order.version);
  if (changes !== 1) {
    const current = statement(db, `SELECT "version" FROM "Order" WHERE "id" = ?`).get(order.id) as { version: number } | undefined;
    throw conflictError(current?.version ?? order.version);
  }
  return order.version + 1;
}

export type EventActor = { userId: string | null; userName: string; orgId: string | null; orgName: string };

/** The Comptoir system (the expiry job). */
export const SYSTEM_ACTOR: EventActor = { userId: null, userName: "Comptoir", orgId: null, orgName: "Comptoir" };

/** An order actor as the history names it: the acting organization is one of the order's parties. */
export function eventActorOf(actor: OrgActor, order: { seller: { id: string; name: string }; buyer: { id: string; name: string }; rep: { id: string; name: string } | null; distributor: { id: string; name: string } | null }): EventActor {
  const org = [order.seller, order.buyer, order.rep, order.distributor].find((o) => o?.id === actor.orgId);
  return { userId: actor.userId, userName: actor.userName, orgId: actor.orgId, orgName: org?.name ?? "" };
}

/** Appends an event to an order's history, in the transaction open on the connection. */
export function insertOrderEvent(
  db: Sqlite,
  event: { orderId: string; type: string; actor: EventActor; changes?: Record<string, unknown>; at?: Date },
): void {
  statement(
    db,
    `INSERT INTO "OrderEvent" ("id", "orderId", "type", "actorId", "actorName", "actorOrgId", "actorOrgName", "changes", "createdAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    newId(), event.orderId, event.type, event.actor.userId, event.actor.userName, event.actor.orgId, event.actor.orgName,
    JSON.stringify(event.changes ?? {}), sqlTimestamp(event.at ?? new Date()),
  );
}

/** insertOrderEvent for code inside a Prisma transaction (`tx`): on the one connection, it joins it. */
export async function recordOrderEvent(
  _tx: Tx,
  event: { orderId: string; type: string; actor: EventActor; changes?: Record<string, unknown>; at?: Date },
): Promise<void> {
  insertOrderEvent(await connectDb(), event);
}

/** A unique constraint failed (Prisma P2002, or the driver's own error through an adapter). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } }; message?: string };
  if (e?.code === "P2002") return true;
  if (e?.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation") return true;
  return typeof e?.message === "string" && /UNIQUE constraint failed|Unique constraint failed/i.test(e.message);
}
