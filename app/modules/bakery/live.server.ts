// Live bakery updates without tying the bakery services to socket.io: after its commit, a service that
// changes a date's intake, differences or day orders publishes `bakery:changed` {date}; the server
// (server/socket.ts) tells the producer's organization room and the intake board refetches its counters.
// In-process, like order:updated (app/modules/order/order-events.ts).
import { EventEmitter } from "node:events";

export type BakeryChanged = { producerId: string; date: string };

export const BAKERY_CHANGED = "bakery:changed";

// On globalThis: the server's own code and the Remix build (its own copy of this module) share it.
const globalForEvents = globalThis as unknown as { __comptoirBakeryChanges?: EventEmitter };
const bakeryChanges: EventEmitter = (globalForEvents.__comptoirBakeryChanges ??= new EventEmitter());
bakeryChanges.setMaxListeners(0);

export function onBakeryChanged(listener: (event: BakeryChanged) => void): () => void {
  bakeryChanges.on(BAKERY_CHANGED, listener);
  return () => bakeryChanges.off(BAKERY_CHANGED, listener);
}

/** Called after the commit: a failing listener must not turn a saved change into an error. */
export function publishBakeryChange(producerId: string, date: string): void {
  try {
    bakeryChanges.emit(BAKERY_CHANGED, { producerId, date } satisfies BakeryChanged);
  } catch (error) {
    console.error("A bakery:changed listener failed:", error);
  }
}
