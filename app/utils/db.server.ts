// The one database connection of the process: Prisma (driver-adapter mode over better-sqlite3) and,
// for the hot write paths, the same better-sqlite3 connection used directly with prepared statements.
//
// SQLite has one writer at a time and the adapter has one connection, so transactions are serialized
// by one lock (`writeLock`), shared by Prisma's interactive transactions and `writeTransaction`.
// Because there is one connection, a raw statement run while a transaction is open on it belongs to
// that transaction: code inside `db.$transaction(async (tx) => …)` may call the raw helpers that take
// `sqlite()` and stays atomic with its Prisma writes.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";
import type BetterSqlite3 from "better-sqlite3";
import { getEnv } from "./env.server";

export type Db = PrismaClient;
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
export type Sqlite = BetterSqlite3.Database;

/** A FIFO lock: `acquire` resolves with the function that releases it. */
class Lock {
  #tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return acquired;
  }
}

type Connection = { prisma: PrismaClient; sqlite: Sqlite | null; writeLock: Lock };
/** Sees every run of a raw statement: the benchmark's profiler (bench/server.ts). */
export type StatementObserver = (sql: string, args: unknown[], ms: number) => void;
// On globalThis: the Remix build bundles its own copy of this module, and both must share the connection.
const globalForDb = globalThis as unknown as {
  __comptoirDb?: PrismaClient;
  __comptoirConnection?: Connection;
  __comptoirStatementObserver?: StatementObserver;
};

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type AdapterTx = Awaited<ReturnType<Adapter["startTransaction"]>>;

/**
 * The adapter factory of a connection: Prisma's, with its transactions taking the connection's write
 * lock, and the raw connection kept for `sqlite()`.
 */
export function connectionAdapter(databaseUrl: string, connection: Pick<Connection, "sqlite" | "writeLock">): PrismaBetterSQLite3 {
  const factory = new PrismaBetterSQLite3({ url: databaseUrl, timeout: 10_000 });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    connection.sqlite = (adapter as unknown as { client: Sqlite }).client;
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (...args: Parameters<Adapter["startTransaction"]>): Promise<AdapterTx> => {
      const release = await connection.writeLock.acquire();
      try {
        const tx = await startTransaction(...args);
        const commit = tx.commit.bind(tx);
        const rollback = tx.rollback.bind(tx);
        tx.commit = () => commit().finally(release);
        tx.rollback = () => rollback().finally(release);
        return tx;
      } catch (error) {
        release();
        throw error;
      }
    };
    return adapter;
  };
  return factory;
}

export function createDb(databaseUrl: string): PrismaClient {
  const connection: Connection = { prisma: null as unknown as PrismaClient, sqlite: null, writeLock: new Lock() };
  connection.prisma = new PrismaClient({ adapter: connectionAdapter(databaseUrl, connection) });
  globalForDb.__comptoirConnection = connection;
  return connection.prisma;
}

/** A client made elsewhere (the benchmark's instrumented one) becomes the process's. */
export function useDb(prisma: PrismaClient, connectionOf: Pick<Connection, "sqlite" | "writeLock">): void {
  globalForDb.__comptoirDb = prisma;
  globalForDb.__comptoirConnection = Object.assign(connectionOf, { prisma });
}

export function newWriteLock(): Lock {
  return new Lock();
}

export function getDb(): PrismaClient {
  globalForDb.__comptoirDb ??= createDb(getEnv().databaseUrl);
  return globalForDb.__comptoirDb;
}

function connection(): Connection {
  getDb();
  const current = globalForDb.__comptoirConnection;
  if (!current) throw new Error("No database connection");
  return current;
}

/**
 * The raw connection, once Prisma has connected. Inside a Prisma transaction, statements run on it
 * belong to that transaction (see the top of this file).
 */
export async function connectDb(): Promise<Sqlite> {
  const current = connection();
  if (!current.sqlite) await current.prisma.$connect();
  if (!current.sqlite) throw new Error("The database connection did not open");
  return current.sqlite;
}

type QueuedWork = { work: (db: Sqlite) => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void };
const writeQueue: QueuedWork[] = [];
let flushScheduled = false;

/**
 * Runs `work` synchronously on the raw connection, atomically: all of it commits, or none of it.
 *
 * Group commit: the works queued while the connection is busy (the same tick, or a Prisma transaction
 * in progress) run in one IMMEDIATE transaction, each inside its own savepoint — a work that throws
 * is rolled back alone and its caller gets the error. Every promise settles after the COMMIT, so an
 * answer is never sent for data that is not durable; one commit (one fsync) serves them all.
 */
export function writeTransaction<T>(work: (db: Sqlite) => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    writeQueue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(() => void flushWrites());
    }
  });
}

async function flushWrites(): Promise<void> {
  let release: (() => void) | null = null;
  let batch: QueuedWork[] = [];
  try {
    const db = await connectDb();
    release = await connection().writeLock.acquire();
    batch = writeQueue.splice(0);
    flushScheduled = false;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    statement(db, "BEGIN IMMEDIATE").run();
    try {
      for (const item of batch) {
        statement(db, "SAVEPOINT queued_work").run();
        try {
          outcomes.push({ ok: true, value: item.work(db) });
        } catch (error) {
          statement(db, "ROLLBACK TO queued_work").run();
          outcomes.push({ ok: false, error });
        }
        statement(db, "RELEASE queued_work").run();
      }
      statement(db, "COMMIT").run();
    } catch (error) {
      if (db.inTransaction) statement(db, "ROLLBACK").run();
      throw error;
    }
    release();
    release = null;
    outcomes.forEach((outcome, i) => (outcome.ok ? batch[i].resolve(outcome.value) : batch[i].reject(outcome.error)));
  } catch (error) {
    release?.();
    flushScheduled = false;
    for (const item of batch.length ? batch : writeQueue.splice(0)) item.reject(error);
  }
}

const statements = new WeakMap<Sqlite, Map<string, BetterSqlite3.Statement>>();

/**
 * A prepared statement of the raw connection, prepared once. Integers come back as numbers (the
 * adapter's connection returns BigInts by default; our integers fit in 2^53).
 */
export function statement(db: Sqlite, sql: string): BetterSqlite3.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    if (prepared.reader) prepared.safeIntegers(false);
    const observer = globalForDb.__comptoirStatementObserver;
    if (observer) observeRuns(prepared, sql, observer);
    cache.set(sql, prepared);
  }
  return prepared;
}

/** Times the statements prepared from now on (set it before the first request). */
export function observeStatements(observer: StatementObserver): void {
  globalForDb.__comptoirStatementObserver = observer;
}

function observeRuns(prepared: BetterSqlite3.Statement, sql: string, observer: StatementObserver): void {
  for (const method of ["run", "get", "all"] as const) {
    const run = prepared[method].bind(prepared) as (...args: unknown[]) => unknown;
    Object.defineProperty(prepared, method, {
      value: (...args: unknown[]) => {
        const started = performance.now();
        try {
          return run(...args);
        } finally {
          observer(sql, args, performance.now() - started);
        }
      },
    });
  }
}

/** A timestamp as Prisma stores DateTime columns on SQLite. */
export function sqlTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getDb() as unknown as Record<string | symbol, unknown>;
    const value = client[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});
