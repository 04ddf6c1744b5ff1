// Applies prisma/migrations/*/migration.sql in order, at server start and in tests. It records each
// migration in Prisma's own `_prisma_migrations` table, so `prisma migrate status|deploy` agree with it,
// and needs no engine process (start-up stays fast; fresh test databases take milliseconds).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export function sqliteFilePath(databaseUrl: string): string {
  return path.resolve(databaseUrl.replace(/^file:/, "").replace(/\?.*$/, ""));
}

export function migrateDatabase(databaseUrl: string, migrationsDir = path.resolve("prisma/migrations")) {
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
    const applied = new Set(
      sqlite
        .prepare(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
        .all()
        .map((r) => (r as { migration_name: string }).migration_name),
    );
    const names = fs
      .readdirSync(migrationsDir)
      .filter((n) => fs.existsSync(path.join(migrationsDir, n, "migration.sql")))
      .sort();
    const appliedNow: string[] = [];
    for (const name of names) {
      if (applied.has(name)) continue;
      const sql = fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
      const checksum = crypto.createHash("sha256").update(sql).digest("hex");
      sqlite.transaction(() => {
        sqlite.exec(sql);
        sqlite
          .prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
             VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)`,
          )
          .run(crypto.randomUUID(), checksum, name);
      })();
      appliedNow.push(name);
    }
    return { isNew, applied: appliedNow };
  } finally {
    sqlite.close();
  }
}
