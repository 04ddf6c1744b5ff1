// The order edit lock: a short lease (2 minutes) that names the editor ("Alice is editing this
// order"). The holder renews it while the page is open; others read the order but cannot change it
// (423 locked) until it is released or runs out. Only seller-side users who may amend take it, and
// only while the order can still be amended.
import { getDb } from "~/utils/db.server";
import type { OrgActor } from "../org/actor";
import { partyOrgIdsOf, publishOrderUpdated } from "./order-events";
import { loadVisibleOrder, lockedError, requireMayAct, requireStatusAllows, TX_OPTIONS } from "./order-guard.server";
import { validLock } from "./order-view.server";

export const ORDER_LOCK_TTL_MS = 2 * 60_000;

export type OrderLock = { lockedBy: { id: string; name: string }; expiresAt: string };

/** Takes or renews the lease; 423 while another user holds a valid one. */
export async function acquireOrderLock(actor: OrgActor, orderId: string, now: Date = new Date()): Promise<OrderLock> {
  const expiresAt = new Date(now.getTime() + ORDER_LOCK_TTL_MS);
  const result = await getDb().$transaction(async (tx) => {
    const { order, side } = await loadVisibleOrder(tx, actor, orderId);
    requireStatusAllows("amend", order.status);
    requireMayAct("amend", side, actor);
    // The condition is in the update itself: of two users asking at once, one gets the lease.
    const { count } = await tx.order.updateMany({
      where: {
        id: order.id,
        status: order.status,
        OR: [{ lockedById: null }, { lockedById: actor.userId }, { lockedUntil: null }, { lockedUntil: { lte: now } }],
      },
      data: { lockedById: actor.userId, lockedUntil: expiresAt },
    });
    if (count !== 1) {
      const current = await tx.order.findUniqueOrThrow({ where: { id: order.id }, select: { lockedUntil: true, lockedBy: { select: { id: true, name: true } } } });
      throw lockedError(current.lockedBy ?? { id: "", name: "" }, current.lockedUntil ?? now);
    }
    const previous = validLock(order, now);
    return { order, changedHands: previous?.id !== actor.userId };
  }, TX_OPTIONS);
  if (result.changedHands) {
    const { order } = result;
    publishOrderUpdated({ orderId: order.id, version: order.version, status: order.status, partyOrgIds: partyOrgIdsOf(order) });
  }
  return { lockedBy: { id: actor.userId, name: actor.userName }, expiresAt: expiresAt.toISOString() };
}

/** Releases the caller's own lease (nothing happens when it holds none): others may edit again. */
export async function releaseOrderLock(actor: OrgActor, orderId: string, now: Date = new Date()): Promise<void> {
  const released = await getDb().$transaction(async (tx) => {
    const { order } = await loadVisibleOrder(tx, actor, orderId);
    const { count } = await tx.order.updateMany({
      where: { id: order.id, lockedById: actor.userId },
      data: { lockedById: null, lockedUntil: null },
    });
    return count === 1 && validLock(order, now) ? order : null;
  }, TX_OPTIONS);
  if (released) {
    publishOrderUpdated({ orderId: released.id, version: released.version, status: released.status, partyOrgIds: partyOrgIdsOf(released) });
  }
}
