// Who sees an order: its parties — the seller (producer), the buyer (retailer), the rep agency and the
// distributor named on it. Every order query puts this in its `where`; anything else answers 404.
import type { Prisma } from "@prisma/client";
import type { OrderSide } from "./status-machine";

export function orderVisibleTo(orgId: string): Prisma.OrderWhereInput {
  return { OR: [{ sellerId: orgId }, { buyerId: orgId }, { repId: orgId }, { distributorId: orgId }] };
}

/** orderVisibleTo as SQL over `"Order" o` (named parameter `@orgId`), for prepared statements: keep the two alike. */
export const ORDER_VISIBLE_SQL = `(o.sellerId = @orgId OR o.buyerId = @orgId OR o.repId = @orgId OR o.distributorId = @orgId)`;

export function orderSideOf(order: { sellerId: string; buyerId: string; repId: string | null; distributorId: string | null }, orgId: string): OrderSide | null {
  if (order.sellerId === orgId) return "seller";
  if (order.buyerId === orgId) return "buyer";
  if (order.repId === orgId) return "rep";
  if (order.distributorId === orgId) return "distributor";
  return null;
}
