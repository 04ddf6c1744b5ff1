// Issue 10, sockets: a socket lives no longer than its credentials (a revoked token, an ended session),
// and a cookie handshake from another origin is refused like a cross-site form post.
import crypto from "node:crypto";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { insertOrder } from "../setup/insert-order";
import { api, apiToken, useTestServer, type TestServer } from "../setup/http";
import { startServerProcess, type StartedServer } from "../setup/server-process";

type Client = { socket: Socket; events: { event: string; payload: any }[]; disconnected: Promise<string> };

let server: TestServer;
let marcToken: string;
const open: Socket[] = [];

function socketFor(auth: { token: string } | { cookie: string }, origin?: string, baseUrl = server.baseUrl): Socket {
  const headers: Record<string, string> = {};
  if ("cookie" in auth) headers.Cookie = auth.cookie;
  if (origin) headers.Origin = origin;
  const socket = connect(baseUrl, {
    path: "/socket.io",
    transports: ["websocket"],
    reconnection: false,
    extraHeaders: headers,
    ...("token" in auth ? { auth } : {}),
  });
  open.push(socket);
  return socket;
}

async function client(auth: { token: string } | { cookie: string }, origin?: string, baseUrl?: string): Promise<Client> {
  const socket = socketFor(auth, origin, baseUrl);
  const events: Client["events"] = [];
  socket.onAny((event, payload) => events.push({ event, payload }));
  const disconnected = new Promise<string>((resolve) => socket.on("disconnect", (reason) => resolve(reason)));
  await new Promise<void>((resolve, reject) => {
    socket.on("connect", () => resolve());
    socket.on("connect_error", reject);
  });
  return { socket, events, disconnected };
}

function connectError(auth: { token: string } | { cookie: string }, origin?: string): Promise<string> {
  const socket = socketFor(auth, origin);
  return new Promise((resolve, reject) => {
    socket.on("connect", () => reject(new Error("connected")));
    socket.on("connect_error", (error) => resolve(error.message));
  });
}

function within<T>(promise: Promise<T>, ms = 2_000): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms))]);
}

async function join(c: Client, orderId: string, orgSlug?: string) {
  const ack = await new Promise((resolve) => c.socket.emit("order:join", { orderId, ...(orgSlug ? { orgSlug } : {}) }, resolve));
  expect(ack).toEqual({ ok: true });
}

async function newOrder(): Promise<string> {
  const order = await insertOrder({
    seller: "brasserie-du-pont",
    buyer: "epicerie-martin",
    createdBy: "marc@martin.test",
    lines: [{ description: "Blonde du Pont — Caisse de 24", quantity: 3, unitPrice4: 36_0000 }],
  });
  return order.id;
}

/** Posts a message as marc and waits long enough for any socket that would hear it. */
async function postMessage(orderId: string, body: string) {
  const posted = await api(server, "POST", `/api/v1/orders/${orderId}/messages`, { token: marcToken, body: { body } });
  expect(posted.status).toBe(201);
  await new Promise((r) => setTimeout(r, 300));
  return posted.body;
}

function heard(c: Client, messageId: string): boolean {
  return c.events.some((e) => e.event === "message:new" && e.payload.message.id === messageId);
}

/** A form post as a browser holding `cookie` would send it. */
async function postForm(cookie: string, pathname: string, fields: Record<string, string>, baseUrl = server.baseUrl) {
  const res = await fetch(baseUrl + pathname, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
  return { status: res.status, html: await res.text() };
}

/** A fresh session of `email`, as its cookie header. */
async function loggedIn(email: string, baseUrl = server.baseUrl): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: "comptoir-demo" }),
    redirect: "manual",
  });
  expect(res.status).toBe(302);
  return res.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
}

beforeAll(async () => {
  server = await useTestServer();
  marcToken = await apiToken(server, "marc@martin.test", "epicerie-martin");
});

afterEach(() => {
  while (open.length) open.pop()!.close();
});

describe("sockets outlive no credential", () => {
  it("a token revoked with DELETE /api/v1/auth/token disconnects its sockets: no more message:new, no reconnection", async () => {
    const orderId = await newOrder();
    const token = await apiToken(server, "alice@brasserie.test", "brasserie-du-pont");
    const alice = await client({ token });
    const other = await client({ token: await apiToken(server, "alice@brasserie.test", "brasserie-du-pont") });
    await join(alice, orderId);
    await join(other, orderId);
    const before = await postMessage(orderId, "Avant la révocation");
    expect(heard(alice, before.id)).toBe(true);

    expect((await api(server, "DELETE", "/api/v1/auth/token", { token })).status).toBe(204);
    expect(await within(alice.disconnected)).toBe("io server disconnect");
    const after = await postMessage(orderId, "Après la révocation");
    expect(heard(alice, after.id)).toBe(false);
    // Another token of the same user is not affected.
    expect(heard(other, after.id)).toBe(true);
    expect(await connectError({ token })).toBe("unauthenticated");
  });

  it("a token revoked on the tokens page disconnects its sockets", async () => {
    const orderId = await newOrder();
    const cookie = await loggedIn("alice@brasserie.test");
    const token = await apiToken(server, "alice@brasserie.test", "brasserie-du-pont");
    const row = await getDb().apiToken.findFirstOrThrow({ where: { prefix: token.slice(0, 10) }, orderBy: { createdAt: "desc" } });
    const alice = await client({ token });
    await join(alice, orderId);

    const revoked = await postForm(cookie, "/o/brasserie-du-pont/api-tokens", { intent: "revoke", id: row.id });
    expect(revoked.status).toBe(302);
    expect(await within(alice.disconnected)).toBe("io server disconnect");
    const after = await postMessage(orderId, "Jeton révoqué depuis la page");
    expect(heard(alice, after.id)).toBe(false);
  });

  it("removing a member disconnects the sockets they joined as that member, and their tokens' sockets", async () => {
    const orderId = await newOrder();
    const aliceCookie = await loggedIn("alice@brasserie.test");
    const invited = await api(server, "POST", "/api/v1/auth/token", { body: { email: "anna@brasserie.test", password: "comptoir-demo", organization: "brasserie-du-pont" } });
    expect(invited.status).toBe(201);
    const annaBrowser = await client({ cookie: await loggedIn("anna@brasserie.test") });
    const annaIntegration = await client({ token: invited.body.token });
    await join(annaBrowser, orderId, "brasserie-du-pont");
    await join(annaIntegration, orderId);
    const before = await postMessage(orderId, "Avant le départ d'Anna");
    expect(heard(annaBrowser, before.id) && heard(annaIntegration, before.id)).toBe(true);

    const membership = await getDb().membership.findFirstOrThrow({ where: { user: { email: "anna@brasserie.test" }, organization: { slug: "brasserie-du-pont" } } });
    expect((await postForm(aliceCookie, "/o/brasserie-du-pont/members", { intent: "remove", id: membership.id })).status).toBe(302);
    expect(await within(annaBrowser.disconnected)).toBe("io server disconnect");
    expect(await within(annaIntegration.disconnected)).toBe("io server disconnect");
    const after = await postMessage(orderId, "Après le départ d'Anna");
    expect(heard(annaBrowser, after.id) || heard(annaIntegration, after.id)).toBe(false);
    expect(await connectError({ token: invited.body.token })).toBe("unauthenticated");
  });

  it("logging out disconnects the sockets of that session, not those of the user's other sessions", async () => {
    const orderId = await newOrder();
    const first = await loggedIn("alice@brasserie.test");
    const second = await loggedIn("alice@brasserie.test");
    const leaving = await client({ cookie: first });
    const staying = await client({ cookie: second });
    await join(leaving, orderId, "brasserie-du-pont");
    await join(staying, orderId, "brasserie-du-pont");

    expect((await postForm(first, "/logout", {})).status).toBe(302);
    expect(await within(leaving.disconnected)).toBe("io server disconnect");
    const after = await postMessage(orderId, "Après la déconnexion");
    expect(heard(leaving, after.id)).toBe(false);
    expect(heard(staying, after.id)).toBe(true);
    expect(await connectError({ cookie: first })).toBe("unauthenticated");
  });

  it("a password change ends every session's sockets; the user's tokens keep theirs", async () => {
    const orderId = await newOrder();
    const cookie = await loggedIn("sam@brasserie.test");
    const other = await loggedIn("sam@brasserie.test");
    const browser = await client({ cookie: other });
    const integration = await client({ token: await apiToken(server, "sam@brasserie.test", "brasserie-du-pont") });
    await join(browser, orderId, "brasserie-du-pont");
    await join(integration, orderId);

    const changed = await postForm(cookie, "/account", { intent: "password", currentPassword: "comptoir-demo", password: "a brand new password" });
    expect(changed.status, changed.html.slice(0, 300)).toBeLessThan(400);
    expect(await within(browser.disconnected)).toBe("io server disconnect");
    const after = await postMessage(orderId, "Après le changement de mot de passe");
    expect(heard(browser, after.id)).toBe(false);
    expect(heard(integration, after.id)).toBe(true);
  });
});

describe("handshake origin", () => {
  it("refuses a cookie handshake from a foreign Origin and accepts the app's own; a token may come from anywhere", async () => {
    const cookie = await loggedIn("marc@martin.test");
    expect(await connectError({ cookie }, "https://evil.example")).toBe("forbidden");
    expect(await connectError({ cookie }, "http://localhost:3000.evil.example")).toBe("forbidden");
    // The app's own origin (APP_URL), the address the request was sent to, or no Origin at all.
    await client({ cookie }, "http://localhost:3000");
    await client({ cookie }, server.baseUrl);
    await client({ cookie });
    await client({ token: marcToken }, "https://erp.partner.example");
  });
});

describe("across instances (Redis adapter)", () => {
  // Two `npm start` processes sharing this file's database and the machine's Redis under a prefix of
  // their own: a revocation handled by one disconnects the sockets held by the other.
  const prefix = `comptoir-test-${crypto.randomBytes(4).toString("hex")}`;
  const instances: StartedServer[] = [];
  let a: string;
  let b: string;

  async function startInstance(): Promise<string> {
    const instance = await startServerProcess({
      env: { APP_URL: "http://localhost:3000", REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", REDIS_PREFIX: prefix },
    });
    instances.push(instance);
    return instance.baseUrl;
  }

  beforeAll(async () => {
    [a, b] = await Promise.all([startInstance(), startInstance()]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
  });

  it("a token revoked through one instance disconnects its socket on the other", async () => {
    const token = await apiToken({ baseUrl: a, close: async () => {} }, "alice@brasserie.test", "brasserie-du-pont");
    const onB = await client({ token }, undefined, b);
    expect((await api({ baseUrl: a, close: async () => {} }, "DELETE", "/api/v1/auth/token", { token })).status).toBe(204);
    expect(await within(onB.disconnected)).toBe("io server disconnect");
  });

  it("a log-out on one instance disconnects that session's socket on the other", async () => {
    const cookie = await loggedIn("marc@martin.test", a);
    const onB = await client({ cookie }, undefined, b);
    expect((await postForm(cookie, "/logout", {}, a)).status).toBe(302);
    expect(await within(onB.disconnected)).toBe("io server disconnect");
  });
});
