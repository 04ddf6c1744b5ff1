// `npm run bench`: orders at scale (../docs/benchmarks.md).
//   1. A bench database under .cache/bench (fresh each run; `--reuse` keeps a complete one): migrated,
//      the demo data and 600 more tenants made with the factories, then 1,000,000 orders (100,000 of
//      them the brasserie's; 5–15 lines each) bulk-loaded with raw better-sqlite3, the invoices of the
//      invoiced and paid ones with credit notes and payments (bench/invoices.ts), then ANALYZE.
//   2. Insert baselines: the same statements writing 20,000 orders of 10 lines into a fresh copy.
//   3. The real server (another process) on that database: the order list API and page, creation,
//      amendment, with a per-request profile (SQL statements and Prisma operations).
//      Then the invoice scenarios (bench/invoices.ts): publication, PDFs, receivables, a 1,000-invoice zip.
//   4. A bare node:http server answering a fixed JSON, with the same client.
//   5. The query plans of the list queries (the SQL the server ran, with its arguments), and the report.
// Options: --reuse, --orders=<n> (default 1,000,000; the brasserie gets a tenth), --no-http,
// --report-only (rewrite the report from the last run's figures).
import { execSync, fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { HttpClient, runLoad, type Stats } from "./http-client";
import type { ReportInput } from "./report";
import type { CpuSummary, LabelProfile } from "./server";
import type { InvoiceBenchResult, InvoiceLoadFigures } from "./invoices";

const startedAt = new Date();
const t0 = performance.now();
const args = process.argv.slice(2);
const reuse = args.includes("--reuse");
const withHttp = !args.includes("--no-http");
const totalOrders = Number(args.find((a) => a.startsWith("--orders="))?.split("=")[1] ?? 1_000_000);
const BRASSERIE_SHARE = 0.1;
const DATA_VERSION = 2; // bump when the generated data changes shape (2: invoices, credit notes, payments)

const root = path.resolve(".cache/bench");
const dataDir = path.join(root, "data");
const dbFile = path.join(dataDir, "comptoir.db");
const templateFile = path.join(root, "catalog.db");
const baselineFile = path.join(root, "baseline.db");
const stateFile = path.join(root, "state.json");

if (args.includes("--report-only")) {
  // Rewrites docs/benchmarks.md from the last run's figures (after editing the report's layout or its
  // hand-written part), without measuring anything.
  const { writeReport } = await import("./report");
  const input = JSON.parse(fs.readFileSync(path.join(root, "report-input.json"), "utf8")) as ReportInput;
  writeReport(path.resolve("docs/benchmarks.md"), { ...input, startedAt: new Date(input.startedAt) });
  console.log("docs/benchmarks.md rewritten from .cache/bench/report-input.json");
  process.exit(0);
}

process.env.NODE_ENV = "production";
process.env.DATA_DIR = dataDir;
process.env.DATABASE_URL = `file:${dbFile}`;
process.env.APP_URL = "http://localhost:3000";
for (const v of ["SMTP_URL", "REDIS_URL", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "PORT"]) delete process.env[v];

const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s`;
const log = (line: string) => console.log(`[${elapsed()}] ${line}`);

type LoadFigures = { orders: number; lines: number; events: number; seconds: number; insertSeconds: number; buildSeconds: number; setupSeconds: number; analyzeSeconds: number };
type State = { version: number; totalOrders: number; complete: boolean; expectedOrders: number; load: LoadFigures; invoices: InvoiceLoadFigures; dbBytes: number };

function removeDb(file: string) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
}
function copyDb(from: string, to: string) {
  removeDb(to);
  fs.copyFileSync(from, to);
}
function dbSize(file: string): number {
  return ["", "-wal"].reduce((sum, s) => sum + (fs.existsSync(file + s) ? fs.statSync(file + s).size : 0), 0);
}

/** The last run's data, when `--reuse` may take it, with the orders it holds now (`ordersAtStart`). */
function readReusableState(): (State & { ordersAtStart: number }) | null {
  if (!reuse || !fs.existsSync(stateFile) || !fs.existsSync(dbFile) || !fs.existsSync(templateFile)) return null;
  const state = JSON.parse(fs.readFileSync(stateFile, "utf8")) as State;
  if (!state.complete || state.version !== DATA_VERSION || state.totalOrders !== totalOrders) return null;
  const sqlite = new Database(dbFile, { readonly: true });
  const { n } = sqlite.prepare(`SELECT count(*) AS n FROM "Order"`).get() as { n: number };
  sqlite.close();
  // Orders created over HTTP by earlier runs are there too: at least the loaded ones.
  return n >= state.expectedOrders ? { ...state, ordersAtStart: n } : null;
}

// ---- 1. data ----------------------------------------------------------------------------------------

const { migrateDatabase } = await import("~/utils/migrate.server");
const { getDb } = await import("~/utils/db.server");
const { loadOrderContexts } = await import("../tests/factories/orders");
const { createBenchTenants } = await import("./tenants");
const { openForBulkLoad, planOrders, loadOrders, measureInsertBaselines } = await import("./bulk-load");
const { withReceivablesCustomer, loadInvoices, runInvoiceScenarios, RECEIVABLES_DOCUMENTS } = await import("./invoices");

const reusable = readReusableState();
let state: State | null = reusable;
const reusedData = reusable !== null;
if (state) {
  log(`reusing ${dbFile} (${state.load.orders.toLocaleString("en")} loaded orders)`);
  const { applied } = await migrateDatabase(process.env.DATABASE_URL);
  if (applied.length) {
    const sqlite = openForBulkLoad(dbFile);
    sqlite.exec("ANALYZE");
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    sqlite.close();
    log(`applied ${applied.join(", ")} to the reused database, then ANALYZE`);
  }
} else {
  fs.rmSync(stateFile, { force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
  removeDb(templateFile);
  fs.mkdirSync(dataDir, { recursive: true });
  await migrateDatabase(process.env.DATABASE_URL);
  const setupStart = performance.now();
  const db = getDb();
  // Setting up 600 tenants commits thousands of times: no fsync for a throw-away database.
  await db.$queryRawUnsafe("PRAGMA synchronous = OFF");
  const tenants = await createBenchTenants(log);
  await db.$disconnect();
  const setupSeconds = (performance.now() - setupStart) / 1000;

  let sqlite = openForBulkLoad(dbFile);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  fs.copyFileSync(dbFile, templateFile); // the catalog without the bulk orders, for the baselines

  sqlite = openForBulkLoad(dbFile);
  const now = Date.now();
  log(`loading ${totalOrders.toLocaleString("en")} orders with raw better-sqlite3 (WAL, synchronous=OFF, transactions of 5,000 orders)…`);
  // Plus extra orders for one customer of the brasserie, whose receivables hold 2,000 documents (bench/invoices.ts).
  const receivablesCustomer = tenants.brasserieContexts.at(-1)!;
  const result = loadOrders(
    sqlite,
    withReceivablesCustomer(
      planOrders({ count: totalOrders, days: 730, brasserieShare: BRASSERIE_SHARE, brasserie: tenants.brasserieContexts, others: tenants.otherContexts, now, seed: 1 }),
      { customer: receivablesCustomer, brasserieOrders: totalOrders * BRASSERIE_SHARE, invoicedTarget: Math.round(RECEIVABLES_DOCUMENTS * 0.6), now, seed: 2 },
    ),
    { batch: 5_000, progressEvery: 100_000, total: totalOrders, log, now },
  );
  log(
    `loaded ${result.orders.toLocaleString("en")} orders, ${result.lines.toLocaleString("en")} lines, ${result.events.toLocaleString("en")} events in ${result.seconds.toFixed(1)} s ` +
      `(inserts ${result.insertSeconds.toFixed(1)} s, building rows ${result.buildSeconds.toFixed(1)} s)`,
  );
  log("loading the invoices of the invoiced and paid orders, with their credit notes and payments…");
  const invoices = loadInvoices(dbFile, { batch: 5_000, now, seed: 3, receivablesCustomerId: receivablesCustomer.buyer.orgId, brasserieId: tenants.brasserie.id, log });
  log(
    `loaded ${invoices.invoices.toLocaleString("en")} invoices (${invoices.invoiceLines.toLocaleString("en")} lines), ${invoices.creditNotes.toLocaleString("en")} credit notes, ` +
      `${invoices.payments.toLocaleString("en")} payments in ${invoices.seconds.toFixed(1)} s`,
  );
  const analyzeStart = performance.now();
  sqlite.exec("ANALYZE");
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  const analyzeSeconds = (performance.now() - analyzeStart) / 1000;
  log(`ANALYZE and checkpoint in ${analyzeSeconds.toFixed(1)} s; database ${(dbSize(dbFile) / 1e9).toFixed(2)} GB`);
  const check = new Database(dbFile, { readonly: true });
  const { n } = check.prepare(`SELECT count(*) AS n FROM "Order"`).get() as { n: number };
  check.close();
  state = {
    version: DATA_VERSION,
    totalOrders,
    complete: true,
    expectedOrders: n,
    load: { ...result, setupSeconds, analyzeSeconds },
    invoices,
    dbBytes: dbSize(dbFile),
  };
  fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));
}

// ---- 2. insert baselines ----------------------------------------------------------------------------

log("insert baselines: 20,000 orders of 10 lines into a fresh copy of the catalog…");
const brasserieId = (() => {
  const sqlite = new Database(templateFile, { readonly: true });
  const row = sqlite.prepare(`SELECT id FROM "Organization" WHERE slug = 'brasserie-du-pont'`).get() as { id: string };
  sqlite.close();
  return row.id;
})();
const baselineContexts = await (async () => {
  const db = getDb();
  const relations = await db.relation.findMany({ where: { producerId: brasserieId, kind: "RETAIL", status: "ACTIVE" }, select: { id: true } });
  const contexts = await loadOrderContexts(db, relations.map((r) => r.id));
  await db.$disconnect();
  return contexts;
})();
const baselines = measureInsertBaselines(templateFile, baselineFile, baselineContexts, copyDb, { batched: 20_000, perOrder: 3_000 });
removeDb(baselineFile);
for (const b of baselines) log(`  ${b.label}: ${Math.round(b.ordersPerSecond).toLocaleString("en")} orders/s`);

// ---- 3. the real server -------------------------------------------------------------------------------

type Scenario = {
  key: string;
  title: string;
  stats: Stats | null;
  note?: string;
  profile?: LabelProfile | null;
  target?: string;
  pass?: boolean | null;
  /** The server process's CPU time per request (all requests of the scenario) and its CPU use (1 = one core). */
  cpu?: { msPerRequest: number; utilization: number };
};
const scenarios: Scenario[] = [];
const profiles = new Map<string, LabelProfile>();
const cpuProfiles: { title: string; requests: number; summary: CpuSummary; profile: LabelProfile }[] = [];
let buildNote = "";
let invoiceResult: InvoiceBenchResult | null = null;
let routesNote = "";

function startChild(script: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(path.resolve(script), [], { execArgv: ["--import", "tsx"], env: process.env, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
    child.on("message", (m: { type: string; port?: number }) => {
      if (m.type === "ready") resolve({ child, port: m.port! });
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** Sends a message to a child and resolves with its first reply of the same type. */
function ask<T>(child: ChildProcess, message: { type: string } & Record<string, unknown>): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (reply: { type: string }) => {
      if (reply.type !== message.type) return;
      child.off("message", onMessage);
      resolve(reply as T);
    };
    child.on("message", onMessage);
    child.send(message);
  });
}

async function setPragma(child: ChildProcess, sql: string): Promise<void> {
  const reply = await ask<{ ok: boolean; error?: string }>(child, { type: "pragma", sql });
  if (!reply.ok) throw new Error(reply.error);
}

type ProfileReply = { data: LabelProfile[]; cpu: { cpuMs: number; wallMs: number }; requests: number };
const askProfile = (child: ChildProcess) => ask<ProfileReply>(child, { type: "profile" });
const cpuCommand = async (child: ChildProcess, action: "start" | "stop", file?: string) =>
  (await ask<{ summary: CpuSummary | null }>(child, { type: "cpu", action, file })).summary;
const prismaTiming = (child: ChildProcess, on: boolean) => ask(child, { type: "prisma-timing", on });

if (withHttp) {
  const { ensureBuild, SERVER_BUILD } = await import("../server/build");
  try {
    ensureBuild((line) => log(line));
  } catch (error) {
    if (!fs.existsSync(SERVER_BUILD)) throw error;
    buildNote = `The Remix build failed (${(error as Error).message}); the previous build (${new Date(fs.statSync(SERVER_BUILD).mtimeMs).toISOString()}) was served.`;
    log(buildNote);
  }
  log("starting the server on the bench database…");
  const { child, port } = await startChild("bench/server.ts");
  const client = new HttpClient("127.0.0.1", port);
  const take = async () => {
    const reply = await askProfile(child);
    for (const p of reply.data) profiles.set(p.label, p);
    return reply;
  };

  const tokenReply = await client.json("POST", "/api/v1/auth/token", {
    body: { email: "alice@brasserie.test", password: "comptoir-demo", organization: "brasserie-du-pont" },
  });
  if (tokenReply.status !== 201) throw new Error(`token: ${tokenReply.status} ${tokenReply.body}`);
  const auth = { authorization: `Bearer ${tokenReply.data.token}` };
  const probe = await client.json("GET", "/api/v1/orders?limit=1", { headers: auth });
  const listApi = probe.status === 200;
  const createProbe = await client.json("POST", "/api/v1/orders", { headers: auth, body: {} });
  const createApi = createProbe.status !== 404;
  const itemProbe = listApi ? await client.json("GET", `/api/v1/orders/${probe.data.orders[0]?.id}`, { headers: auth }) : null;
  const itemApi = itemProbe?.status === 200;
  if (!listApi || !createApi || !itemApi) {
    routesNote = `Routes missing when the bench ran: ${[!listApi && "GET /api/v1/orders", !createApi && "POST /api/v1/orders", !itemApi && "GET|PATCH /api/v1/orders/:id"].filter(Boolean).join(", ")}.`;
    log(routesNote);
  }

  type LoadOptions = { concurrency: number; requests?: number; durationMs?: number; warmup?: number };
  type BenchJob = (i: number, worker: number) => Promise<{ ok: boolean; ms: number; detail?: string }>;
  const jobs = new Map<string, { title: string; options: LoadOptions; job: BenchJob }>();
  const measure = async (key: string, title: string, options: LoadOptions, job: BenchJob, target?: { text: string; check: (s: Stats) => boolean }) => {
    jobs.set(key, { title, options, job });
    if (options.warmup) await runLoad({ concurrency: options.concurrency, requests: options.warmup }, job);
    await take(); // resets the server's profile and CPU accounting after the warm-up
    const { stats, failures } = await runLoad({ ...options, warmup: 0 }, job);
    const { cpu, requests } = await take();
    const scenario: Scenario = {
      key,
      title,
      stats,
      profile: profiles.get(key) ?? null,
      target: target?.text,
      pass: target ? target.check(stats) : null,
      cpu: { msPerRequest: cpu.cpuMs / Math.max(1, requests), utilization: cpu.cpuMs / cpu.wallMs },
    };
    if (failures.length) scenario.note = `failures: ${failures.join(" | ").slice(0, 300)}`;
    scenarios.push(scenario);
    log(
      `${title}: p50 ${stats.p50.toFixed(1)} ms, p95 ${stats.p95.toFixed(1)} ms, ${stats.perSecond.toFixed(0)}/s (${stats.count} ok, ${stats.errors} errors)` +
        (target ? ` — target ${target.text}: ${scenario.pass ? "pass" : "FAIL"}` : ""),
    );
    return scenario;
  };
  const get = (key: string, url: string, headers: Record<string, string>, expect = 200) => async () => {
    const r = await client.request("GET", url, { headers: { ...headers, "x-bench-label": key } });
    return { ok: r.status === expect, ms: r.ms, detail: `${r.status} ${r.body.slice(0, 120)}` };
  };
  const LIST_TARGET = { text: "p95 < 30 ms", check: (s: Stats) => s.p95 < 30 };

  // Floors: Express alone, and Remix + token authentication + one small query.
  await measure("healthz", "GET /healthz (Express, no Remix)", { concurrency: 1, requests: 300, warmup: 50 }, get("healthz", "/healthz", {}));
  await measure("me", "GET /api/v1/me (Remix + token auth)", { concurrency: 1, requests: 300, warmup: 50 }, get("me", "/api/v1/me", auth));

  if (listApi) {
    const { SEARCH_TERM } = await import("./tenants");
    const lists: [string, string][] = [
      ["list:all", "/api/v1/orders?limit=50"],
      ["list:to_accept", "/api/v1/orders?limit=50&view=to_accept"],
      ["list:to_ship", "/api/v1/orders?limit=50&view=to_ship"],
      ["list:to_deliver", "/api/v1/orders?limit=50&view=to_deliver"],
      ["list:late", "/api/v1/orders?limit=50&view=late"],
      ["list:to_invoice", "/api/v1/orders?limit=50&view=to_invoice"],
      ["list:unpaid", "/api/v1/orders?limit=50&view=unpaid"],
      ["list:done", "/api/v1/orders?limit=50&view=done"],
      ["list:q", `/api/v1/orders?limit=50&q=${encodeURIComponent(SEARCH_TERM)}`],
    ];
    for (const [key, url] of lists) {
      await measure(key, `GET ${url.replace("/api/v1/orders?", "/api/v1/orders ")}`, { concurrency: 1, requests: 300, warmup: 30 }, get(key, url, auth), LIST_TARGET);
    }
    // A 5-page walk: each page after the previous one's nextCursor.
    let cursor: string | null = null;
    let page = 0;
    await measure(
      "list:cursor",
      "GET /api/v1/orders limit=50, 5-page cursor walk (every page)",
      { concurrency: 1, requests: 300, warmup: 10 },
      async () => {
        const url = `/api/v1/orders?limit=50${page > 0 && cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
        const r = await client.json("GET", url, { headers: { ...auth, "x-bench-label": "list:cursor" } });
        cursor = r.data?.nextCursor ?? null;
        page = (page + 1) % 5;
        return { ok: r.status === 200, ms: r.ms, detail: `${r.status}` };
      },
      LIST_TARGET,
    );
    // The rep agency named on a fifth of the brasserie's orders (about 20,000): its own scope (repId).
    const repToken = await client.json("POST", "/api/v1/auth/token", {
      body: { email: "rita@rep.test", password: "comptoir-demo", organization: "agence-rep" },
    });
    if (repToken.status === 201) {
      const repAuth = { authorization: `Bearer ${repToken.data.token}` };
      for (const [key, url] of [
        ["list:rep:all", "/api/v1/orders?limit=50"],
        ["list:rep:late", "/api/v1/orders?limit=50&view=late"],
        ["list:rep:done", "/api/v1/orders?limit=50&view=done"],
      ] as const) {
        await measure(key, `rep agency: GET ${url.replace("/api/v1/orders?", "/api/v1/orders ")}`, { concurrency: 1, requests: 300, warmup: 30 }, get(key, url, repAuth), LIST_TARGET);
      }
    }
    await measure("list:all:c8", "GET /api/v1/orders limit=50, 8 concurrent clients, 10 s", { concurrency: 8, durationMs: 10_000, warmup: 16 }, get("list:all:c8", "/api/v1/orders?limit=50", auth));
  }

  // The list page, with a session cookie from the log-in form.
  const login = await client.request("POST", "/login", {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: "alice@brasserie.test", password: "comptoir-demo" }).toString(),
  });
  const cookie = (Array.isArray(login.headers["set-cookie"]) ? login.headers["set-cookie"] : [])
    .map((c) => c.split(";")[0])
    .join("; ");
  const pageProbe = await client.request("GET", "/o/brasserie-du-pont/orders", { headers: { cookie } });
  if (login.status === 302 && pageProbe.status === 200) {
    for (const [key, query] of [["page:all", ""], ["page:to_accept", "?view=to_accept"], ["page:done", "?view=done"]] as const) {
      await measure(key, `GET /o/brasserie-du-pont/orders${query} (HTML)`, { concurrency: 1, requests: 300, warmup: 20 }, get(key, `/o/brasserie-du-pont/orders${query}`, { cookie }), LIST_TARGET);
    }
  } else {
    scenarios.push({ key: "page", title: "GET /o/brasserie-du-pont/orders", stats: null, note: `unavailable: log-in ${login.status}, page ${pageProbe.status}` });
    log(`list page unavailable (log-in ${login.status}, page ${pageProbe.status})`);
  }

  if (itemApi) {
    const ids = (await client.json("GET", "/api/v1/orders?limit=200", { headers: auth })).data.orders.map((o: { id: string }) => o.id) as string[];
    await measure("order:get", "GET /api/v1/orders/:id (10–15 lines)", { concurrency: 1, requests: 300, warmup: 20 }, async (i) =>
      get("order:get", `/api/v1/orders/${ids[i % ids.length]}`, auth)(),
    );
  }

  // Creation: 8 clients placing 10-line orders for the brasserie's customers for 15 s.
  const created: string[] = [];
  let creationRate = 0;
  if (createApi) {
    const relations = (await client.json("GET", "/api/v1/relations", { headers: auth })).data.relations as { kind: string; status: string; partner: { id: string } | null }[];
    const buyers = relations.filter((r) => r.kind === "RETAIL" && r.status === "ACTIVE" && r.partner).map((r) => r.partner!.id);
    const catalog = (await client.json("GET", `/api/v1/catalog?producer=${brasserieId}`, { headers: auth })).data.products as { formats: { id: string }[] }[];
    const formats = catalog.flatMap((p) => p.formats.map((f) => f.id));
    const delivery = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const orderBody = (i: number) => ({
      buyer: buyers[i % buyers.length],
      deliveryDate: delivery,
      lines: Array.from({ length: 10 }, (_, k) => ({ formatId: formats[(i + k * 7) % formats.length], quantity: 1 + ((i + k) % 24) })),
    });
    const createJob = (key: string) => async (i: number) => {
      const r = await client.json("POST", "/api/v1/orders", { headers: { ...auth, "x-bench-label": key }, body: orderBody(i) });
      if (r.status === 201) created.push(r.data.id);
      return { ok: r.status === 201, ms: r.ms, detail: `${r.status} ${r.body.slice(0, 200)}` };
    };
    const scenario = await measure("create", "POST /api/v1/orders (10 lines), 8 concurrent clients, 15 s", { concurrency: 8, durationMs: 15_000, warmup: 40 }, createJob("create"));
    creationRate = scenario.stats!.perSecond;
    // The same with the server's connection at synchronous=NORMAL (WAL: no fsync per commit), to show
    // what durability costs; the app itself keeps SQLite's default (FULL).
    await setPragma(child, "PRAGMA synchronous = NORMAL");
    await measure(
      "create:normal",
      "POST /api/v1/orders (10 lines), 8 clients, 15 s — server connection at synchronous=NORMAL",
      { concurrency: 8, durationMs: 15_000, warmup: 40 },
      createJob("create:normal"),
    );
    await setPragma(child, "PRAGMA synchronous = FULL");
  }

  // Amendment: fresh PENDING orders (placed above), each amended once: its version and lines fetched
  // beforehand (untimed), then PATCH with one quantity changed (timed).
  if (itemApi && created.length >= 60) {
    const count = Math.min(created.length, 340);
    const prepared: { id: string; body: unknown }[] = [];
    for (const id of created.slice(-count)) {
      const current = await client.json("GET", `/api/v1/orders/${id}`, { headers: { ...auth, "x-bench-label": "amend:get" } });
      if (current.status !== 200) continue;
      const lines = current.data.lines.map((l: { id: string; kind: string; quantity: number }, k: number) => ({ id: l.id, kind: l.kind, quantity: k === 0 ? l.quantity + 1 : l.quantity }));
      prepared.push({ id, body: { version: current.data.version, lines } });
    }
    let nextOrder = 0;
    await measure(
      "amend",
      "PATCH /api/v1/orders/:id (one quantity of a fresh PENDING order changed)",
      { concurrency: 1, requests: prepared.length - 20, warmup: 20 },
      async () => {
        const { id, body } = prepared[nextOrder++];
        const r = await client.json("PATCH", `/api/v1/orders/${id}`, { headers: { ...auth, "x-bench-label": "amend" }, body });
        return { ok: r.status === 200, ms: r.ms, detail: `${r.status} ${r.body.slice(0, 200)}` };
      },
    );
  } else {
    scenarios.push({ key: "amend", title: "PATCH /api/v1/orders/:id", stats: null, note: itemApi && createApi ? "too few orders created" : "unavailable (routes missing)" });
  }

  // CPU profiles of the server, with every Prisma operation timed too (separate, shorter runs: the
  // profiler and the timing slow the server down).
  await prismaTiming(child, true);
  for (const [key, duration] of [["list:all", 4_000], ["page:all", 6_000], ["create", 8_000]] as const) {
    const entry = jobs.get(key);
    if (!entry) continue;
    await take();
    await cpuCommand(child, "start");
    const { stats } = await runLoad({ concurrency: entry.options.concurrency, durationMs: duration }, entry.job);
    const summary = await cpuCommand(child, "stop", path.join(root, `${key.replace(/:/g, "-")}.cpuprofile`));
    const profile = (await take()).data.find((p) => p.label === key);
    if (summary && profile) cpuProfiles.push({ title: entry.title, requests: stats.count, summary, profile });
    log(`CPU profile of ${entry.title}: ${summary?.byComponent.slice(0, 4).map((c) => `${c.component} ${Math.round(c.share * 100)} %`).join(", ")}`);
  }

  await prismaTiming(child, false);

  // Invoices (bench/invoices.ts): publication, PDFs, receivables, the 1,000-invoice zip.
  invoiceResult = await runInvoiceScenarios({ port, dbFile, dataDir, profile: () => askProfile(child), log });
  invoiceResult.load = state!.invoices;

  // Targets of the creation: ≥ 500 orders/s and ≥ 25 % of the raw insert rate. The raw rate compared
  // with is the same rows inserted with the same durability: one committed transaction per order at
  // synchronous=FULL, as an HTTP creation answers only once its order is committed. (The batched,
  // synchronous=OFF rate is reported next to it: no server can answer requests that way.)
  const rawRate = baselines[1].ordersPerSecond;
  const creation = scenarios.find((s) => s.key === "create");
  if (creation?.stats) {
    creation.target = `≥ 500 orders/s and ≥ 25 % of the raw rate at the same durability (${Math.round(rawRate * 0.25).toLocaleString("en")} orders/s)`;
    creation.pass = creationRate >= 500 && creationRate >= rawRate * 0.25;
    log(`creation: ${creationRate.toFixed(0)} orders/s = ${((creationRate / rawRate) * 100).toFixed(1)} % of the raw insert rate — ${creation.pass ? "pass" : "FAIL"}`);
  }
  client.close();
  await stopChild(child);

  // ---- 4. the bare node:http baseline -----------------------------------------------------------------
  const bare = await startChild("bench/bare-server.ts");
  const bareClient = new HttpClient("127.0.0.1", bare.port);
  const bareJob = async () => {
    const r = await bareClient.request("GET", "/");
    return { ok: r.status === 200, ms: r.ms };
  };
  const bare1 = await runLoad({ concurrency: 1, requests: 3000, warmup: 300 }, bareJob);
  const bare8 = await runLoad({ concurrency: 8, durationMs: 5_000, warmup: 300 }, bareJob);
  scenarios.push({ key: "bare:c1", title: "bare node:http, fixed JSON, 1 client", stats: bare1.stats });
  scenarios.push({ key: "bare:c8", title: "bare node:http, fixed JSON, 8 concurrent clients, 5 s", stats: bare8.stats });
  log(`bare node:http: p50 ${bare1.stats.p50.toFixed(2)} ms (1 client); ${bare8.stats.perSecond.toFixed(0)} requests/s (8 clients)`);
  bareClient.close();
  await stopChild(bare.child);
}

// ---- 5. query plans and the report ----------------------------------------------------------------------

type Plan = { label: string; what: string; sql: string; args: unknown[]; plan: string[]; medianMs: number; rows: number };
/** What a list statement is for, from its SQL. */
function statementRole(sql: string): string {
  if (/FROM [`"](main[`"]\.[`"])?OrderLine[`"]/.test(sql)) return "line counts of the listed orders";
  if (/GROUP BY .*[`"]status[`"]/.test(sql)) return "badge counts by status";
  if (/COUNT\(\*\)/i.test(sql)) return "badge count (late)";
  return "the page of orders";
}
const plans: Plan[] = [];
{
  const sqlite = new Database(dbFile, { readonly: true });
  sqlite.defaultSafeIntegers(true);
  for (const [label, profile] of profiles) {
    if (!label.startsWith("list:") && !label.startsWith("page:")) continue;
    if (label.endsWith(":c8")) continue;
    for (const statement of profile.statements) {
      if (!/^\s*SELECT/i.test(statement.sql) || !/FROM [`"](main[`"]\.[`"])?Order(Line)?[`"]/.test(statement.sql)) continue;
      if (plans.some((p) => p.sql === statement.sql && JSON.stringify(p.args) === JSON.stringify(statement.sampleArgs))) continue;
      try {
        const explain = sqlite.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...(statement.sampleArgs as unknown[])) as { id: bigint; parent: bigint; detail: string }[];
        const depth = new Map<string, number>([["0", -1]]);
        const lines = explain.map((r) => {
          const d = (depth.get(String(r.parent)) ?? -1) + 1;
          depth.set(String(r.id), d);
          return `${"  ".repeat(d)}${r.detail}`;
        });
        const query = sqlite.prepare(statement.sql);
        const times: number[] = [];
        let rows = 0;
        for (let i = 0; i < 15; i++) {
          const t = performance.now();
          rows = query.raw().all(...(statement.sampleArgs as unknown[])).length;
          times.push(performance.now() - t);
        }
        plans.push({ label, what: statementRole(statement.sql), sql: statement.sql, args: statement.sampleArgs, plan: lines, medianMs: times.sort((a, b) => a - b)[7], rows });
      } catch (error) {
        plans.push({ label, what: statementRole(statement.sql), sql: statement.sql, args: statement.sampleArgs, plan: [`(could not explain: ${(error as Error).message})`], medianMs: NaN, rows: 0 });
      }
    }
  }
  sqlite.close();
}

// The full profile (every statement with sample arguments), for digging further than the report.
fs.writeFileSync(path.join(root, "profile.json"), JSON.stringify([...profiles.values()], null, 1));

const totalSeconds = (performance.now() - t0) / 1000;
const { writeReport } = await import("./report");
const reportFile = path.resolve("docs/benchmarks.md");
const reportInput: ReportInput = {
  startedAt,
  command: `npm run bench${args.length ? ` -- ${args.join(" ")}` : ""}`,
  machine: {
    cpus: Number(execSync("nproc").toString().trim()),
    model: /model name\s*:\s*(.*)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model ?? "?",
    memoryGb: os.totalmem() / 1e9,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg(),
  },
  state: state!,
  reused: reusedData,
  ordersAtStart: reusable?.ordersAtStart ?? state!.expectedOrders,
  baselines,
  scenarios,
  plans,
  cpuProfiles,
  notes: [buildNote, routesNote].filter(Boolean),
  invoices: invoiceResult ? { ...invoiceResult, load: state!.invoices } : null,
  totalSeconds,
};
// The figures, to rewrite the report without measuring again (`--report-only`).
fs.writeFileSync(path.join(root, "report-input.json"), JSON.stringify(reportInput));
writeReport(reportFile, reportInput);
console.log("");
console.log(
  scenarios
    .map((s) =>
      s.stats
        ? `${s.title.padEnd(78)} p50 ${s.stats.p50.toFixed(1).padStart(7)} ms  p95 ${s.stats.p95.toFixed(1).padStart(7)} ms  ${s.stats.perSecond.toFixed(0).padStart(6)}/s${s.pass === null || s.pass === undefined ? "" : s.pass ? "  pass" : "  FAIL"}`
        : `${s.title.padEnd(78)} ${s.note}`,
    )
    .join("\n"),
);
log(`report written to ${path.relative(process.cwd(), reportFile)}; total ${Math.round(totalSeconds)} s`);
process.exit(0);
