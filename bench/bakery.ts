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
//    `npm start` serves it (bench/memory-server.ts, its own process) for the pages, the API and the PDFs.
// Options: --customers=<n>, --items=<n>, --runs=<n>, --no-report (print only).
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { HttpClient, percentile } from "./http-client";

const option = (name: string, fallback: number) => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? Number(arg.split("=")[1]) : fallback;
};
const CUSTOMERS = option("customers", 2000);
const ITEMS = option("items", 30);
const RUNS = option("runs", 20);
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
migrateDatabase(process.env.DATABASE_URL);
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

// The next Monday to Saturday that is at least two days away, and the one after it.
function nextWorkingDay(from: Date, skip: number): string {
  const d = new Date(Date.UTC(from.getFullYear(), from.getMonth(), from.getDate() + skip));
  while (d.getUTCDay() === 0) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
const DATE = nextWorkingDay(new Date(), 2);
const VALIDATED_DATE = nextWorkingDay(new Date(), 3);

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

export type BakeryBenchContext = { aurore: string; date: string; validatedDate: string; customers: number; items: number };
export { DATE, VALIDATED_DATE, aurore, CUSTOMERS, ITEMS, RUNS, REPORT, root, dbFile, log, startedAt, dayOrders, dayOrderCount, dayLineCount };
export type { ChildProcess };
export { fork, os, HttpClient };
