// PostgreSQL migrations (prisma/migrations-postgresql, docs/architecture.md "Migrations on both
// databases"), on the machine's PostgreSQL: each test creates its own database and drops it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrateDatabase, POSTGRESQL_MIGRATIONS_DIR, readMigrations, SQLITE_MIGRATIONS_DIR } from "~/utils/migrate.server";
import {
  diffPostgresqlSchemas,
  generatedPart,
  migrationNames,
  POSTGRESQL_DIR,
  postgresqlSchema,
  readSnapshot,
  SCHEMA_FILE,
  SQLITE_DIR,
} from "../../scripts/postgresql-migration";
import { createTestDatabase, type TestDatabase, withClient } from "../setup/postgresql";
import { type Catalog, postgresqlCatalog, sqliteCatalog } from "../setup/schema-catalog";

const databases: TestDatabase[] = [];
async function freshDatabase() {
  const db = await createTestDatabase();
  databases.push(db);
  return db;
}
afterAll(async () => {
  for (const db of databases) await db.drop();
});

const pgMigrations = readMigrations(path.resolve(POSTGRESQL_MIGRATIONS_DIR));
const modelNames = [...fs.readFileSync(SCHEMA_FILE, "utf8").matchAll(/^model (\w+) \{/gm)].map((m) => m[1]).sort();

async function recorded(url: string) {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    return rows;
  });
}

async function tableNames(url: string) {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    return rows.map((r) => r.name).sort();
  });
}

describe("PostgreSQL migrations", () => {
  it("create every table of schema.prisma on a fresh database, record them as Prisma does, and are a no-op the second time", async () => {
    const db = await freshDatabase();
    const first = await migrateDatabase(db.url);
    expect(first).toEqual({ isNew: true, applied: pgMigrations.map((m) => m.name) });
    expect(await tableNames(db.url)).toEqual([...modelNames, "_prisma_migrations"].sort());
    const rows = await recorded(db.url);
    expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count])).toEqual(pgMigrations.map((m) => [m.name, m.checksum, 1]));
    expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);

    expect(await migrateDatabase(db.url)).toEqual({ isNew: false, applied: [] });
    expect(await recorded(db.url)).toHaveLength(pgMigrations.length);
  });

  it("two instances starting together apply each migration once (the advisory lock)", async () => {
    const db = await freshDatabase();
    const runs = await Promise.all([migrateDatabase(db.url), migrateDatabase(db.url), migrateDatabase(db.url)]);
    expect(runs.flatMap((r) => r.applied).sort()).toEqual(pgMigrations.map((m) => m.name));
    expect(runs.filter((r) => r.isNew)).toHaveLength(1);
    expect((await recorded(db.url)).map((r) => r.migration_name)).toEqual(pgMigrations.map((m) => m.name));
  });

  it("a migration that fails is rolled back whole and not recorded; the next start applies it once fixed", async () => {
    const db = await freshDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "comptoir-pg-mig-"));
    const write = (name: string, sql: string) => {
      fs.mkdirSync(path.join(dir, name), { recursive: true });
      fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
    };
    write("1_first", `CREATE TABLE "A" ("id" TEXT PRIMARY KEY);`);
    write("2_broken", `CREATE TABLE "B" ("id" TEXT PRIMARY KEY);\nINSERT INTO "Missing" VALUES (1);`);
    await expect(migrateDatabase(db.url, dir)).rejects.toThrow(/2_broken failed \(rolled back\).*"Missing"/);
    expect(await tableNames(db.url)).toEqual(["A", "_prisma_migrations"]);
    expect((await recorded(db.url)).map((r) => r.migration_name)).toEqual(["1_first"]);

    write("2_broken", `CREATE TABLE "B" ("id" TEXT PRIMARY KEY);`);
    expect(await migrateDatabase(db.url, dir)).toEqual({ isNew: false, applied: ["2_broken"] });
    expect(await tableNames(db.url)).toEqual(["A", "B", "_prisma_migrations"]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("both histories end at the same migration: from the PostgreSQL baseline on, every SQLite migration has its PostgreSQL twin", () => {
    const sqliteNames = migrationNames(SQLITE_DIR);
    const pgNames = migrationNames(POSTGRESQL_DIR);
    expect(pgNames.length).toBeGreaterThan(0);
    const baseline = sqliteNames.indexOf(pgNames[0]);
    expect(baseline, `the PostgreSQL baseline ${pgNames[0]} is named after a SQLite migration`).toBeGreaterThanOrEqual(0);
    expect(pgNames, "prisma/migrations-postgresql must hold the twin of every SQLite migration after the baseline (npm run db:migration:postgresql)").toEqual(
      sqliteNames.slice(baseline),
    );
  });

  it("the two migration histories describe the same schema (tables, columns, keys, indexes, foreign keys, triggers)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "comptoir-sqlite-mig-"));
    const file = path.join(dir, "db.sqlite");
    await migrateDatabase(`file:${file}`, path.resolve(SQLITE_MIGRATIONS_DIR));
    const sqlite = sqliteCatalog(file);
    fs.rmSync(dir, { recursive: true, force: true });

    const db = await freshDatabase();
    await migrateDatabase(db.url);
    const postgresql = await postgresqlCatalog(db.url);

    expect(Object.keys(sqlite)).toEqual(modelNames);
    expect(Object.keys(postgresql)).toEqual(modelNames);
    for (const table of modelNames) {
      for (const column of [...sqlite[table].columns, ...postgresql[table].columns]) {
        expect(column.family, `${table}.${column.name}`).not.toMatch(/^unknown:/);
      }
      expect(postgresql[table], table).toEqual(sqlite[table]);
    }
  });

  it("every PostgreSQL migration is what the generator writes, and the last one's snapshot is today's schema.prisma", () => {
    const names = migrationNames(POSTGRESQL_DIR);
    expect(readSnapshot(names.at(-1)!), "schema.prisma changed without its PostgreSQL migration: npm run db:migration:postgresql").toBe(
      postgresqlSchema(fs.readFileSync(SCHEMA_FILE, "utf8")),
    );
    let previous: string | null = null;
    for (const name of names) {
      const snapshot = readSnapshot(name);
      const sql = fs.readFileSync(path.join(POSTGRESQL_DIR, name, "migration.sql"), "utf8");
      expect(generatedPart(sql), `${name}/migration.sql (above the hand-written marker)`).toBe(diffPostgresqlSchemas(previous, snapshot).trimEnd());
      previous = snapshot;
    }
  });

  // The hand-written part of the PostgreSQL baseline: same rules as the SQLite history, on both.
  type Sql = { catalog: Catalog; run(sql: string, params?: unknown[]): Promise<void>; close(): Promise<void> };
  async function openSqlite(): Promise<Sql> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "comptoir-sqlite-mig-"));
    const file = path.join(dir, "db.sqlite");
    await migrateDatabase(`file:${file}`, path.resolve(SQLITE_MIGRATIONS_DIR));
    const catalog = sqliteCatalog(file);
    const db = new Database(file);
    return {
      catalog,
      async run(sql, params = []) {
        const values = params.map((v) => (typeof v === "boolean" ? Number(v) : v instanceof Date ? v.toISOString() : v));
        db.prepare(sql.replace(/\$\d+/g, "?")).run(...values);
      },
      async close() {
        db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  async function openPostgresql(): Promise<Sql> {
    const { url } = await freshDatabase();
    await migrateDatabase(url);
    const catalog = await postgresqlCatalog(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      catalog,
      async run(sql, params = []) {
        await client.query(sql, params);
      },
      close: () => client.end(),
    };
  }
  let counter = 0;
  /** Inserts a row with every NOT NULL column filled (`values` first; the referenced rows must be given). */
  async function insert(db: Sql, table: string, values: Record<string, unknown>): Promise<string> {
    const row: Record<string, unknown> = { ...values };
    for (const column of db.catalog[table].columns) {
      if (column.nullable || column.name in row) continue;
      if (db.catalog[table].foreignKeys.some((fk) => fk.columns.includes(column.name))) throw new Error(`${table}.${column.name}: give the referenced row`);
      counter += 1;
      row[column.name] =
        column.family === "text" ? `${table}-${column.name}-${counter}` : column.family === "boolean" ? false : column.family === "timestamp" ? new Date(Date.UTC(2026, 0, 1)) : column.family === "json" ? "{}" : counter;
    }
    const columns = Object.keys(row);
    await db.run(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})`,
      Object.values(row),
    );
    return row.id as string;
  }

  it.each([
    ["SQLite", openSqlite],
    ["PostgreSQL", openPostgresql],
  ])("on %s, an invoiced order, its lines and a published invoice are frozen, and an order has one live invoice", async (_, open) => {
    const db = await open();
    try {
      const seller = await insert(db, "Organization", {});
      const buyer = await insert(db, "Organization", {});
      const user = await insert(db, "User", {});
      const relation = await insert(db, "Relation", { producerId: seller, partnerId: buyer });
      const order = await insert(db, "Order", { sellerId: seller, buyerId: buyer, relationId: relation, createdById: user, status: "DELIVERED" });
      const orderLine = { orderId: order };
      await insert(db, "OrderLine", orderLine);
      await db.run(`UPDATE "Order" SET "note" = $1 WHERE "id" = $2`, ["before the invoice", order]);
      const invoice = { sellerId: seller, buyerId: buyer, orderId: order, status: "ISSUED" };
      const first = await insert(db, "Invoice", invoice);
      await db.run(`UPDATE "Order" SET "status" = 'INVOICED' WHERE "id" = $1`, [order]);

      await expect(db.run(`UPDATE "Order" SET "note" = $1 WHERE "id" = $2`, ["after", order])).rejects.toThrow(/frozen: the order is invoiced/);
      await expect(db.run(`UPDATE "Order" SET "status" = 'CANCELLED' WHERE "id" = $1`, [order])).rejects.toThrow(/frozen: the order is invoiced/);
      await expect(insert(db, "OrderLine", orderLine)).rejects.toThrow(/frozen: the lines of an invoiced order do not change/);
      await expect(db.run(`UPDATE "OrderLine" SET "orderId" = "orderId" WHERE "orderId" = $1`, [order])).rejects.toThrow(/frozen: the lines/);
      await expect(db.run(`DELETE FROM "OrderLine" WHERE "orderId" = $1`, [order])).rejects.toThrow(/frozen: the lines/);
      await db.run(`UPDATE "Order" SET "status" = 'PAID' WHERE "id" = $1`, [order]);

      await expect(db.run(`UPDATE "Invoice" SET "number" = 'F-other' WHERE "id" = $1`, [first])).rejects.toThrow(/frozen: a published invoice does not change/);
      await expect(db.run(`DELETE FROM "Invoice" WHERE "id" = $1`, [first])).rejects.toThrow(/frozen: a published invoice is never deleted/);
      await db.run(`UPDATE "Invoice" SET "balanceCents" = 0 WHERE "id" = $1`, [first]);
      await expect(insert(db, "Invoice", invoice)).rejects.toThrow(/UNIQUE constraint failed: Invoice.orderId|"Invoice_orderId_live_key"/);
      await db.run(`UPDATE "Invoice" SET "status" = 'CANCELLED' WHERE "id" = $1`, [first]);
      await insert(db, "Invoice", invoice);
    } finally {
      await db.close();
    }
  });
});
