// What the custom server hands every loader and action (see server/index.ts): the session read once
// per request, the client address, and the socket.io server.
import type { SessionUser } from "~/utils/session.server";

export type RequestContext = {
  user: SessionUser | null;
  sessionId: string | null;
  clientIp: string;
  /** This request's Content-Security-Policy nonce, for the inline scripts of the page. */
  cspNonce: string;
  /** socket.io server, typed loosely so that routes stay free of server imports. */
  io?: { to(room: string): { emit(event: string, payload: unknown): void } };
};

declare module "@remix-run/node" {
  interface AppLoadContext extends RequestContext {}
}
