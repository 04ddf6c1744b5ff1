// Applies the migrations of the database that DATABASE_URL names, in order, at server start and in
// tests: prisma/migrations/*/migration.sql on SQLite (`file:`), prisma/migrations-postgresql/*/migration.sql
// on PostgreSQL (`postgres://`, `postgresql://`). Each migration is recorded in Prisma's own
// `_prisma_migrations` table, so `prisma migrate status` agrees with it, and no engine process is needed
// (start-up stays fast; fresh test databases take milliseconds). What differs per database lives in
// app/utils/migrate/.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { openSqliteTarget } from "./migrate/sqlite.server";
import type { Migration, OpenMigrationTarget } from "./migrate/types";

export { sqliteFilePath } from "./migrate/sqlite.server";

export const SQLITE_MIGRATIONS_DIR = "prisma/migrations";
export const POSTGRESQL_MIGRATIONS_DIR = "prisma/migrations-postgresql";

export function isPostgresqlUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//.test(databaseUrl);
}

export type MigrationResult = { isNew: boolean; applied: string[] };

/** The migrations of a folder, by name: each sub-folder holding a migration.sql. */
export function readMigrations(migrationsDir: string): Migration[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((name) => fs.existsSync(path.join(migrationsDir, name, "migration.sql")))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

export async function migrateDatabase(databaseUrl: string, migrationsDir?: string): Promise<MigrationResult> {
  const postgresql = isPostgresqlUrl(databaseUrl);
  const migrations = readMigrations(path.resolve(migrationsDir ?? (postgresql ? POSTGRESQL_MIGRATIONS_DIR : SQLITE_MIGRATIONS_DIR)));
  // `pg` is loaded only for PostgreSQL: a SQLite start does not pay for it.
  const open: OpenMigrationTarget = postgresql ? (await import("./migrate/postgresql.server")).openPostgresqlTarget : openSqliteTarget;
  const target = await open(databaseUrl);
  try {
    const applied = await target.appliedNames();
    const appliedNow: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.name)) continue;
      await target.apply(migration);
      appliedNow.push(migration.name);
    }
    return { isNew: target.isNew, applied: appliedNow };
  } finally {
    await target.close();
  }
}
