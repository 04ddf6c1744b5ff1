// Live chat events without tying the chat services to socket.io (like ../order/order-events.ts): the
// services publish here once their transaction has committed; server/socket.ts listens and emits to
// the order's room (`message:new`, `message:read`) and to the rooms of the users concerned
// (`chat:unread`, so that their unread counts follow). With several instances the socket.io adapter
// (Redis) carries the emits to the other instances' clients.
import { EventEmitter } from "node:events";
import type { ChatMessageView, ChatReadEvent } from "./types";

export type ChatEvents = {
  "message:new": { orderId: string; message: ChatMessageView };
  "message:read": ChatReadEvent;
  /** These users' unread counts changed (for this order). */
  "chat:unread": { orderId: string; userIds: string[] };
};
export type ChatEventName = keyof ChatEvents;

// One emitter per process on globalThis: the server's code and the Remix build share it.
const globalForChat = globalThis as unknown as { __comptoirChatEvents?: EventEmitter };
const chatEvents: EventEmitter = (globalForChat.__comptoirChatEvents ??= new EventEmitter());
chatEvents.setMaxListeners(0);

export function onChatEvent<E extends ChatEventName>(event: E, listener: (payload: ChatEvents[E]) => void): () => void {
  chatEvents.on(event, listener);
  return () => chatEvents.off(event, listener);
}

/** Called after the commit: a failing listener must not turn a saved message into an error. */
export function publishChatEvent<E extends ChatEventName>(event: E, payload: ChatEvents[E]): void {
  try {
    chatEvents.emit(event, payload);
  } catch (error) {
    console.error(`A ${event} listener failed:`, error);
  }
}
