// `npm run bench:chat`: live chat fan-out (docs/benchmarks.md, between <!-- chat:start --> and
// <!-- chat:end -->).
//   1. A fresh database under .cache/bench-chat: migrated, the demo data, 100 orders between the
//      brasserie and the épicerie, API tokens for alice (seller) and marc (buyer).
//   2. One instance (bench/chat-server.ts, its own process): 1,000 socket.io clients (this process),
//      10 per order, each joined to its order's room. Messages are posted through the API, one at a
//      time, round-robin over the orders; the latency is from just before the POST to each of the 10
//      receipts of `message:new`. Memory per socket: the server's heap and RSS after a full GC, with
//      and without the sockets, divided by their number.
//   3. The same with two instances sharing Redis (127.0.0.1:6379, a prefix of this run): half the
//      clients on each, every message posted through the first, receipts measured on both.
// Options: --messages=<n> (per scenario, default 300), --sockets=<n> (default 1000).
import { fork, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { freePort } from "../tests/setup/server-process";

const args = process.argv.slice(2);
const MESSAGES = Number(args.find((a) => a.startsWith("--messages="))?.split("=")[1] ?? 300);
const SOCKETS = Number(args.find((a) => a.startsWith("--sockets="))?.split("=")[1] ?? 1_000);
const ORDERS = 100;
const WARM_UP = 50;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const startedAt = new Date();

const root = path.resolve(".cache/bench-chat");
fs.rmSync(root, { recursive: true, force: true });
const dataDir = path.join(root, "data");
fs.mkdirSync(dataDir, { recursive: true });
process.env.NODE_ENV = "production";
process.env.DATA_DIR = dataDir;
process.env.DATABASE_URL = `file:${path.join(dataDir, "comptoir.db")}`;
process.env.APP_URL = "http://localhost:3000";
for (const v of ["SMTP_URL", "REDIS_URL", "REDIS_PREFIX", "PORT"]) delete process.env[v];

const log = (line: string) => console.log(`[${((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(3)} s] ${line}`);

// ---- 1. Data
const { ensureBuild } = await import("../server/build");
ensureBuild();
const { migrateDatabase } = await import("~/utils/migrate.server");
await migrateDatabase(process.env.DATABASE_URL);
const { seedDemo } = await import("../prisma/seed");
await seedDemo();
const { insertOrder } = await import("../tests/setup/insert-order");
const { issueApiToken } = await import("~/modules/api-token/api-token.server");
const { loadActor } = await import("~/modules/org/access.server");
const { getDb } = await import("~/utils/db.server");
const db = getDb();
const orderIds: string[] = [];
for (let i = 0; i < ORDERS; i++) {
  const order = await insertOrder({
    seller: "brasserie-du-pont",
    buyer: "epicerie-martin",
    createdBy: "marc@martin.test",
    lines: [{ description: "Blonde du Pont — Caisse de 24 × 33 cl", quantity: 1 + (i % 9), unitPrice4: 42_0000 }],
  });
  orderIds.push(order.id);
}
const tokenOf = async (email: string, slug: string) => {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return (await issueApiToken(await loadActor(user, slug), "bench:chat")).token;
};
const tokens = { alice: await tokenOf("alice@brasserie.test", "brasserie-du-pont"), marc: await tokenOf("marc@martin.test", "epicerie-martin") };
await db.$disconnect();
log(`data ready: ${ORDERS} orders`);

// ---- Instances and clients
type Instance = { child: ChildProcess; baseUrl: string };
type Memory = { heapUsed: number; rss: number; sockets: number };

async function startInstance(env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const child = fork(path.resolve("bench/chat-server.ts"), [], {
    execArgv: ["--import", "tsx", "--expose-gc"],
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`instance exited with ${code}`)));
  });
  return { child, baseUrl: `http://127.0.0.1:${port}` };
}

function memoryOf(instance: Instance): Promise<Memory> {
  return new Promise((resolve) => {
    const onMessage = (m: { type: string } & Memory) => {
      if (m.type !== "memory") return;
      instance.child.off("message", onMessage);
      resolve(m);
    };
    instance.child.on("message", onMessage);
    instance.child.send({ type: "memory" });
  });
}

async function stopInstance(instance: Instance) {
  const exited = new Promise((r) => instance.child.once("exit", r));
  instance.child.send({ type: "stop" });
  await exited;
}

/** Connects SOCKETS clients, SOCKETS / ORDERS per order, spread over the instances, each joined to its order's room. */
async function connectClients(instances: Instance[]): Promise<{ sockets: Socket[]; instanceOf: Map<Socket, number> }> {
  const sockets: Socket[] = [];
  const instanceOf = new Map<Socket, number>();
  const batch = 50;
  for (let start = 0; start < SOCKETS; start += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, SOCKETS - start) }, async (_, k) => {
        const i = start + k;
        const which = i % instances.length;
        const socket = connect(instances[which].baseUrl, {
          path: "/socket.io",
          transports: ["websocket"],
          reconnection: false,
          auth: { token: i % 2 === 0 ? tokens.alice : tokens.marc },
        });
        await new Promise<void>((resolve, reject) => {
          socket.once("connect", () => resolve());
          socket.once("connect_error", reject);
        });
        const orderId = orderIds[Math.floor(i / (SOCKETS / ORDERS)) % ORDERS];
        const ack = await new Promise<{ ok: boolean }>((resolve) => socket.emit("order:join", { orderId }, resolve));
        if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack)}`);
        sockets.push(socket);
        instanceOf.set(socket, which);
      }),
    );
  }
  return { sockets, instanceOf };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

type Scenario = {
  name: string;
  instances: number;
  sockets: number;
  messages: number;
  receipts: number;
  expected: number;
  p50: number;
  p99: number;
  max: number;
  postP50: number;
  perInstance?: { p50: number; p99: number }[];
  heapPerSocket: number;
  rssPerSocket: number;
};

async function runScenario(name: string, instances: Instance[]): Promise<Scenario> {
  const before = await Promise.all(instances.map(memoryOf));
  // A message is recognised by the key in its text: its event may arrive before the POST's answer.
  const started = new Map<string, number>();
  const latencies: number[] = [];
  const byInstance: number[][] = instances.map(() => []);
  let receipts = 0;
  let current: { resolveWhen: number; resolve: () => void; count: number } | null = null;
  const { sockets, instanceOf } = await connectClients(instances);
  for (const socket of sockets) {
    socket.on("message:new", (event: { message: { body: string } }) => {
      const at = performance.now();
      const start = started.get(event.message.body.slice(-36));
      if (start === undefined) return;
      const latency = at - start;
      latencies.push(latency);
      byInstance[instanceOf.get(socket)!].push(latency);
      receipts++;
      if (current && ++current.count >= current.resolveWhen) current.resolve();
    });
  }
  log(`${name}: ${sockets.length} sockets connected and joined`);
  const after = await Promise.all(instances.map(memoryOf));

  const perOrder = SOCKETS / ORDERS;
  const postTimes: number[] = [];
  // Warm-up (JIT, prepared statements, connections): the first WARM_UP messages are not counted.
  for (let m = -WARM_UP; m < MESSAGES; m++) {
    const orderId = orderIds[(m + WARM_UP) % ORDERS];
    const done = new Promise<void>((resolve) => (current = { resolveWhen: perOrder, resolve, count: 0 }));
    const key = crypto.randomUUID();
    const start = performance.now();
    if (m >= 0) started.set(key, start);
    const res = await fetch(`${instances[0].baseUrl}/api/v1/orders/${orderId}/messages`, {
      method: "POST",
      headers: { Authorization: `Bearer ${m % 2 === 0 ? tokens.alice : tokens.marc}`, "Content-Type": "application/json" },
      body: JSON.stringify({ body: `Message ${m} ${key}` }),
    });
    if (m >= 0) postTimes.push(performance.now() - start);
    if (res.status !== 201) throw new Error(`POST ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
    if (m >= 0) await Promise.race([done, new Promise((r) => setTimeout(r, 2_000))]);
    current = null;
  }
  for (const socket of sockets) socket.close();
  await new Promise((r) => setTimeout(r, 300));
  const sorted = [...latencies].sort((a, b) => a - b);
  const sortedPost = [...postTimes].sort((a, b) => a - b);
  const socketsPerInstance = instances.map((_, i) => after[i].sockets);
  const scenario: Scenario = {
    name,
    instances: instances.length,
    sockets: sockets.length,
    messages: MESSAGES,
    receipts,
    expected: MESSAGES * perOrder,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
    postP50: percentile(sortedPost, 50),
    perInstance: instances.length > 1 ? byInstance.map((l) => l.sort((a, b) => a - b)).map((l) => ({ p50: percentile(l, 50), p99: percentile(l, 99) })) : undefined,
    heapPerSocket: instances.reduce((sum, _, i) => sum + (after[i].heapUsed - before[i].heapUsed), 0) / sockets.length,
    rssPerSocket: instances.reduce((sum, _, i) => sum + (after[i].rss - before[i].rss), 0) / sockets.length,
  };
  log(
    `${name}: ${receipts}/${scenario.expected} receipts, fan-out p50 ${scenario.p50.toFixed(1)} ms, p99 ${scenario.p99.toFixed(1)} ms (POST answered p50 ${scenario.postP50.toFixed(1)} ms); ` +
      `per socket: heap ${(scenario.heapPerSocket / 1024).toFixed(1)} KiB, RSS ${(scenario.rssPerSocket / 1024).toFixed(1)} KiB (sockets per instance: ${socketsPerInstance.join(", ")})`,
  );
  return scenario;
}

// ---- 2. One instance
const single = await startInstance({});
const one = await runScenario("one instance", [single]);
await stopInstance(single);

// ---- 3. Two instances through Redis
const prefix = `comptoir-bench-${crypto.randomBytes(4).toString("hex")}`;
const pair = [await startInstance({ REDIS_URL, REDIS_PREFIX: prefix }), await startInstance({ REDIS_URL, REDIS_PREFIX: prefix })];
const two = await runScenario("two instances (Redis)", pair);
await Promise.all(pair.map(stopInstance));

// ---- Report
const ms = (n: number) => `${n.toFixed(1)} ms`;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const machine = `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
const row = (s: Scenario) =>
  `| ${s.name} | ${s.sockets} | ${s.messages} | ${s.receipts} / ${s.expected} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} | ${ms(s.postP50)} | ${kib(s.heapPerSocket)} | ${kib(s.rssPerSocket)} |`;
const section = [
  "<!-- chat:start -->",
  "## Chat fan-out (`npm run bench:chat`)",
  "",
  `Run on ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC — ${machine}.`,
  "",
  `${SOCKETS} socket.io clients (websocket) in ${ORDERS} orders (${SOCKETS / ORDERS} per order's room), in the benchmark's process; each server instance in its own process (bench/chat-server.ts, no scheduler). ` +
    `${MESSAGES} messages posted one after the other through \`POST /api/v1/orders/:id/messages\` of the first instance, round-robin over the orders. ` +
    `Fan-out latency: from just before the POST to each client's \`message:new\` (${SOCKETS / ORDERS} receipts per message; ${WARM_UP} messages first, not counted). Memory per socket: the server's heap and RSS after a full GC with the sockets connected and joined, minus before, divided by the sockets (summed over the instances).`,
  "",
  "| scenario | sockets | messages | receipts | fan-out p50 | fan-out p99 | max | POST answered p50 | heap / socket | RSS / socket |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  row(one),
  row(two),
  "",
  two.perInstance
    ? `Two instances: receipts on the instance that took the POST p50 ${ms(two.perInstance[0].p50)} / p99 ${ms(two.perInstance[0].p99)}; on the other one, through Redis, p50 ${ms(two.perInstance[1].p50)} / p99 ${ms(two.perInstance[1].p99)}.`
    : "",
  `Target: p99 < 30 ms on one instance — ${one.p99 < 30 ? "met" : "NOT met"} (${ms(one.p99)}).`,
  "",
  "The latency includes the HTTP request, the token check and the message's transaction (the message, one unread counter per member of the order's parties, the author's receipts): the event is published after the commit, before the HTTP answer is written (hence receipts before \"POST answered\", which also waits behind the receipts in the clients' process). All the clients and the servers share the machine's 2 cores.",
  "<!-- chat:end -->",
].join("\n");

const reportFile = path.resolve("docs/benchmarks.md");
const existing = fs.existsSync(reportFile) ? fs.readFileSync(reportFile, "utf8") : "# Benchmarks\n";
const startMark = existing.indexOf("<!-- chat:start -->");
const endMark = existing.indexOf("<!-- chat:end -->");
const updated =
  startMark >= 0 && endMark > startMark
    ? existing.slice(0, startMark) + section + existing.slice(endMark + "<!-- chat:end -->".length)
    : `${existing.replace(/\s*$/, "")}\n\n${section}\n`;
fs.writeFileSync(reportFile, updated);
console.log(`\n${section}\n`);
log("docs/benchmarks.md updated");
process.exit(0);
