// Live order updates: the pages work without JavaScript; with it, one socket.io connection (loaded on
// demand, so the client library never weighs on the first paint) joins the organization's room and
// the open order's room, and the page reloads its data when an order changes. While the user edits,
// nothing reloads under their fingers: the page says the order changed instead.
import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useOrgLayout } from "./org-nav";

type OrderUpdated = { orderId: string; version: number; status: string };
type Listener = (event: OrderUpdated) => void;
type Socket = {
  connected: boolean;
  on(event: string, fn: (...args: any[]) => void): void;
  off(event: string, fn: (...args: any[]) => void): void;
  emit(event: string, payload: unknown, ack?: (answer: unknown) => void): void;
};

// One connection per browser tab, shared by the pages the user moves through.
let socketPromise: Promise<Socket> | null = null;
const listeners = new Set<Listener>();
const rooms = new Map<string, { event: string; payload: Record<string, string>; users: number }>();
let connected = false;

/** Whether the tab's live connection is up (pages poll while it is not: the intake board). */
export function isLiveConnected(): boolean {
  return connected;
}

function getSocket(): Promise<Socket> {
  if (!socketPromise) {
    socketPromise = import("socket.io-client").then(({ io }) => {
      const socket = io({ path: "/socket.io", withCredentials: true }) as unknown as Socket;
      // Rooms are joined again after every (re)connection: the server forgets them with the socket.
      socket.on("connect", () => {
        connected = true;
        for (const room of rooms.values()) socket.emit(room.event, room.payload, () => {});
      });
      socket.on("disconnect", () => {
        connected = false;
      });
      socket.on("order:updated", (event: OrderUpdated) => {
        for (const listener of listeners) listener(event);
      });
      return socket;
    });
    socketPromise.catch(() => {
      socketPromise = null;
    });
  }
  return socketPromise;
}

function joinRoom(key: string, event: string, payload: Record<string, string>): () => void {
  const room = rooms.get(key);
  if (room) room.users += 1;
  else {
    rooms.set(key, { event, payload, users: 1 });
    getSocket()
      .then((socket) => {
        if (socket.connected) socket.emit(event, payload, () => {});
      })
      .catch(() => {});
  }
  return () => {
    const current = rooms.get(key);
    if (current && --current.users <= 0) rooms.delete(key);
  };
}

/** Listens to an event of the tab's connection (the order chat, unread counts); returns the unsubscribe. */
export function onLiveEvent<T>(event: string, fn: (payload: T) => void): () => void {
  let socket: Socket | null = null;
  let stopped = false;
  getSocket()
    .then((s) => {
      if (stopped) return;
      socket = s;
      s.on(event, fn);
    })
    .catch(() => {});
  return () => {
    stopped = true;
    socket?.off(event, fn);
  };
}

/** Sends an event on the tab's connection (socket.io keeps it until the connection is up). */
export function emitLive(event: string, payload: unknown): void {
  getSocket()
    .then((s) => s.emit(event, payload, () => {}))
    .catch(() => {});
}

/**
 * Reloads the page's data when an order of the organization changes (`scope: "org"`, the lists) or
 * when this order changes (`orderId`). `paused` (the user is editing): no reload, `changed` becomes true.
 */
export function useLiveOrders(options: { scope: "org" } | { orderId: string; version: number; paused?: boolean }): { changed: boolean } {
  const { org } = useOrgLayout();
  const revalidator = useRevalidator();
  const [changed, setChanged] = useState(false);
  const orderId = "orderId" in options ? options.orderId : null;
  const version = "version" in options ? options.version : 0;
  const latest = useRef(options);
  latest.current = options;
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;

  useEffect(() => {
    setChanged(false);
    const leave: (() => void)[] = [joinRoom(`org:${org.slug}`, "org:join", { orgSlug: org.slug })];
    if (orderId) leave.push(joinRoom(`order:${orderId}`, "order:join", { orderId, orgSlug: org.slug }));
    let timer: ReturnType<typeof setTimeout> | null = null;
    const listener: Listener = (event) => {
      const current = latest.current;
      if ("orderId" in current) {
        // The page shows this version already (often the user's own change, just saved): reloading
        // would only chase away the page's toast. A lock taken or released keeps the version too.
        if (event.orderId !== current.orderId || event.version <= current.version) return;
        if (current.paused) {
          setChanged(true);
          return;
        }
      }
      // Several changes in a row (a save and an accept): one reload.
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => revalidate.current(), 250);
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (timer) clearTimeout(timer);
      leave.forEach((fn) => fn());
    };
  }, [org.slug, orderId]);

  // The page now shows a newer version (reloaded, or saved by the user): nothing left to announce.
  useEffect(() => setChanged(false), [version]);

  return { changed };
}
