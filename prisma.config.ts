// Prisma CLI configuration: driver-adapter mode, so no engine binary is ever downloaded.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

import fs from "node:fs";

process.env.DATABASE_URL ??= "file:./data/comptoir.db";
fs.mkdirSync(path.dirname(process.env.DATABASE_URL.replace(/^file:/, "")), { recursive: true });
const url = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url });
  },
});
