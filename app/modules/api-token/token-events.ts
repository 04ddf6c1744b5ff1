// Revoked API tokens, for whatever holds a connection opened with one: server/socket.ts disconnects
// the token's sockets (through the socket.io adapter, on every instance). Published after the
// revocation is written. One emitter per process on globalThis: the server and the Remix build share it.
import { EventEmitter } from "node:events";

export type ApiTokenRevoked = { tokenId: string };

const TOKEN_REVOKED = "api-token:revoked";
const globalForTokenEvents = globalThis as unknown as { __comptoirTokenEvents?: EventEmitter };
const tokenEvents: EventEmitter = (globalForTokenEvents.__comptoirTokenEvents ??= new EventEmitter());
tokenEvents.setMaxListeners(0);

export function onApiTokenRevoked(listener: (event: ApiTokenRevoked) => void): () => void {
  tokenEvents.on(TOKEN_REVOKED, listener);
  return () => tokenEvents.off(TOKEN_REVOKED, listener);
}

export function publishApiTokenRevoked(event: ApiTokenRevoked): void {
  try {
    tokenEvents.emit(TOKEN_REVOKED, event);
  } catch (error) {
    // The token is revoked in the database whatever a listener does.
    console.error("An api-token:revoked listener failed:", error);
  }
}
