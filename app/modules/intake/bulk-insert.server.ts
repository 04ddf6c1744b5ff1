// Many rows at once: multi-row INSERTs in standard SQL (prepared once per chunk size) on the process's
// one database connection, inside the caller's Prisma transaction (app/utils/db.server.ts: a statement
// run on the raw connection while a transaction is open belongs to it, as recordOrderEvent and
// nextSellerSequence do). The 60,000 lines of a validated day of 2,000 orders take ~0.35 s this way;
// Prisma's createMany through the SQLite adapter took ~0.4 ms a row (24 s), its multi-row $executeRaw
// ~25 µs a row, one prepared single-row INSERT ~15 µs. Table and column names are the callers' constants.
import { connectDb, sqlTimestamp, statement, type Tx } from "~/utils/db.server";

/** Bound parameters per statement (SQLite allows 32,766 since 3.32; PostgreSQL 65,535). */
const MAX_PARAMETERS = 2_400;

export type SqlValue = string | number | boolean | Date | null;

/** A value as the raw connection stores it: timestamps as Prisma writes them, booleans as integers. */
function stored(value: SqlValue): string | number | null {
  if (value instanceof Date) return sqlTimestamp(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

export async function insertRows<C extends string>(_tx: Tx, table: string, columns: readonly C[], rows: readonly Record<C, SqlValue>[]): Promise<void> {
  if (rows.length === 0) return;
  const db = await connectDb();
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    const values: (string | number | null)[] = [];
    for (const row of chunk) for (const c of columns) values.push(stored(row[c]));
    statement(db, head + Array(chunk.length).fill(tuple).join(", ")).run(...values);
  }
}
