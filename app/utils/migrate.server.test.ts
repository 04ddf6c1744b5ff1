import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrateDatabase } from "./migrate.server";

describe("migrations", () => {
  it("creates a new database once, records it like prisma migrate, and is a no-op afterwards", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "comptoir-mig-")), "sub", "db.sqlite");
    const first = await migrateDatabase(`file:${file}`);
    expect(first.isNew).toBe(true);
    expect(first.applied.length).toBeGreaterThan(0);
    const second = await migrateDatabase(`file:${file}`);
    expect(second).toEqual({ isNew: false, applied: [] });
    const sqlite = new Database(file);
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table'").all().map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(["User", "Organization", "Relation", "Product", "ProductFormat", "_prisma_migrations"]));
    const recorded = sqlite.prepare("SELECT migration_name, checksum FROM _prisma_migrations").all();
    expect(recorded).toHaveLength(first.applied.length);
    sqlite.close();
  });
});
