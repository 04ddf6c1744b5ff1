// Live updates of the bakery's intake board: a service that writes a proposal or a difference (or
// anything the board counts) publishes here once its transaction has committed; the socket server
// (server/socket.ts) tells the producer's organization room `bakery:changed` {date}. In-process, kept
// on globalThis like app/modules/order/order-events.ts (the Remix build bundles its own copy).
import { EventEmitter } from "node:events";

export type BakeryChanged = { producerId: string; date: string | null };

export const BAKERY_CHANGED = "bakery:changed";

const globalForEvents = globalThis as unknown as { __comptoirBakeryChanges?: EventEmitter };
const bakeryChanges: EventEmitter = (globalForEvents.__comptoirBakeryChanges ??= new EventEmitter());
bakeryChanges.setMaxListeners(0);

export function onBakeryChanged(listener: (event: BakeryChanged) => void): () => void {
  bakeryChanges.on(BAKERY_CHANGED, listener);
  return () => bakeryChanges.off(BAKERY_CHANGED, listener);
}

/** Called after the commit: a failing listener must not turn a saved change into an error. */
export function publishBakeryChange(producerId: string, date: string | null): void {
  try {
    bakeryChanges.emit(BAKERY_CHANGED, { producerId, date } satisfies BakeryChanged);
  } catch (error) {
    console.error("A bakery:changed listener failed:", error);
  }
}
