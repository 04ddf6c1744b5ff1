// `npm run bench:bakery`: the bakery's morning at scale (docs/benchmarks.md, between
// <!-- bakery:start --> and <!-- bakery:end -->). Issue 11's targets, with 2,000 customers × 30 items
// of standing orders (Monday to Saturday):
//   - a date's day orders computed (loadDayOrders) < 300 ms;
//   - validation of the date < 2 s;
//   - production list p95 < 50 ms;
//   - every delivery note of the date as one PDF < 15 s;
//   - intake board page p95 < 30 ms.
// 1. A database under .cache/bench-bakery: the demo data, plus a bakery of 2,000 customers written
//    straight into it (bench set-up, not the services: the services are what is measured).
// 2. Day orders in this process (the service function, its queries and the rule), then the server as
//    `npm start` serves it (bench/memory-server.ts bundled by bench/bundle-server.ts: plain Node, its own process) for the pages, the API and the PDFs.
// Options: --customers=<n>, --items=<n>, --runs=<n>, --warmup=<n>, --no-report (print only).
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { bundleBenchServer } from "./bundle-server";
import { HttpClient, percentile } from "./http-client";

const option = (name: string, fallback: number) => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? Number(arg.split("=")[1]) : fallback;
};
const CUSTOMERS = option("customers", 2000);
const ITEMS = option("items", 30);
const RUNS = option("runs", 100);
// A server in steady state: each route gets this many requests before it is timed (JIT, caches).
const WARMUP = option("warmup", 30);
const REPORT = !process.argv.includes("--no-report");
const root = path.resolve(".cache/bench-bakery");
const dbFile = path.join(root, "bakery.db");
const log = (text: string) => console.log(`[bench:bakery] ${text}`);
const startedAt = new Date();

fs.rmSync(root, { recursive: true, force: true });
fs.mkdirSync(root, { recursive: true });
process.env.NODE_ENV = "production";
process.env.DATA_DIR = root;
process.env.DATABASE_URL = `file:${dbFile}`;
process.env.LOG_LEVEL = "silent";
process.env.DEMO_DATA = "on";
delete process.env.REDIS_URL;
delete process.env.SMTP_URL;

const { migrateDatabase } = await import("~/utils/migrate.server");
const { seedDemo } = await import("../prisma/seed");
const { newId } = await import("~/utils/ids.server");
const { serializeDayLines } = await import("~/modules/bakery/standing-day");
await migrateDatabase(process.env.DATABASE_URL);
await seedDemo();

// ---- The bakery at scale: 60 products (a format each), 2,000 customers, standing orders Monday–Saturday.
const setupStarted = performance.now();
const sqlite = new Database(dbFile);
sqlite.pragma("journal_mode = WAL");
const aurore = (sqlite.prepare(`SELECT id FROM "Organization" WHERE slug = 'boulangerie-aurore'`).get() as { id: string }).id;
const taxRateId = (sqlite.prepare(`SELECT id FROM "TaxRate" WHERE "producerId" = ? ORDER BY "rateBps" LIMIT 1`).get(aurore) as { id: string }).id;
const now = new Date().toISOString();
const formatIds: string[] = [];
sqlite.transaction(() => {
  const product = sqlite.prepare(`INSERT INTO "Product" (id, "producerId", name, sku, family, description, active, "productionWeekdays", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, '', 1, '123456', ?, ?)`);
  const format = sqlite.prepare(`INSERT INTO "ProductFormat" (id, "producerId", "productId", name, "unitPrice4", "depositCents", "taxRateId", active, position, sliced, "createdAt", "updatedAt") VALUES (?, ?, ?, 'Pièce', ?, 0, ?, 1, 0, ?, ?, ?)`);
  for (let i = 0; i < 60; i++) {
    const productId = newId();
    product.run(productId, aurore, `Article ${String(i + 1).padStart(2, "0")}`, `BENCH-${i}`, String((i % 9) + 1), now, now);
    const formatId = newId();
    format.run(formatId, aurore, productId, 10_000 + i * 500, taxRateId, i % 10 === 0 ? 1 : 0, now, now);
    formatIds.push(formatId);
  }
  const org = sqlite.prepare(`INSERT INTO "Organization" (id, slug, name, kind, locale, currency, "createdAt", "updatedAt", "autoInvoiceOnDelivery") VALUES (?, ?, ?, 'RETAILER', 'fr-BE', 'EUR', ?, ?, 0)`);
  const relation = sqlite.prepare(`INSERT INTO "Relation" (id, kind, status, "producerId", "partnerId", "paymentTermsDays", "defaultDistribution", "minOrderCents", "openWeekdays", "billingPeriod", "acceptedAt", "createdAt", "updatedAt") VALUES (?, 'RETAIL', 'ACTIVE', ?, ?, 30, 'SELF', 0, '123456', 'MONTHLY', ?, ?, ?)`);
  const standing = sqlite.prepare(`INSERT INTO "StandingOrder" (id, "producerId", "relationId", version, "effectiveFrom", round, "roundPosition", changes, "createdById", "createdByName", "createdAt") VALUES (?, ?, ?, 1, '2000-01-01', ?, ?, '{}', 'bench', 'Bench', ?)`);
  const day = sqlite.prepare(`INSERT INTO "StandingOrderDay" ("standingOrderId", weekday, lines) VALUES (?, ?, ?)`);
  for (let c = 0; c < CUSTOMERS; c++) {
    const orgId = newId();
    org.run(orgId, `bench-client-${c}`, `Client ${String(c + 1).padStart(4, "0")}`, now, now);
    const relationId = newId();
    relation.run(relationId, aurore, orgId, now, now, now);
    const standingId = newId();
    standing.run(standingId, aurore, relationId, c % 4, c, now);
    for (let weekday = 1; weekday <= 6; weekday++) {
      const lines = Array.from({ length: ITEMS }, (_, i) => ({ formatId: formatIds[(c + i * 2 + weekday) % formatIds.length], quantity: 1 + ((c + i) % 12) }));
      day.run(standingId, weekday, serializeDayLines(lines));
    }
  }
})();
sqlite.close();
log(`${CUSTOMERS} customers × ${ITEMS} items × 6 weekdays of standing orders written in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);

// The first Monday to Saturday at least two days away (no demo data there), and the working day after it.
function nextWorkingDay(from: Date, skip: number): Date {
  const d = new Date(Date.UTC(from.getFullYear(), from.getMonth(), from.getDate() + skip));
  while (d.getUTCDay() === 0) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}
const firstDay = nextWorkingDay(new Date(), 2);
const DATE = firstDay.toISOString().slice(0, 10);
const VALIDATED_DATE = nextWorkingDay(firstDay, 1).toISOString().slice(0, 10);

// ---- 1. Day orders, in this process.
const { getDb } = await import("~/utils/db.server");
const { loadDayOrders } = await import("~/modules/bakery/day-orders.server");
const dayOrderMs: number[] = [];
let dayOrderCount = 0;
let dayLineCount = 0;
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  const day = await loadDayOrders(getDb(), aurore, DATE);
  dayOrderMs.push(performance.now() - started);
  dayOrderCount = day.orders.length;
  dayLineCount = day.orders.reduce((sum, o) => sum + o.lines.length, 0);
}
await getDb().$disconnect();
const sortedDayOrders = [...dayOrderMs].slice(2).sort((a, b) => a - b);
const dayOrders = { median: percentile(sortedDayOrders, 50), p95: percentile(sortedDayOrders, 95), first: dayOrderMs[0] };
log(`day orders of ${DATE}: ${dayOrderCount} orders, ${dayLineCount} lines; median ${dayOrders.median.toFixed(1)} ms, p95 ${dayOrders.p95.toFixed(1)} ms (first ${dayOrders.first.toFixed(0)} ms)`);

// ---- 2. The server as `npm start` serves it, on the same database.
const START_FLAGS = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start
  .split(/\s+/)
  .filter((word) => word.startsWith("--") && word !== "--import");
function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(bundleBenchServer("bench/memory-server.ts"), [], { execArgv: START_FLAGS, env: process.env, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
    child.on("message", (m: { type: string; port?: number }) => m.type === "ready" && resolve({ child, port: m.port! }));
  });
}
const { child, port } = await startServer();
const client = new HttpClient("127.0.0.1", port, 8);
const login = { email: "bruno@aurore.test", password: "comptoir-demo" };
const token = (await client.json("POST", "/api/v1/auth/token", { body: { ...login, organization: "boulangerie-aurore" } })).data.token as string;
const auth = { authorization: `Bearer ${token}` };
const signedIn = await client.request("POST", "/login", { headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(login).toString() });
const cookie = (Array.isArray(signedIn.headers["set-cookie"]) ? signedIn.headers["set-cookie"] : []).map((c) => c.split(";")[0]).join("; ");

type Figure = { label: string; value: string; target: string; met: boolean | null };
const figures: Figure[] = [];
const ms = (value: number) => `${value.toFixed(value < 100 ? 1 : 0)} ms`;
figures.push({ label: `Day orders of a date (loadDayOrders: ${dayOrderCount} orders, ${dayLineCount} lines; in-process, median of ${RUNS - 2})`, value: `${ms(dayOrders.median)} (p95 ${ms(dayOrders.p95)})`, target: "< 300 ms", met: dayOrders.median < 300 });

/** p95 of `RUNS` sequential GETs after `WARMUP` warm-up requests; null when the route answers an error. */
async function timeGet(pathname: string, headers: Record<string, string>): Promise<{ p50: number; p95: number; status: number; bytes: number } | null> {
  const warm = await client.request("GET", pathname, { headers });
  if (warm.status !== 200) {
    log(`GET ${pathname} answered ${warm.status}: ${warm.body.slice(0, 200)}`);
    return null;
  }
  for (let i = 1; i < WARMUP; i++) await client.request("GET", pathname, { headers });
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run < RUNS; run++) {
    const reply = await client.request("GET", pathname, { headers });
    times.push(reply.ms);
    bytes = Buffer.byteLength(reply.body);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), status: 200, bytes };
}
function addTimed(label: string, result: Awaited<ReturnType<typeof timeGet>>, targetMs: number) {
  figures.push(result
    ? { label, value: `p95 ${ms(result.p95)} (median ${ms(result.p50)})`, target: `p95 < ${targetMs} ms`, met: result.p95 < targetMs }
    : { label, value: "the route answered an error (see the log)", target: `p95 < ${targetMs} ms`, met: false });
}

addTimed(`Intake board page of ${DATE} (HTML, signed in)`, await timeGet(`/o/boulangerie-aurore/bakery/intake/${DATE}`, { cookie }), 30);
addTimed(`Intake counters API of ${DATE}`, await timeGet(`/api/v1/intake/${DATE}`, auth), 30);
addTimed(`Production list of ${DATE} (API)`, await timeGet(`/api/v1/production/${DATE}`, auth), 50);

const validation = await client.json<{ ordersCreated?: number }>("POST", `/api/v1/intake/${VALIDATED_DATE}/validate`, { headers: auth, body: {} });
figures.push({
  label: `Validation of ${VALIDATED_DATE} (${CUSTOMERS} day orders become numbered orders, one transaction)`,
  value: validation.status === 200 || validation.status === 201 ? `${(validation.ms / 1000).toFixed(2)} s` : `answered ${validation.status}`,
  target: "< 2 s",
  met: (validation.status === 200 || validation.status === 201) && validation.ms < 2000,
});
if (validation.status >= 300) log(`validation answered ${validation.status}: ${validation.body.slice(0, 300)}`);
addTimed(`Production list of the validated ${VALIDATED_DATE} (API)`, await timeGet(`/api/v1/production/${VALIDATED_DATE}`, auth), 50);
const notes = await client.request("GET", `/api/v1/delivery-notes/${VALIDATED_DATE}/all.pdf`, { headers: auth });
figures.push({
  label: `Every delivery note of ${VALIDATED_DATE} as one PDF (${CUSTOMERS} customers)`,
  value: notes.status === 200 ? `${(notes.ms / 1000).toFixed(1)} s, ${(Buffer.byteLength(notes.body) / 1e6).toFixed(1)} MB` : `answered ${notes.status}`,
  target: "< 15 s",
  met: notes.status === 200 && notes.ms < 15_000,
});
client.close();
child.kill();

const lines = [
  "| Measure | Figure | Target | Met |",
  "| --- | --- | --- | --- |",
  ...figures.map((f) => `| ${f.label} | ${f.value} | ${f.target} | ${f.met === null ? "—" : f.met ? "yes" : "**no**"} |`),
];
console.log(`\n${lines.join("\n")}\n`);
if (!REPORT) process.exit(0);
const section = [
  "<!-- bakery:start -->",
  "## The bakery's morning at scale (`npm run bench:bakery`)",
  "",
  `${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}. The demo data plus Boulangerie Aurore with ${CUSTOMERS} more customers, each with a standing order of ${ITEMS} items Monday to Saturday (60 products in 9 families, every tenth one sliced), written straight into a fresh database under .cache/bench-bakery (set-up, not measured). Day orders are timed in the bench's process; everything else through HTTP against the server as \`npm start\` runs it (bench/memory-server.ts bundled by bench/bundle-server.ts: plain Node, its own process), ${RUNS} sequential requests per route after ${WARMUP} warm-ups (the server in steady state); validation and the all-notes PDF once each, on a date not computed before.`,
  "",
  ...lines,
  "<!-- bakery:end -->",
].join("\n");
const reportFile = path.resolve("docs/benchmarks.md");
const existing = fs.readFileSync(reportFile, "utf8");
const startMark = existing.indexOf("<!-- bakery:start -->");
const endMark = existing.indexOf("<!-- bakery:end -->");
fs.writeFileSync(
  reportFile,
  startMark >= 0 && endMark > startMark
    ? existing.slice(0, startMark) + section + existing.slice(endMark + "<!-- bakery:end -->".length)
    : `${existing.replace(/\s*$/, "")}\n\n${section}\n`,
);
log("docs/benchmarks.md updated");
process.exit(0);
