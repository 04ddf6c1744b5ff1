// `node --import tsx bench/memory-latency.ts [--node-flags=...]`: the hot paths the memory work
// touched, alone (no other load): the list API (`GET /api/v1/orders?limit=50`) and the order list
// page (`/o/brasserie-du-pont/orders`, HTML) with 1 and 8 clients, and an invoice PDF download, first (drawn) and again (read from its file). Same server as
// `npm run bench:memory` (bench/memory-server.ts, npm start's node flags, demo data). Prints a
// Markdown table; docs/benchmarks.md quotes it by hand (before/after a change).
import { fork } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { bundleBenchServer } from "./bundle-server";
import { HttpClient, runLoad, summarize } from "./http-client";

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split("=").slice(1).join("=");
const START_FLAGS = (option("node-flags") ?? (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start)
  .split(/\s+/)
  .filter((word) => word.startsWith("--") && word !== "--import");

const dataDir = path.resolve(".cache/bench-memory-latency/data");
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });
const dbFile = path.join(dataDir, "comptoir.db");
process.env.NODE_ENV = "production";
process.env.DATA_DIR = dataDir;
process.env.DATABASE_URL = `file:${dbFile}`;
process.env.APP_URL = "http://localhost:3000";
for (const v of ["SMTP_URL", "REDIS_URL", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "PORT"]) delete process.env[v];
const { migrateDatabase } = await import("~/utils/migrate.server");
await migrateDatabase(process.env.DATABASE_URL);
const { seedDemo } = await import("../prisma/seed");
await seedDemo();
const { getDb } = await import("~/utils/db.server");
await getDb().$disconnect();

const child = fork(bundleBenchServer("bench/memory-server.ts"), [], { execArgv: [...START_FLAGS, "--expose-gc"], env: process.env, stdio: ["ignore", "ignore", "inherit", "ipc"] });
const port = await new Promise<number>((resolve) => child.on("message", (m: { type: string; port?: number }) => m.type === "ready" && resolve(m.port!)));
const client = new HttpClient("127.0.0.1", port, 16);
const token = (await client.json("POST", "/api/v1/auth/token", { body: { email: "alice@brasserie.test", password: "comptoir-demo", organization: "brasserie-du-pont" } })).data.token as string;
const auth = { authorization: `Bearer ${token}` };
const login = await client.request("POST", "/login", {
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({ email: "alice@brasserie.test", password: "comptoir-demo" }).toString(),
});
const cookie = (Array.isArray(login.headers["set-cookie"]) ? login.headers["set-cookie"] : []).map((c) => c.split(";")[0]).join("; ");

const sqlite = new Database(dbFile, { readonly: true });
const brasserie = (sqlite.prepare(`SELECT id FROM "Organization" WHERE slug = 'brasserie-du-pont'`).get() as { id: string }).id;
const delivered = sqlite.prepare(`SELECT id, version FROM "Order" WHERE "sellerId" = ? AND status = 'DELIVERED' LIMIT 30`).all(brasserie) as { id: string; version: number }[];
const invoiceIds: string[] = [];
for (const order of delivered) {
  const reply = await client.json("POST", `/api/v1/orders/${order.id}/invoice`, { headers: auth, body: { version: order.version } });
  const id = (reply.data as { data?: { id?: string }; id?: string }).data?.id ?? (reply.data as { id?: string }).id;
  if (id) invoiceIds.push(id);
}
if (!invoiceIds.length) invoiceIds.push(...(sqlite.prepare(`SELECT id FROM "Invoice" WHERE "sellerId" = ?`).all(brasserie) as { id: string }[]).map((r) => r.id));
sqlite.close();
// Publishing draws nothing; the PDFs are drawn on their first download below. Let the server settle.
await new Promise((r) => setTimeout(r, 3_000));

const rows: string[] = [];
const row = (name: string, s: ReturnType<typeof summarize>) => rows.push(`| ${name} | ${s.count} | ${s.p50.toFixed(1)} ms | ${s.p95.toFixed(1)} ms |`);
const list = async () => {
  const r = await client.request("GET", "/api/v1/orders?limit=50", { headers: auth });
  return { ok: r.status === 200, ms: r.ms };
};
const listPage = async () => {
  const r = await client.request("GET", "/o/brasserie-du-pont/orders", { headers: { cookie } });
  return { ok: r.status === 200, ms: r.ms };
};
for (const [name, request] of [["list API", list], ["order list page (HTML)", listPage]] as const) {
  for (const concurrency of [1, 8]) {
    const { stats } = await runLoad({ concurrency, durationMs: 8_000, warmup: 20 }, request);
    row(`${name}, ${concurrency} client${concurrency > 1 ? "s" : ""}`, stats);
  }
}
const timed = async (ids: string[]) => {
  const ms: number[] = [];
  for (const id of ids) {
    const r = await client.request("GET", `/api/v1/invoices/${id}/invoice.pdf`, { headers: auth });
    if (r.status !== 200) throw new Error(`invoice PDF ${r.status}`);
    ms.push(r.ms);
  }
  return summarize(ms, 0, 1);
};
const firstPdf = await client.request("GET", `/api/v1/invoices/${invoiceIds[0]}/invoice.pdf`, { headers: auth });
rows.push(`| invoice PDF, the process's first (loads React PDF) | 1 | ${firstPdf.ms.toFixed(1)} ms | |`);
row("invoice PDF, first download (drawn)", await timed(invoiceIds.slice(1)));
row("invoice PDF, again (read from its file)", await timed(invoiceIds.slice(1)));
child.kill();
console.log(`server flags: ${START_FLAGS.join(" ") || "(none)"}\n\n| request, alone | count | p50 | p95 |\n| --- | ---: | ---: | ---: |\n${rows.join("\n")}`);
process.exit(0);
