// Access that ends while a connection is open: a session ended, an API token revoked, a membership
// removed. Whatever
// holds a connection opened with it listens: server/socket.ts disconnects the sockets concerned
// (through the socket.io adapter, on every instance). Published after the change is committed.
// One emitter per process on globalThis: the server and the Remix build share it.
import { EventEmitter } from "node:events";
import { logUnexpectedError } from "./logger.server";

export type AccessEnded =
  /** One session ended (log-out), by the key it is stored under. */
  | { kind: "session"; sessionKey: string }
  /** Every session of a user ended (password reset or change). */
  | { kind: "user-sessions"; userId: string }
  /** An API token was revoked (by its holder, on the tokens page, or with its membership). */
  | { kind: "api-token"; tokenId: string }
  /** A user is no longer a member of an organization (removed, or left). */
  | { kind: "membership"; userId: string; orgId: string };

const ACCESS_ENDED = "access:ended";
const globalForAccessEvents = globalThis as unknown as { __comptoirAccessEvents?: EventEmitter };
const accessEvents: EventEmitter = (globalForAccessEvents.__comptoirAccessEvents ??= new EventEmitter());
accessEvents.setMaxListeners(0);

export function onAccessEnded(listener: (event: AccessEnded) => void): () => void {
  accessEvents.on(ACCESS_ENDED, listener);
  return () => accessEvents.off(ACCESS_ENDED, listener);
}

export function publishAccessEnded(event: AccessEnded): void {
  try {
    accessEvents.emit(ACCESS_ENDED, event);
  } catch (error) {
    // The change is committed whatever a listener does.
    logUnexpectedError(error, "An access:ended listener failed");
  }
}
