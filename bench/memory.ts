// `npm run bench:memory [-- options]`: the server's memory under 16 clients of mixed reads
// (docs/benchmarks.md, between <!-- memory:start --> and <!-- memory:end -->).
//   1. A database under .cache/bench-memory: the demo data (migrated and seeded, 30 invoices published
//      through the API), or a copy of `--db=<file>` (e.g. the 50,000-order database that
//      `node --import tsx bench/orders.ts --orders=50000 --no-http` leaves in .cache/bench/data).
//   2. The server as `npm start` serves it (NODE_ENV=production, bench/memory-server.ts, its own
//      process, --expose-gc). 16 clients, each request one of: the order list page (HTML), the list
//      API, an order's page, an order's JSON, a purchase-order PDF, an invoice PDF, the receivables
//      API, round-robin over sampled ids, for `--seconds` (default 60).
//   3. The server's memory (RSS, JS heap, external, array buffers) before (after a full GC), every
//      250 ms during the load (the peak), right after, and after a full GC; with `--snapshots`, heap
//      snapshots before and after (.cache/bench-memory/*.heapsnapshot, for Chrome's Memory tab).
// Options: --db=<file>, --seconds=<n>, --clients=<n>, --snapshots, --no-report (print only).
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { HttpClient, runLoad } from "./http-client";

/** Hand-written: what the heap snapshots showed, and what changed. */
const MEMORY_FINDINGS = [
  "### Findings (hand-written, 2026-12-04; the machine's load average was 5–10 on 2 cores, shared with other test runs, so the request rates and the peaks vary from run to run)",
  "",
  "- **At rest** the server holds 300–360 MB of RSS with an 84 MB JS heap: the rest is code. Importing the Remix build takes the process from 110 to 288 MB (measured import by import: `@react-pdf/renderer` +40 MB, `@react-email/components` +44 MB — it bundles a Tailwind compiler —, `stripe` +12 MB, React/Remix ~15 MB). better-sqlite3's page cache (2 MB by default) and Prisma (+17 MB with its WASM query compiler) are small next to it.",
  "- **Under the load** the JS heap grows, not native memory (external stays at 27 MB): heap used peaks at 120–340 MB and RSS at 410–620 MB on the demo data, 620 MB on 51,636 orders. After a full GC the heap is back at ~89 MB, and heap snapshots before and after a load (`--snapshots`) hold 107 and 114 MB (the largest items: 23 MB of array-buffer data, the build's 8 MB source text, 3 MB of inline source maps): nothing is retained, there is no leak. The growth is garbage of the requests in flight that V8 lets accumulate before a major GC, and RSS keeps the pages the heap grew into.",
  "- **Tried and dropped:** rendering PDFs one at a time per thread. Two back-to-back runs of 20 s on the demo data gave peaks of 620 MB with it and 413 MB without: within the noise of this machine, so the change was reverted.",
  "- **Goal < 300 MB: not met.** It needs the code at rest to shrink (load React PDF and React Email only when a PDF or an email is first needed: ~85 MB) and the heap's growth to be bounded (V8's young generation size, or `--max-old-space-size` set from the machine's memory), each measured on a quiet machine with this scenario.",
].join("\n");

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split("=").slice(1).join("=");
const SECONDS = Number(option("seconds") ?? 60);
const CLIENTS = Number(option("clients") ?? 16);
const sourceDb = option("db");
const withSnapshots = args.includes("--snapshots");
const startedAt = new Date();
const t0 = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const root = path.resolve(".cache/bench-memory");
const dataDir = path.join(root, "data");
const dbFile = path.join(dataDir, "comptoir.db");
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });
process.env.NODE_ENV = "production";
process.env.DATA_DIR = dataDir;
process.env.DATABASE_URL = `file:${dbFile}`;
process.env.APP_URL = "http://localhost:3000";
for (const v of ["SMTP_URL", "REDIS_URL", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "PORT"]) delete process.env[v];

const { migrateDatabase } = await import("~/utils/migrate.server");
if (sourceDb) {
  const source = new Database(path.resolve(sourceDb));
  await source.backup(dbFile);
  source.close();
  log(`copied ${sourceDb}`);
} else {
  migrateDatabase(process.env.DATABASE_URL);
  const { seedDemo } = await import("../prisma/seed");
  await seedDemo();
  const { getDb } = await import("~/utils/db.server");
  await getDb().$disconnect();
  log("demo data seeded");
}
migrateDatabase(process.env.DATABASE_URL);

type Memory = { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };

/** The node flags of `npm start` (package.json), so that the server runs as it does in production; --node-flags= overrides them. */
const START_FLAGS = (option("node-flags") ?? (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start)
  .split(/\s+/)
  .filter((word) => word.startsWith("--") && word !== "--import");

function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(path.resolve("bench/memory-server.ts"), [], {
    execArgv: [...START_FLAGS, "--import", "tsx", "--expose-gc"],
    env: process.env,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`memory-server exited with ${code}`)));
    child.on("message", (m: { type: string; port?: number }) => {
      if (m.type === "ready") resolve({ child, port: m.port! });
    });
  });
}

function ask<T>(child: ChildProcess, message: { type: string; [key: string]: unknown }): Promise<T> {
  return new Promise((resolve) => {
    const listener = (reply: { type: string }) => {
      if (reply.type !== message.type) return;
      child.off("message", listener);
      resolve(reply as T);
    };
    child.on("message", listener);
    child.send(message);
  });
}

const { child, port } = await startServer();
log(`server flags: ${START_FLAGS.join(" ") || "(none)"}`);
const memory = (gc: boolean) => ask<Memory & { type: string }>(child, { type: "memory", gc });
// Before any request: the code the server loads at start (PDF, email and payment libraries come later).
const atStart = await memory(true);
const client = new HttpClient("127.0.0.1", port, CLIENTS * 2);
const token = (await client.json("POST", "/api/v1/auth/token", { body: { email: "alice@brasserie.test", password: "comptoir-demo", organization: "brasserie-du-pont" } })).data.token as string;
const auth = { authorization: `Bearer ${token}` };
const login = await client.request("POST", "/login", {
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({ email: "alice@brasserie.test", password: "comptoir-demo" }).toString(),
});
const cookie = (Array.isArray(login.headers["set-cookie"]) ? login.headers["set-cookie"] : []).map((c) => c.split(";")[0]).join("; ");

// Ids to read: the brasserie's orders and invoices (published now if the data has too few).
const sqlite = new Database(dbFile, { readonly: true });
const brasserie = (sqlite.prepare(`SELECT id FROM "Organization" WHERE slug = 'brasserie-du-pont'`).get() as { id: string }).id;
const invoiceCount = () => (sqlite.prepare(`SELECT count(*) AS n FROM "Invoice" WHERE "sellerId" = ?`).get(brasserie) as { n: number }).n;
if (invoiceCount() < 30) {
  const delivered = sqlite.prepare(`SELECT id, version FROM "Order" WHERE "sellerId" = ? AND status = 'DELIVERED' LIMIT 30`).all(brasserie) as { id: string; version: number }[];
  for (const order of delivered) await client.json("POST", `/api/v1/orders/${order.id}/invoice`, { headers: auth, body: { version: order.version } });
}
const orderIds = (sqlite.prepare(`SELECT id FROM "Order" WHERE "sellerId" = ? ORDER BY random() LIMIT 500`).all(brasserie) as { id: string }[]).map((r) => r.id);
const invoices = sqlite.prepare(`SELECT id, "buyerId" FROM "Invoice" WHERE "sellerId" = ? ORDER BY random() LIMIT 200`).all(brasserie) as { id: string; buyerId: string }[];
const orderCount = (sqlite.prepare(`SELECT count(*) AS n FROM "Order"`).get() as { n: number }).n;
sqlite.close();
log(`${orderCount.toLocaleString("en")} orders; reading ${orderIds.length} of the brasserie's orders and ${invoices.length} invoices`);

type Route = { name: string; path: (i: number) => string; headers: Record<string, string> };
const ROUTES: Route[] = [
  { name: "order list page (HTML)", path: () => "/o/brasserie-du-pont/orders", headers: { cookie } },
  { name: "order list API", path: () => "/api/v1/orders?limit=50", headers: auth },
  { name: "order page (HTML)", path: (i) => `/o/brasserie-du-pont/orders/${orderIds[i % orderIds.length]}`, headers: { cookie } },
  { name: "order JSON", path: (i) => `/api/v1/orders/${orderIds[i % orderIds.length]}`, headers: auth },
  { name: "purchase-order PDF", path: (i) => `/api/v1/orders/${orderIds[(i * 7) % orderIds.length]}/purchase-order.pdf`, headers: auth },
  { name: "invoice PDF", path: (i) => `/api/v1/invoices/${invoices[i % invoices.length].id}/invoice.pdf`, headers: auth },
  { name: "receivables API", path: (i) => `/api/v1/receivables?customer=${invoices[i % invoices.length].buyerId}`, headers: auth },
];
// Each route once, with the RSS it adds on its first request (code loaded and compiled, caches).
const firstRequestRss: { name: string; rss: number }[] = [];
for (const route of ROUTES) {
  const rssBefore = (await memory(true)).rss;
  const reply = await client.request("GET", route.path(0), { headers: route.headers });
  if (reply.status !== 200) throw new Error(`${route.name}: ${reply.status} ${reply.body.slice(0, 200)}`);
  firstRequestRss.push({ name: route.name, rss: (await memory(true)).rss - rssBefore });
}
log(`RSS added by each route's first request: ${firstRequestRss.map((r) => `${r.name} ${mb(r.rss)}`).join(", ")}`);

const snapshot = async (name: string) => {
  if (!withSnapshots) return;
  const { file } = await ask<{ file: string }>(child, { type: "snapshot", file: path.join(root, `${name}.heapsnapshot`) });
  log(`heap snapshot ${file}`);
};

const before = await memory(true);
await snapshot("before");
let peak = before;
const samples: Memory[] = [];
const sampler = setInterval(() => {
  void memory(false).then((m) => {
    samples.push(m);
    if (m.rss > peak.rss) peak = m;
  });
}, 250);
const perRoute = new Map<string, number[]>();
log(`${CLIENTS} clients for ${SECONDS} s…`);
const { stats, failures } = await runLoad({ concurrency: CLIENTS, durationMs: SECONDS * 1000, warmup: CLIENTS }, async (index) => {
  const route = ROUTES[index % ROUTES.length];
  const reply = await client.request("GET", route.path(Math.floor(index / ROUTES.length)), { headers: route.headers });
  let list = perRoute.get(route.name);
  if (!list) perRoute.set(route.name, (list = []));
  list.push(reply.ms);
  return { ok: reply.status === 200, ms: reply.ms, detail: `${route.name}: ${reply.status}` };
});
clearInterval(sampler);
const afterLoad = await memory(false);
await new Promise((r) => setTimeout(r, 5_000));
const afterGc = await memory(true);
await snapshot("after");
child.removeAllListeners("exit");
child.kill();
log(`peak RSS ${mb(peak.rss)}, after the load ${mb(afterLoad.rss)}, after a GC ${mb(afterGc.rss)}; ${stats.count} requests, ${stats.errors} errors ${failures.join(", ")}`);

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MB`;
}
const memoryRow = (label: string, m: Memory) => `| ${label} | ${mb(m.rss)} | ${mb(m.heapUsed)} | ${mb(m.heapTotal)} | ${mb(m.external)} | ${mb(m.arrayBuffers)} |`;
const p = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
};
const machine = `${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`;
const command = `npm run bench:memory${args.length ? ` -- ${args.join(" ")}` : ""}`;
const result = {
  label: sourceDb ? `${orderCount.toLocaleString("en")} orders (copy of ${path.relative(process.cwd(), path.resolve(sourceDb))})` : `demo data (${orderCount.toLocaleString("en")} orders)`,
  lines: [
    `#### ${sourceDb ? `${orderCount.toLocaleString("en")} orders` : "Demo data"} — \`${command}\`, ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    `${CLIENTS} clients, ${SECONDS} s: ${stats.count.toLocaleString("en")} requests served (${stats.perSecond.toFixed(0)}/s), ${stats.errors} errors; p50 ${stats.p50.toFixed(1)} ms, p99 ${stats.p99.toFixed(1)} ms. ${machine}.`,
    "",
    "| when | RSS | heap used | heap total | external | array buffers |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    memoryRow("at start, before any request (after a full GC)", atStart),
    memoryRow("before the load, each route asked once (after a full GC)", before),
    memoryRow("peak RSS during the load (sampled every 250 ms)", peak),
    memoryRow("right after the load", afterLoad),
    memoryRow("5 s later, after a full GC", afterGc),
    "",
    "| request | count | p50 | p99 |",
    "| --- | ---: | ---: | ---: |",
    ...ROUTES.map((r) => {
      const l = perRoute.get(r.name) ?? [];
      return `| ${r.name} | ${l.length} | ${p(l, 0.5).toFixed(1)} ms | ${p(l, 0.99).toFixed(1)} ms |`;
    }),
    "",
    `Target: peak RSS < 300 MB — ${peak.rss < 300 * 2 ** 20 ? "met" : "NOT met"} (${mb(peak.rss)}).`,
  ],
};
console.log(`\n${result.lines.join("\n")}\n`);
fs.writeFileSync(path.join(root, `result-${sourceDb ? "db" : "demo"}.json`), JSON.stringify(result));
if (args.includes("--no-report")) process.exit(0);

// The section keeps one table per kind of data (demo, --db): each run replaces its own.
const parts = ["demo", "db"].map((kind) => path.join(root, `result-${kind}.json`)).filter((f) => fs.existsSync(f)).map((f) => (JSON.parse(fs.readFileSync(f, "utf8")) as typeof result).lines.join("\n"));
const section = [
  "<!-- memory:start -->",
  "## Memory under mixed reads (`npm run bench:memory`)",
  "",
  "The server as `npm start` runs it (NODE_ENV=production; bench/memory-server.ts, its own process) under 16 keep-alive clients, each request one of: the order list page (HTML), the list API, an order's page, an order's JSON, a purchase-order PDF, an invoice PDF, the receivables API (alice, the brasserie's owner; ids sampled from its orders and invoices). Memory from `process.memoryUsage()` in the server.",
  "",
  ...parts.flatMap((part) => [part, ""]),
  MEMORY_FINDINGS,
  "<!-- memory:end -->",
].join("\n");
const reportFile = path.resolve("docs/benchmarks.md");
const existing = fs.existsSync(reportFile) ? fs.readFileSync(reportFile, "utf8") : "# Benchmarks\n";
const startMark = existing.indexOf("<!-- memory:start -->");
const endMark = existing.indexOf("<!-- memory:end -->");
fs.writeFileSync(
  reportFile,
  startMark >= 0 && endMark > startMark
    ? existing.slice(0, startMark) + section + existing.slice(endMark + "<!-- memory:end -->".length)
    : `${existing.replace(/\s*$/, "")}\n\n${section}\n`,
);
log("docs/benchmarks.md updated");
process.exit(0);
