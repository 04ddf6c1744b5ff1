// The one Prisma client of the process (driver-adapter mode over better-sqlite3).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";
import { getEnv } from "./env.server";

export type Db = PrismaClient;
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const globalForDb = globalThis as unknown as { __comptoirDb?: PrismaClient };

export function createDb(databaseUrl: string): PrismaClient {
  const adapter = new PrismaBetterSQLite3({ url: databaseUrl, timeout: 10_000 });
  return new PrismaClient({ adapter });
}

export function getDb(): PrismaClient {
  globalForDb.__comptoirDb ??= createDb(getEnv().databaseUrl);
  return globalForDb.__comptoirDb;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getDb() as unknown as Record<string | symbol, unknown>;
    const value = client[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});
