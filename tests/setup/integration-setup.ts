// Each test file (forks pool: one process per file) gets its own data directory and SQLite file,
// migrated and seeded with the demo data before anything reads the configuration.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "comptoir-test-"));
process.env.NODE_ENV = "test";
process.env.DATA_DIR = dir;
process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
process.env.APP_URL = "http://localhost:3000";
// One JSON line per request would bury the test output (tests/integration/robustness-http.test.ts reads them).
process.env.LOG_LEVEL = "silent";
delete process.env.SMTP_URL;
delete process.env.REDIS_URL;
delete process.env.STRIPE_SECRET_KEY;
delete process.env.STRIPE_WEBHOOK_SECRET;

const { migrateDatabase } = await import("~/utils/migrate.server");
const { seedDemo } = await import("../../prisma/seed");
await migrateDatabase(process.env.DATABASE_URL);
await seedDemo();

afterAll(async () => {
  const { getDb } = await import("~/utils/db.server");
  await getDb().$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});
