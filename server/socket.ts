// socket.io: the client authenticates on the handshake with the session cookie or `auth.token`
// (API clients, bound to one organization). A cookie handshake from a foreign Origin is refused, by the
// rule of form posts (server/origin.ts); a token may come from anywhere. A socket lives no longer than
// its credentials: each one sits in the room of its session (`session:<key>`, and `sessions:<userId>`)
// or of its token (`token:<id>`), and ending that session (log-out, password reset or change) or
// revoking that token disconnects the room, on every instance (through the socket.io adapter). A socket
// that joined a room as a member of an organization also sits in `member:<userId>:<orgId>`, closed
// when that membership ends.
// Rooms are joined only after the same checks as the pages:
// - `org:join` {orgSlug} → room `org:<orgId>` once the user is a member (an API client: its own
//   organization only);
// - `order:join` {orderId, orgSlug?} → room `order:<orderId>` once the order service shows the order
//   to that organization (a cookie user names the organization it acts for; without one, the first of
//   its organizations that sees the order). Anything else answers {ok:false, error:{code:"not_found"}}.
// Order changes published by the order services (after their commit) go to the order's room and to
// the rooms of its parties' organizations, as `order:updated` {orderId, version, status}. A bakery
// date's changes (intake, differences, validation: app/modules/bakery/live.server.ts) go to the
// producer's organization room as `bakery:changed` {date}.
// The order chat, in a joined order's room only, as the organization it was joined for:
// - `message:new` {orderId, message} and `message:read` {orderId, user, readAt, messageIds} come from
//   the chat services (app/modules/chat/chat-events.ts), whichever instance or route posted;
// - `typing` {orderId} from a client goes to the room's other sockets as `typing` {orderId, user};
// - `order:read` {orderId} (ack) marks the conversation read: the client has it on screen;
// - `chat:unread` {orderId} goes to the rooms `user:<id>` of the users whose unread counts changed.
import type { Server, Socket } from "socket.io";
import { authenticateApiToken } from "~/modules/api-token/api-token.server";
import { markConversationRead } from "~/modules/chat/chat.server";
import { onChatEvent } from "~/modules/chat/chat-events";
import { loadActor } from "~/modules/org/access.server";
import type { OrgActor } from "~/modules/org/actor";
import { onBakeryChanged } from "~/modules/bakery/live.server";
import { onOrderUpdated } from "~/modules/order/order-events";
import { getOrder } from "~/modules/order/order-view.server";
import { getDb } from "~/utils/db.server";
import { AppError, isAppError } from "~/utils/errors";
import { getEnv } from "~/utils/env.server";
import { readSession, sessionKey } from "~/utils/session.server";
import { onAccessEnded, type AccessEnded } from "~/utils/access-events.server";
import { isSameOriginRequest } from "./origin";

export type SocketUser = { id: string; name: string };

type Ack = (answer: { ok: true } | { ok: false; error: { code: string } }) => void;

export function orgRoom(orgId: string): string {
  return `org:${orgId}`;
}

export function orderRoom(orderId: string): string {
  return `order:${orderId}`;
}

export function userRoom(userId: string): string {
  return `user:${userId}`;
}

function sessionRoom(key: string): string {
  return `session:${key}`;
}

/** Every cookie socket of a user (not its token sockets: a password change leaves tokens valid). */
function userSessionsRoom(userId: string): string {
  return `sessions:${userId}`;
}

/** A user's sockets joined as a member of an organization: closed when that membership ends. */
function memberRoom(userId: string, orgId: string): string {
  return `member:${userId}:${orgId}`;
}

function roomOfEndedAccess(event: AccessEnded): string {
  switch (event.kind) {
    case "session":
      return sessionRoom(event.sessionKey);
    case "user-sessions":
      return userSessionsRoom(event.userId);
    case "api-token":
      return tokenRoom(event.tokenId);
    case "membership":
      return memberRoom(event.userId, event.orgId);
  }
}

function tokenRoom(tokenId: string): string {
  return `token:${tokenId}`;
}

/** The actor each order was joined as, for the socket's later chat events in that room. */
function joinedOrders(socket: Socket): Map<string, OrgActor> {
  socket.data.orders ??= new Map<string, OrgActor>();
  return socket.data.orders as Map<string, OrgActor>;
}

function joinedActor(socket: Socket, orderId: unknown): OrgActor {
  const actor = typeof orderId === "string" ? joinedOrders(socket).get(orderId) : undefined;
  if (!actor) throw notFound();
  return actor;
}

function notFound(): AppError {
  return new AppError("not_found", "error.not_found");
}

/** The actor a socket acts as for an organization: a token's own one, or the cookie user's membership. */
async function actorFor(socket: Socket, orgSlug: unknown): Promise<OrgActor> {
  const tokenActor = socket.data.actor as OrgActor | undefined;
  if (tokenActor) {
    if (orgSlug !== undefined && orgSlug !== tokenActor.orgSlug) throw notFound();
    return tokenActor;
  }
  if (typeof orgSlug !== "string" || !orgSlug) throw notFound();
  return loadActor(socket.data.user as SocketUser, orgSlug);
}

/** The organizations a cookie user may act for, to find one that sees an order. */
async function userOrgSlugs(userId: string): Promise<string[]> {
  const memberships = await getDb().membership.findMany({ where: { userId }, select: { organization: { select: { slug: true } } }, orderBy: { createdAt: "asc" } });
  return memberships.map((m) => m.organization.slug);
}

/** Runs a join handler and answers its ack with the contract's shape, whatever happens. */
function handle(socket: Socket, event: string, work: (payload: Record<string, unknown>) => Promise<void>) {
  socket.on(event, async (payload: unknown, ack?: unknown) => {
    const reply: Ack = typeof ack === "function" ? (ack as Ack) : () => {};
    try {
      await work(payload && typeof payload === "object" ? (payload as Record<string, unknown>) : {});
      reply({ ok: true });
    } catch (error) {
      if (!isAppError(error)) console.error(`socket ${event} failed:`, error);
      // A forbidden order looks like one that does not exist.
      const code = isAppError(error) ? (error.code === "forbidden" ? "not_found" : error.code) : "internal";
      reply({ ok: false, error: { code } });
    }
  });
}

function isSameOriginHandshake(socket: Socket): boolean {
  const { headers, secure } = socket.handshake;
  return isSameOriginRequest(headers.origin, new URL(getEnv().appUrl).origin, `${secure ? "https" : "http"}://${headers.host}`);
}

export function attachSocketHandlers(io: Server): void {
  io.use(async (socket: Socket, next) => {
    try {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (typeof token === "string" && token) {
        const { actor, tokenId } = await authenticateApiToken(token);
        socket.data.user = { id: actor.userId, name: actor.userName } satisfies SocketUser;
        socket.data.actor = actor;
        socket.data.credentialRooms = [tokenRoom(tokenId)];
        return next();
      }
      // A browser attaches the cookie to a handshake that any page opens: only the app's own pages
      // may use it.
      if (!isSameOriginHandshake(socket)) return next(new Error("forbidden"));
      const { user, sessionId } = await readSession(socket.handshake.headers.cookie ?? null);
      if (!user || !sessionId) return next(new Error("unauthenticated"));
      socket.data.user = { id: user.id, name: user.name } satisfies SocketUser;
      socket.data.credentialRooms = [sessionRoom(sessionKey(sessionId)), userSessionsRoom(user.id)];
      next();
    } catch {
      next(new Error("unauthenticated"));
    }
  });

  io.on("connection", (socket) => {
    socket.join([userRoom((socket.data.user as SocketUser).id), ...(socket.data.credentialRooms as string[])]);

    handle(socket, "org:join", async ({ orgSlug }) => {
      const actor = await actorFor(socket, orgSlug);
      await socket.join([orgRoom(actor.orgId), memberRoom(actor.userId, actor.orgId)]);
    });

    handle(socket, "order:join", async ({ orderId, orgSlug }) => {
      if (typeof orderId !== "string" || !orderId || orderId.length > 64) throw notFound();
      const slugs = socket.data.actor || orgSlug !== undefined ? [orgSlug] : await userOrgSlugs((socket.data.user as SocketUser).id);
      for (const slug of slugs) {
        try {
          const actor = await actorFor(socket, slug);
          const order = await getOrder(actor, orderId);
          joinedOrders(socket).set(order.id, actor);
          await socket.join([orderRoom(order.id), memberRoom(actor.userId, actor.orgId)]);
          return;
        } catch (error) {
          if (!isAppError(error) || (error.code !== "not_found" && error.code !== "forbidden")) throw error;
        }
      }
      throw notFound();
    });

    handle(socket, "order:read", async ({ orderId }) => {
      await markConversationRead(joinedActor(socket, orderId), orderId as string);
    });

    socket.on("typing", (payload: unknown) => {
      const orderId = (payload as { orderId?: unknown } | null)?.orderId;
      if (typeof orderId !== "string" || !joinedOrders(socket).has(orderId)) return;
      socket.to(orderRoom(orderId)).emit("typing", { orderId, user: socket.data.user as SocketUser });
    });
  });

  const unsubscribe = onOrderUpdated((event) => {
    const rooms = [orderRoom(event.orderId), ...event.partyOrgIds.map(orgRoom)];
    // One emit to the union of the rooms: a socket in several of them hears it once.
    io.to(rooms).emit("order:updated", { orderId: event.orderId, version: event.version, status: event.status });
  });
  // A bakery date changed (intake, differences, validation): the producer's pages refetch.
  const unsubscribeBakery = onBakeryChanged((event) => io.to(orgRoom(event.producerId)).emit("bakery:changed", { date: event.date }));
  const unsubscribeChat = [
    onChatEvent("message:new", (event) => io.to(orderRoom(event.orderId)).emit("message:new", event)),
    onChatEvent("message:read", (event) => io.to(orderRoom(event.orderId)).emit("message:read", event)),
    onChatEvent("chat:unread", (event) => {
      if (event.userIds.length) io.to(event.userIds.map(userRoom)).emit("chat:unread", { orderId: event.orderId });
    }),
  ];
  // Credentials that end close their sockets; the adapter carries the disconnection to every instance.
  // Access that ends closes the sockets opened with it; the adapter carries the disconnection to every instance.
  const unsubscribeAccess = onAccessEnded((event) => io.in(roomOfEndedAccess(event)).disconnectSockets(true));
  io.httpServer?.once("close", () => {
    unsubscribe();
    unsubscribeBakery();
    unsubscribeChat.forEach((off) => off());
    unsubscribeAccess();
  });
}
