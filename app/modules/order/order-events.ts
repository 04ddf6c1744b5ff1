// Live updates without tying the order services to socket.io: every service that changes an order
// publishes here once its transaction has committed; the server (server/socket.ts) listens and tells
// the order's room. In-process only: with several instances, each one tells its own clients and the
// socket.io adapter (Redis) carries the rest.
import { EventEmitter } from "node:events";

export type OrderUpdated = {
  orderId: string;
  version: number;
  status: string;
  /** The organizations taking part in the order (seller, buyer, rep, distributor). */
  partyOrgIds: string[];
};

export const ORDER_UPDATED = "order:updated";

// One emitter per process, kept on globalThis: the server's own code (server/socket.ts) and the
// Remix build (which bundles its own copy of this module) must share it.
const globalForEvents = globalThis as unknown as { __comptoirOrderUpdates?: EventEmitter };
export const orderUpdates: EventEmitter = (globalForEvents.__comptoirOrderUpdates ??= new EventEmitter());
// Every open socket server, test server and job may listen: no leak warning for many listeners.
orderUpdates.setMaxListeners(0);

/** Subscribes to order updates; returns the unsubscribe function. */
export function onOrderUpdated(listener: (event: OrderUpdated) => void): () => void {
  orderUpdates.on(ORDER_UPDATED, listener);
  return () => orderUpdates.off(ORDER_UPDATED, listener);
}

/** Called after the commit: a failing listener must not turn a saved change into an error. */
export function publishOrderUpdated(event: OrderUpdated): void {
  try {
    orderUpdates.emit(ORDER_UPDATED, event);
  } catch (error) {
    console.error("An order:updated listener failed:", error);
  }
}

/** The party organizations of an order row, without duplicates or empty slots. */
export function partyOrgIdsOf(order: { sellerId: string; buyerId: string; repId: string | null; distributorId: string | null }): string[] {
  return [...new Set([order.sellerId, order.buyerId, order.repId, order.distributorId].filter((id): id is string => Boolean(id)))];
}
