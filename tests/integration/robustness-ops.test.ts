// Issue 10, scheduled jobs across instances: a killed instance must not stall email (or any other job)
// for minutes. Leases are short and renewed while their job runs; the job that loses its lease stops;
// the one-off commands take the same lease as the server.
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { execFile } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { LEASE_TTL_MS, runExclusive } from "~/modules/jobs/lease.server";
import { deliverOutbox, enqueueEmail } from "~/modules/notify/outbox.server";
import { getDb } from "~/utils/db.server";
import { SCHEDULED_JOBS, startScheduler } from "../../server/scheduler";
import { evalModule, spawnTsx } from "../setup/server-process";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const run = promisify(execFile);

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function queueEmail(to: string) {
  await getDb().$transaction((tx) => enqueueEmail(tx, to, { subject: `For ${to}`, html: "<p>hello</p>", text: "hello" }));
  return getDb().outboxEmail.findFirstOrThrow({ where: { to } });
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("a killed instance hands its jobs over within seconds", () => {
  it("delivers a queued email from instance B soon after instance A is killed mid-delivery", async () => {
    // Instance A's SMTP server accepts the connection and never answers: A is stuck in its delivery,
    // holding the outbox lease, when it is killed (kill -9: it releases nothing).
    const stuck = new Set<net.Socket>();
    const silentSmtp = net.createServer((socket) => stuck.add(socket));
    await new Promise<void>((resolve) => silentSmtp.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => { for (const s of stuck) s.destroy(); silentSmtp.close(() => resolve()); }));
    const email = await queueEmail("takeover@example.test");

    const script = `
      const { SCHEDULED_JOBS, startScheduler } = await import("./server/scheduler.ts");
      const outbox = SCHEDULED_JOBS.find((job) => job.name === "outbox");
      startScheduler([{ ...outbox, everyMs: 100 }], { holder: "instance-A" });
    `;
    const instanceA = spawnTsx(evalModule(script), { env: { ...process.env, SMTP_URL: `smtp://127.0.0.1:${(silentSmtp.address() as net.AddressInfo).port}` } });
    cleanups.push(() => instanceA.stop("SIGKILL"));
    await until("instance A to hold the outbox lease and reach its SMTP server", async () => {
      const lease = await getDb().jobLease.findUnique({ where: { name: "outbox" } });
      return lease !== null && lease.expiresAt > new Date() && stuck.size > 0;
    }, 20_000);

    instanceA.child.kill("SIGKILL");
    const killedAt = Date.now();
    const outbox = SCHEDULED_JOBS.find((job) => job.name === "outbox")!;
    const instanceB = startScheduler([{ ...outbox, everyMs: 200 }], { holder: "instance-B" });
    cleanups.push(() => instanceB.stop());

    await until("instance B to deliver the email", async () => (await getDb().outboxEmail.findUnique({ where: { id: email.id } }))?.status === "SENT", 30_000);
    const stalledMs = Date.now() - killedAt;
    expect(stalledMs).toBeLessThan(LEASE_TTL_MS + 3_000);
    expect(LEASE_TTL_MS).toBeLessThanOrEqual(15_000);
  }, 60_000);

  it("keeps the lease of a job that runs longer than its ttl while its holder is alive", async () => {
    let otherRuns = 0;
    const long = runExclusive("long-job", 300, async () => {
      await sleep(1_200);
      return "done";
    }, { holder: "alive" });
    // Another instance ticks all along: it must never run the job while the first one still runs it.
    const deadline = Date.now() + 1_100;
    while (Date.now() < deadline) {
      const attempt = await runExclusive("long-job", 300, async () => ++otherRuns, { holder: "other" });
      if (attempt.ran) break;
      await sleep(50);
    }
    expect(await long).toEqual({ ran: true, value: "done" });
    expect(otherRuns).toBe(0);
    // Ended: the heartbeat stopped and the lease is free for the next instance at once.
    expect((await runExclusive("long-job", 300, async () => "next", { holder: "other" })).ran).toBe(true);
  });

  it("tells a job that lost its lease, and the outbox then stops taking new emails", async () => {
    const db = getDb();
    const seen: boolean[] = [];
    await runExclusive("stolen", 200, async ({ signal }) => {
      // The lease expired (a stalled event loop, say) and another instance took it.
      await db.jobLease.update({ where: { name: "stolen" }, data: { holder: "thief", expiresAt: new Date(Date.now() + 60_000) } });
      await sleep(250);
      seen.push(signal.aborted);
    }, { holder: "victim", renewEveryMs: 50 });
    expect(seen).toEqual([true]);
    expect((await db.jobLease.findUniqueOrThrow({ where: { name: "stolen" } })).holder).toBe("thief");

    const ids = [await queueEmail("lost-1@example.test"), await queueEmail("lost-2@example.test"), await queueEmail("lost-3@example.test")].map((e) => e.id);
    await db.outboxEmail.updateMany({ where: { id: { notIn: ids }, status: "PENDING" }, data: { status: "SENT" } });
    const lease = new AbortController();
    const sentTo: string[] = [];
    const sent = await deliverOutbox({
      async send(message) {
        sentTo.push(message.to);
        lease.abort(); // the lease is lost while this email goes out
      },
    }, new Date(), { signal: lease.signal });
    expect(sent).toBe(1);
    expect(sentTo).toHaveLength(1);
    expect(await db.outboxEmail.count({ where: { id: { in: ids }, status: "PENDING" } })).toBe(2);
  });

  it("npm run jobs:expire and jobs:reminders take the job's lease instead of running beside a server", async () => {
    const db = getDb();
    const order = await db.order.findFirstOrThrow({ where: { status: "PENDING" } });
    await db.order.update({ where: { id: order.id }, data: { deliveryDate: "2001-01-01" } });
    for (const name of ["order-expiry", "invoice-reminders"]) {
      await db.jobLease.upsert({ where: { name }, create: { name, holder: "server", expiresAt: new Date(Date.now() + 60_000) }, update: { holder: "server", expiresAt: new Date(Date.now() + 60_000) } });
    }
    const tsx = ["--import", "tsx"];
    const expire = await run(process.execPath, [...tsx, path.resolve("server/jobs/expire.ts")], { env: process.env });
    expect(expire.stdout).toMatch(/holds the order-expiry lease/);
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PENDING");
    const reminders = await run(process.execPath, [...tsx, path.resolve("server/jobs/reminders.ts")], { env: process.env });
    expect(reminders.stdout).toMatch(/holds the invoice-reminders lease/);

    // Once the server's lease is over, the command does the work.
    await db.jobLease.update({ where: { name: "order-expiry" }, data: { expiresAt: new Date(Date.now() - 1) } });
    const second = await run(process.execPath, [...tsx, path.resolve("server/jobs/expire.ts")], { env: process.env });
    expect(second.stdout).toMatch(/Expired [1-9]\d* overdue pending order/);
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("EXPIRED");
  }, 60_000);
});
