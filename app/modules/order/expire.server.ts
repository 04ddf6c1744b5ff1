// The expiry job: a PENDING order not accepted before its delivery date becomes EXPIRED (by the
// Comptoir system, in the history). Runs in the server process every 10 minutes and at start-up, and
// once by `npm run jobs:expire`.
import { getDb } from "~/utils/db.server";
import { todayIso } from "./dates";
import { partyOrgIdsOf, publishOrderUpdated } from "./order-events";
import { recordOrderEvent, SYSTEM_ACTOR, TX_OPTIONS } from "./order-guard.server";

const BATCH = 200;

/**
 * Expires every overdue PENDING order; returns how many. `signal` (the scheduler's lease) stops it
 * between batches once another instance has taken over.
 */
export async function expireOverdueOrders(now: Date = new Date(), options: { signal?: AbortSignal } = {}): Promise<number> {
  const db = getDb();
  const today = todayIso(now);
  let expired = 0;
  let after = "";
  for (;;) {
    if (options.signal?.aborted) break;
    // Served by the [status, deliveryDate] index; batches keep each transaction short.
    const batch = await db.order.findMany({
      where: { status: "PENDING", deliveryDate: { lt: today }, id: { gt: after } },
      select: { id: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (batch.length === 0) break;
    after = batch[batch.length - 1].id;
    const done = await db.$transaction(async (tx) => {
      const changed = [];
      for (const { id } of batch) {
        // Read again inside the transaction: someone may have accepted it meanwhile.
        const order = await tx.order.findFirst({
          where: { id, status: "PENDING", deliveryDate: { lt: today } },
          select: { id: true, version: true, sellerId: true, buyerId: true, repId: true, distributorId: true },
        });
        if (!order) continue;
        const { count } = await tx.order.updateMany({
          where: { id, status: "PENDING", version: order.version },
          data: { status: "EXPIRED", closedAt: now, version: { increment: 1 }, lockedById: null, lockedUntil: null },
        });
        if (count !== 1) continue;
        await recordOrderEvent(tx, { orderId: id, type: "EXPIRED", actor: SYSTEM_ACTOR, changes: { status: { before: "PENDING", after: "EXPIRED" } } });
        changed.push({ ...order, version: order.version + 1 });
      }
      return changed;
    }, TX_OPTIONS);
    for (const order of done) {
      publishOrderUpdated({ orderId: order.id, version: order.version, status: "EXPIRED", partyOrgIds: partyOrgIdsOf(order) });
    }
    expired += done.length;
    if (batch.length < BATCH) break;
  }
  return expired;
}
