// `npm run backup -- <file>` and `npm run restore -- <file>`: a consistent copy of the SQLite database
// taken while the server runs, with the uploaded files beside it, and putting one back.
//
// The backup is SQLite's online backup API (better-sqlite3's `db.backup()`) on a connection of its own,
// copying every page in one step: one read transaction, so the copy is the database as it was at one
// instant (every transaction committed before it, none after), and in WAL mode (the server's) it blocks
// no writer. The copy is then checked (integrity_check) and made a standalone file (journal_mode
// DELETE). Uploaded documents and chat attachments are copied after the database, into `<file>.files/`:
// a file is written before the row that names it commits, so every file the copy knows is already on
// disk then (files uploaded meanwhile come along too, unreferenced and harmless).
//
// Restore refuses a file that is not a sound Comptoir database, and refuses to run beside a live server
// (one renews its job leases every few seconds; `--force` overrides). It keeps the database it replaces
// as `<database>.before-restore`, removes the stale -wal/-shm files (a WAL left next to another database
// would be replayed into it), moves the copy into place with one rename, and copies the files back.
// Both read DATA_DIR / DATABASE_URL like the server (app/utils/env.server.ts).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { ConfigError, getEnv } from "~/utils/env.server";
import { sqliteFilePath } from "~/utils/migrate.server";

/** Folders of DATA_DIR holding uploads (order documents, chat attachments): a backup without them loses files. */
export const UPLOAD_DIRS = ["documents", "chat"] as const;
/** Signs the session cookies: restored with the data, the sessions of the backup stay valid. */
const SESSION_SECRET_FILE = "session-secret";
/** A server renews its leases (the outbox's every 2 s): one renewed this recently means it is running. */
const LIVE_SERVER_WINDOW_MS = 20_000;
/** Tables that make a SQLite file a Comptoir database. */
const REQUIRED_TABLES = ["_prisma_migrations", "Organization", "Order", "Invoice", "JobLease"];

export type BackupReport = { file: string; filesDir: string; bytes: number; orders: number; files: number; ms: number };
export type RestoreReport = { database: string; previous: string | null; removed: string[]; files: number; orders: number };

export class BackupError extends Error {}

function filesDirOf(file: string): string {
  return `${file}.files`;
}

function countFiles(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
}

/** Opens `file` read-only and checks it is a sound Comptoir database; returns its order count. */
export function checkComptoirDatabase(file: string): number {
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} is not a SQLite database (${(error as Error).message})`);
  }
  try {
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length) throw new BackupError(`${file} is not a Comptoir database (no table ${missing.join(", ")})`);
    const check = db.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new BackupError(`${file} fails SQLite's integrity check: ${String(check)}`);
    return (db.prepare(`SELECT count(*) AS n FROM "Order"`).get() as { n: number }).n;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a readable SQLite database (${(error as Error).message})`);
  } finally {
    db.close();
  }
}

export async function backupDatabase(target: string, options: { force?: boolean } = {}): Promise<BackupReport> {
  const started = Date.now();
  const env = getEnv();
  const source = sqliteFilePath(env.databaseUrl);
  const file = path.resolve(target);
  const filesDir = filesDirOf(file);
  if (!fs.existsSync(source)) throw new BackupError(`No database at ${source} (DATABASE_URL / DATA_DIR)`);
  if (file === source) throw new BackupError("The backup file cannot be the database itself");
  if (!options.force && (fs.existsSync(file) || fs.existsSync(filesDir))) throw new BackupError(`${file} already exists (pass --force to replace it)`);
  fs.mkdirSync(path.dirname(file), { recursive: true });

  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 10000");
    // After the first (empty) step, the rest in one step: one read transaction, one instant.
    await db.backup(partial, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  const copy = new Database(partial);
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  const orders = checkComptoirDatabase(partial);
  fs.renameSync(partial, file);

  fs.rmSync(filesDir, { recursive: true, force: true });
  fs.mkdirSync(filesDir, { recursive: true });
  for (const dir of UPLOAD_DIRS) {
    const from = path.join(env.dataDir, dir);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(filesDir, dir), { recursive: true });
  }
  const secret = path.join(env.dataDir, SESSION_SECRET_FILE);
  if (fs.existsSync(secret)) fs.copyFileSync(secret, path.join(filesDir, SESSION_SECRET_FILE));
  return { file, filesDir, bytes: fs.statSync(file).size, orders, files: countFiles(filesDir) - (fs.existsSync(secret) ? 1 : 0), ms: Date.now() - started };
}

/** Seconds since a job lease of the database was last taken or renewed, or null when none ever was. */
function lastLeaseActivityMs(database: string): number | null {
  if (!fs.existsSync(database)) return null;
  const db = new Database(database, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare(`SELECT max("updatedAt") AS at FROM "JobLease"`).get() as { at: number | string | null } | undefined;
    if (!row?.at) return null;
    const at = typeof row.at === "number" ? row.at : Date.parse(row.at);
    return Number.isFinite(at) ? Date.now() - at : null;
  } catch {
    return null; // not a Comptoir database yet: nothing runs on it
  } finally {
    db.close();
  }
}

export async function restoreDatabase(source: string, options: { force?: boolean } = {}): Promise<RestoreReport> {
  const env = getEnv();
  const file = path.resolve(source);
  const orders = checkComptoirDatabase(file);
  const database = sqliteFilePath(env.databaseUrl);
  const since = lastLeaseActivityMs(database);
  if (!options.force && since !== null && since < LIVE_SERVER_WINDOW_MS) {
    throw new BackupError(
      `A server seems to be running on ${database} (its job leases were renewed ${Math.round(since / 1000)} s ago): stop every instance first, or pass --force`,
    );
  }
  fs.mkdirSync(path.dirname(database), { recursive: true });

  // Copied next to its destination first, so that the final step is one rename on the same disk.
  const incoming = `${database}.restoring`;
  fs.copyFileSync(file, incoming);
  const fd = fs.openSync(incoming, "r+");
  fs.fsyncSync(fd);
  fs.closeSync(fd);

  let previous: string | null = null;
  if (fs.existsSync(database)) {
    // Fold the old database's WAL into it so that the kept copy is whole on its own.
    const old = new Database(database);
    try {
      old.pragma("wal_checkpoint(TRUNCATE)");
      old.pragma("journal_mode = DELETE");
    } finally {
      old.close();
    }
    previous = `${database}.before-restore`;
    fs.renameSync(database, previous);
  }
  const removed: string[] = [];
  for (const suffix of ["-wal", "-shm", "-journal"]) {
    if (fs.existsSync(database + suffix)) {
      fs.rmSync(database + suffix);
      removed.push(database + suffix);
    }
  }
  fs.renameSync(incoming, database);

  const filesDir = filesDirOf(file);
  let files = 0;
  for (const dir of UPLOAD_DIRS) {
    const from = path.join(filesDir, dir);
    if (!fs.existsSync(from)) continue;
    fs.cpSync(from, path.join(env.dataDir, dir), { recursive: true, force: true });
    files += countFiles(from);
  }
  const secret = path.join(filesDir, SESSION_SECRET_FILE);
  if (fs.existsSync(secret)) fs.copyFileSync(secret, path.join(env.dataDir, SESSION_SECRET_FILE));
  return { database, previous, removed, files, orders };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const force = rest.includes("--force");
  const target = rest.find((arg) => !arg.startsWith("--"));
  if ((command !== "backup" && command !== "restore") || !target) {
    console.error("Usage: npm run backup -- <file> [--force]   |   npm run restore -- <file> [--force]");
    return 2;
  }
  try {
    if (command === "backup") {
      const r = await backupDatabase(target, { force });
      console.log(`Backed up the database (${r.orders} orders, ${megabytes(r.bytes)}) to ${r.file} and ${r.files} uploaded files to ${r.filesDir}/ in ${r.ms} ms.`);
    } else {
      const r = await restoreDatabase(target, { force });
      console.log(`Restored ${r.database} (${r.orders} orders) from ${path.resolve(target)}.`);
      if (r.previous) console.log(`The database it replaced is kept as ${r.previous}.`);
      if (r.removed.length) console.log(`Removed the stale ${r.removed.map((f) => path.basename(f)).join(", ")}.`);
      console.log(`Copied ${r.files} uploaded files into ${getEnv().dataDir}.`);
    }
    return 0;
  } catch (error) {
    if (error instanceof BackupError || error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exit(await main(process.argv.slice(2)));
}
