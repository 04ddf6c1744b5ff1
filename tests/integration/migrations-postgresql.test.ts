// PostgreSQL migrations (prisma/migrations-postgresql, docs/architecture.md "Migrations on both
// databases"), on the machine's PostgreSQL: each test creates its own database and drops it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
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
import { postgresqlCatalog, sqliteCatalog } from "../setup/schema-catalog";

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
});
