// The order chat over socket.io: joining an order's room only after the page's check (an outsider is
// refused and hears nothing), `message:new` for messages posted through the API, `typing`, and read
// receipts (`order:read` → `message:read`, `chat:unread` to the user's own room).
import { io as connect, type Socket } from "socket.io-client";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { insertOrder } from "../setup/insert-order";
import { api, apiToken, useTestServer, type TestServer } from "../setup/http";

type Ack = { ok: boolean; error?: { code: string } };
type Client = { socket: Socket; events: { event: string; payload: any }[] };

let server: TestServer;
let tokens: Record<"alice" | "marc" | "bruno", string>;
const open: Socket[] = [];

async function client(auth: { token: string } | { cookie: string }): Promise<Client> {
  const socket = connect(server.baseUrl, {
    path: "/socket.io",
    transports: ["websocket"],
    reconnection: false,
    ...("token" in auth ? { auth } : { extraHeaders: { Cookie: auth.cookie } }),
  });
  open.push(socket);
  const events: Client["events"] = [];
  socket.onAny((event, payload) => events.push({ event, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.on("connect", () => resolve());
    socket.on("connect_error", reject);
  });
  return { socket, events };
}

function ask(c: Client, event: string, payload: unknown): Promise<Ack> {
  return new Promise((resolve) => c.socket.emit(event, payload, resolve));
}

async function sessionCookie(email: string): Promise<string> {
  const res = await fetch(`${server.baseUrl}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: "comptoir-demo" }),
    redirect: "manual",
  });
  return res.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
}

function waitFor(c: Client, event: string, match: (payload: any) => boolean = () => true, timeoutMs = 1_000): Promise<any> {
  return new Promise((resolve, reject) => {
    const found = c.events.find((e) => e.event === event && match(e.payload));
    if (found) return resolve(found.payload);
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    const listener = (payload: any) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      c.socket.off(event, listener);
      resolve(payload);
    };
    c.socket.on(event, listener);
  });
}

async function newOrder(): Promise<string> {
  const order = await insertOrder({
    seller: "brasserie-du-pont",
    buyer: "epicerie-martin",
    createdBy: "marc@martin.test",
    lines: [{ description: "Ambrée des Quais — Fût 30 L", quantity: 2, unitPrice4: 129_0000 }],
  });
  return order.id;
}

beforeAll(async () => {
  server = await useTestServer();
  tokens = {
    alice: await apiToken(server, "alice@brasserie.test", "brasserie-du-pont"),
    marc: await apiToken(server, "marc@martin.test", "epicerie-martin"),
    bruno: await apiToken(server, "bruno@aurore.test", "boulangerie-aurore"),
  };
});

afterEach(() => {
  while (open.length) open.pop()!.close();
});

describe("order:join", () => {
  it("lets the parties in and refuses an outsider with not_found; the outsider hears nothing of the conversation", async () => {
    const orderId = await newOrder();
    const alice = await client({ cookie: await sessionCookie("alice@brasserie.test") });
    const marc = await client({ token: tokens.marc });
    const brunoToken = await client({ token: tokens.bruno });
    const brunoCookie = await client({ cookie: await sessionCookie("bruno@aurore.test") });

    expect(await ask(alice, "order:join", { orderId, orgSlug: "brasserie-du-pont" })).toEqual({ ok: true });
    expect(await ask(marc, "order:join", { orderId })).toEqual({ ok: true });
    expect(await ask(brunoToken, "order:join", { orderId })).toEqual({ ok: false, error: { code: "not_found" } });
    // A cookie user: with its own organization named, without one, or naming one it is not a member of.
    expect(await ask(brunoCookie, "order:join", { orderId, orgSlug: "boulangerie-aurore" })).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await ask(brunoCookie, "order:join", { orderId })).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await ask(brunoCookie, "order:join", { orderId, orgSlug: "brasserie-du-pont" })).toEqual({ ok: false, error: { code: "not_found" } });
    // An outsider can neither type nor read in a room it could not join.
    brunoToken.socket.emit("typing", { orderId });
    expect(await ask(brunoToken, "order:read", { orderId })).toEqual({ ok: false, error: { code: "not_found" } });

    const posted = await api(server, "POST", `/api/v1/orders/${orderId}/messages`, { token: tokens.marc, body: { body: "Le fût est-il consigné ?" } });
    expect(posted.status).toBe(201);
    const received = await waitFor(alice, "message:new", (p) => p.orderId === orderId);
    expect(received).toEqual({ orderId, message: posted.body });
    await waitFor(marc, "message:new", (p) => p.message.id === posted.body.id);

    await new Promise((r) => setTimeout(r, 300));
    for (const outsider of [brunoToken, brunoCookie]) {
      expect(outsider.events.filter((e) => JSON.stringify(e.payload ?? "").includes(orderId))).toEqual([]);
    }
    expect(alice.events.filter((e) => e.event === "typing")).toEqual([]);
  });
});

describe("typing and read receipts", () => {
  it("tells the room who is typing, and the author who has read the message", async () => {
    const orderId = await newOrder();
    const alice = await client({ token: tokens.alice });
    const marc = await client({ token: tokens.marc });
    await ask(alice, "order:join", { orderId });
    await ask(marc, "order:join", { orderId });

    marc.socket.emit("typing", { orderId });
    expect(await waitFor(alice, "typing")).toEqual({ orderId, user: { id: expect.any(String), name: "Marc Martin" } });
    // Not echoed to the one typing.
    await new Promise((r) => setTimeout(r, 100));
    expect(marc.events.filter((e) => e.event === "typing")).toEqual([]);

    const posted = await api(server, "POST", `/api/v1/orders/${orderId}/messages`, { token: tokens.marc, body: { body: "Merci !" } });
    // Alice's own room learns that her unread count changed.
    await waitFor(alice, "chat:unread", (p) => p.orderId === orderId);
    await waitFor(alice, "message:new", (p) => p.message.id === posted.body.id);
    // On screen: alice's client marks the conversation read; marc learns it at once.
    expect(await ask(alice, "order:read", { orderId })).toEqual({ ok: true });
    const read = await waitFor(marc, "message:read", (p) => p.orderId === orderId);
    expect(read).toMatchObject({ orderId, user: { name: "Alice Dupont" }, messageIds: [posted.body.id] });
    const list = await api(server, "GET", `/api/v1/orders/${orderId}/messages`, { token: tokens.marc });
    expect(list.body.messages[0].readBy).toEqual([{ id: read.user.id, name: "Alice Dupont", readAt: read.readAt }]);
  });
});
