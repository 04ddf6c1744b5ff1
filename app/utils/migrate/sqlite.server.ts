// SQLite: one file, opened with better-sqlite3. Each migration runs in a better-sqlite3 transaction,
// whose write lock (with busy_timeout) is what serialises two processes.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { MigrationTarget, OpenMigrationTarget } from "./types";

export function sqliteFilePath(databaseUrl: string): string {
  return path.resolve(databaseUrl.replace(/^file:/, "").replace(/\?.*$/, ""));
}

export const openSqliteTarget: OpenMigrationTarget = async (databaseUrl) => {
  const file = sqliteFilePath(databaseUrl);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const isNew = !fs.existsSync(file) || fs.statSync(file).size === 0;
  const sqlite = new Database(file);
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("busy_timeout = 10000");
    sqlite.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const record = sqlite.prepare(
    `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
     VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)`,
  );
  const target: MigrationTarget = {
    isNew,
    async appliedNames() {
      return new Set(
        sqlite
          .prepare(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
          .all()
          .map((r) => (r as { migration_name: string }).migration_name),
      );
    },
    async apply({ name, sql, checksum }) {
      sqlite.transaction(() => {
        sqlite.exec(sql);
        record.run(crypto.randomUUID(), checksum, name);
      })();
    },
    async close() {
      sqlite.close();
    },
  };
  return target;
};
