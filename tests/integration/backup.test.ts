// Issue 10, backups that lose nothing: `npm run backup -- <file>` copies the database while the server
// takes orders, `npm run restore -- <file>` puts it into a new data directory, and the restored data
// passes `npm run verify-ledger` and holds every order committed before the backup began, with the
// uploaded files.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { createOrderRecords } from "../factories/orders";
import { useTestServer, type TestServer } from "../setup/http";
import { daysFromToday, loadDemo, ordersClient, type Demo, type OrdersClient } from "../setup/orders-api";
import { runTsx } from "../setup/server-process";

let server: TestServer;
let client: OrdersClient;
let demo: Demo;

beforeAll(async () => {
  server = await useTestServer();
  client = ordersClient(server);
  demo = await loadDemo();
});

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs an npm script's command the way `npm run <script> -- <args>` does, with `env`. */
function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const commands: Record<string, string[]> = {
    backup: ["server/jobs/backup.ts", "backup"],
    restore: ["server/jobs/backup.ts", "restore"],
    "verify-ledger": ["server/jobs/verify-ledger.ts"],
  };
  const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
  // The test runs what package.json says, so a script renamed or pointed elsewhere fails here.
  expect(pkg.scripts[script]).toBe(`node --import tsx ${commands[script].join(" ")}`);
  return runTsx([...commands[script], ...args], { env });
}

describe("npm run backup / restore", () => {
  it("copies the database while orders are being written, and the restore into a new data directory loses nothing", async () => {
    const bottle = demo.format("BDP-BLO", "Bouteille 33 cl");
    // A ledger to verify, and an uploaded file that must travel with the database.
    const delivered = await createOrderRecords(getDb(), Array.from({ length: 3 }, () => ({
      sellerId: demo.org["brasserie-du-pont"],
      buyerId: demo.org["epicerie-martin"],
      status: "DELIVERED" as const,
      distribution: "SELF" as const,
      deliveryDate: daysFromToday(-1),
      lines: [{ format: bottle, quantity: 12 }],
    })));
    for (const order of delivered) {
      const { version } = (await client.get("anna", order.id)).body;
      const published = await client.call("anna", "POST", `/api/v1/orders/${order.id}/invoice`, { version });
      expect(published.status, JSON.stringify(published.body)).toBe(201);
    }
    const marc = await client.token("marc");
    const target = (await client.list("marc")).body.orders[0].id as string;
    const upload = new FormData();
    upload.set("body", "Le bon signé");
    upload.set("file", new Blob([new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")], { type: "application/pdf" }), "bon.pdf");
    const posted = await fetch(`${server.baseUrl}/api/v1/orders/${target}/messages`, { method: "POST", headers: { Authorization: `Bearer ${marc}` }, body: upload });
    expect(posted.status).toBe(201);
    const attachment = await getDb().chatAttachment.findFirstOrThrow({ where: { message: { orderId: target } } });

    // Orders are placed all along the backup, by two clients at once.
    const committed: { id: string; at: number }[] = [];
    let writing = true;
    const writer = async () => {
      while (writing) {
        const res = await client.create("marc", { seller: demo.org["brasserie-du-pont"], distribution: "SELF", deliveryDate: daysFromToday(5), lines: [{ formatId: bottle, quantity: 6 }] });
        expect(res.status).toBe(201);
        committed.push({ id: res.body.id, at: Date.now() });
      }
    };
    const writers = [writer(), writer()];
    await new Promise((r) => setTimeout(r, 500));

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "comptoir-backup-"));
    const file = path.join(dir, "nightly", "comptoir.db");
    const backupStartedAt = Date.now();
    const committedBefore = committed.map((c) => c.id);
    const backup = await runScript("backup", [file], process.env);
    const backupEndedAt = Date.now();
    writing = false;
    await Promise.all(writers);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/Backed up the database \(\d+ orders/);
    // Orders really were written while the backup ran.
    expect(committed.filter((c) => c.at > backupStartedAt && c.at < backupEndedAt).length).toBeGreaterThan(0);

    const restoredDir = path.join(dir, "restored-data");
    const { DATABASE_URL: _ignored, ...envWithoutDatabase } = process.env;
    const restoredEnv = { ...envWithoutDatabase, DATA_DIR: restoredDir };
    const restore = await runScript("restore", [file], restoredEnv);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`Restored ${path.join(restoredDir, "comptoir.db")}`);

    const verify = await runScript("verify-ledger", [], restoredEnv);
    expect(verify.stderr + verify.stdout).toMatch(/^OK/);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^OK: [1-9]\d* seller chains?, [1-9]\d* invoices?/);

    const restored = new Database(path.join(restoredDir, "comptoir.db"), { readonly: true });
    const ids = new Set((restored.prepare(`SELECT id FROM "Order"`).all() as { id: string }[]).map((r) => r.id));
    const lines = restored.prepare(`SELECT count(*) AS n FROM "OrderLine" WHERE "orderId" = ?`);
    expect(committedBefore.length).toBeGreaterThan(0);
    expect(committedBefore.filter((id) => !ids.has(id))).toEqual([]);
    for (const id of committedBefore) expect((lines.get(id) as { n: number }).n).toBe(1);
    restored.close();
    // The attachment's bytes came along.
    const original = fs.readFileSync(path.join(process.env.DATA_DIR!, "chat", attachment.storageKey));
    expect(fs.readFileSync(path.join(restoredDir, "chat", attachment.storageKey)).equals(original)).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 90_000);

  it("refuses to restore a file that is not a Comptoir database, or over a running server", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "comptoir-backup-"));
    const junk = path.join(dir, "junk.db");
    fs.writeFileSync(junk, "not a database at all");
    const other = path.join(dir, "other.db");
    new Database(other).exec("CREATE TABLE t (x)").close();
    const { DATABASE_URL: _ignored, ...withoutDatabase } = process.env;
    const empty = { ...withoutDatabase, DATA_DIR: path.join(dir, "target") };
    for (const [file, message] of [[junk, /not a readable SQLite database/], [other, /not a Comptoir database/]] as const) {
      const run = await runScript("restore", [file], empty);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(fs.existsSync(path.join(dir, "target", "comptoir.db"))).toBe(false);
    }

    // This file's server is running: its outbox lease is taken and renewed every few seconds.
    await getDb().jobLease.upsert({ where: { name: "outbox" }, create: { name: "outbox", holder: "live", expiresAt: new Date(Date.now() + 15_000) }, update: { holder: "live", expiresAt: new Date(Date.now() + 15_000) } });
    const file = path.join(dir, "copy.db");
    expect((await runScript("backup", [file], process.env)).code).toBe(0);
    const overLive = await runScript("restore", [file], process.env);
    expect(overLive.code).toBe(1);
    expect(overLive.stderr).toMatch(/A server seems to be running/);
    // The live database is untouched.
    expect(await getDb().order.count()).toBeGreaterThan(0);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
