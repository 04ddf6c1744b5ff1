// Two real server processes (`server/index.ts`, as `npm start` runs it) on different ports, sharing
// this file's SQLite database and data directory and the machine's Redis (127.0.0.1:6379) under a
// prefix of their own: a message posted through one instance's API reaches a client of the other
// within a second, and scheduled jobs (the outbox here) run once between them.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { insertOrder } from "../setup/insert-order";
import { api, apiToken, type TestServer } from "../setup/http";
import { startServerProcess, type StartedServer } from "../setup/server-process";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const PREFIX = `comptoir-test-${crypto.randomBytes(4).toString("hex")}`;

type Instance = StartedServer & { server: TestServer };
let a: Instance;
let b: Instance;
const sockets: Socket[] = [];

async function startInstance(): Promise<Instance> {
  const instance = await startServerProcess({ env: { APP_URL: "http://localhost:3000", REDIS_URL, REDIS_PREFIX: PREFIX } });
  return { ...instance, server: { baseUrl: instance.baseUrl, close: async () => {} } };
}

async function socketOn(instance: Instance, token: string): Promise<Socket> {
  const socket = connect(instance.server.baseUrl, { path: "/socket.io", transports: ["websocket"], auth: { token }, reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.on("connect", () => resolve());
    socket.on("connect_error", reject);
  });
  return socket;
}

function join(socket: Socket, orderId: string): Promise<unknown> {
  return new Promise((resolve) => socket.emit("order:join", { orderId }, resolve));
}

function next<T>(socket: Socket, event: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

beforeAll(async () => {
  [a, b] = await Promise.all([startInstance(), startInstance()]);
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await Promise.all([a?.stop(), b?.stop()]);
});

describe("two instances through Redis", () => {
  it("delivers a message posted through one instance's API to a client of the other within a second", async () => {
    const order = await insertOrder({
      seller: "brasserie-du-pont",
      buyer: "epicerie-martin",
      createdBy: "marc@martin.test",
      lines: [{ description: "Blonde du Pont — Fût 20 L", quantity: 1, unitPrice4: 89_0000 }],
    });
    const aliceToken = await apiToken(a.server, "alice@brasserie.test", "brasserie-du-pont");
    const marcToken = await apiToken(b.server, "marc@martin.test", "epicerie-martin");
    const onB = await socketOn(b, aliceToken);
    const onA = await socketOn(a, marcToken);
    expect(await join(onB, order.id)).toEqual({ ok: true });
    expect(await join(onA, order.id)).toEqual({ ok: true });

    const receivedOnB = next<{ orderId: string; message: { id: string; body: string } }>(onB, "message:new", 1_000);
    const started = performance.now();
    const posted = await api(a.server, "POST", `/api/v1/orders/${order.id}/messages`, { token: marcToken, body: { body: "Posté sur l’instance A" } });
    expect(posted.status).toBe(201);
    const event = await receivedOnB;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(event).toEqual({ orderId: order.id, message: posted.body });

    // And the other way round, with the typing indicator too.
    const typingOnA = next<{ user: { name: string } }>(onA, "typing", 1_000);
    onB.emit("typing", { orderId: order.id });
    expect((await typingOnA).user.name).toBe("Alice Dupont");
    const receivedOnA = next<{ message: { body: string } }>(onA, "message:new", 1_000);
    await api(b.server, "POST", `/api/v1/orders/${order.id}/messages`, { token: aliceToken, body: { body: "Reçu, réponse depuis B" } });
    expect((await receivedOnA).message.body).toBe("Reçu, réponse depuis B");
  });

  it("runs the outbox once between the instances: every email is sent once", async () => {
    const db = getDb();
    const before = await db.outboxEmail.count();
    // Emails for both instances to pick up at the same time.
    await db.outboxEmail.createMany({
      data: Array.from({ length: 6 }, (_, i) => ({ to: `lease-${i}@comptoir.test`, subject: `Lease ${i}`, html: `<p>${i}</p>`, text: String(i) })),
    });
    const deadline = Date.now() + 20_000;
    while ((await db.outboxEmail.count({ where: { to: { startsWith: "lease-" }, status: "SENT" } })) < 6) {
      if (Date.now() > deadline) throw new Error(`emails not sent:\n--- A ---\n${a.log()}\n--- B ---\n${b.log()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    // Give a second delivery (if any) the time to happen, then count the files written.
    await new Promise((r) => setTimeout(r, 2_500));
    const files = fs.readdirSync(path.join(getEnv().dataDir, "mail")).filter((f) => f.includes("lease-"));
    expect(files).toHaveLength(6);
    expect(await db.outboxEmail.count()).toBe(before + 6);
    const lease = await db.jobLease.findUniqueOrThrow({ where: { name: "outbox" } });
    expect(lease.holder).toMatch(/:\d+:/);
  });
});
