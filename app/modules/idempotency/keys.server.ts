// Idempotency-Key (../shared/api.md): a retried creation with the same key returns the first record
// instead of writing a second one — orders, credit notes and payments (an ERP's retry, an
// accountant's double click). A key belongs to the acting organization and a kind of record; it is
// looked up and written inside the transaction that creates the record, and transactions are
// serialized (app/utils/db.server.ts), so concurrent retries make one record.
import { z } from "zod";
import { sqlTimestamp, statement, type Sqlite, type Tx } from "~/utils/db.server";
import { validationError } from "~/utils/errors";

export const IDEMPOTENT_KINDS = ["ORDER", "CREDIT_NOTE", "PAYMENT"] as const;
export type IdempotentKind = (typeof IDEMPOTENT_KINDS)[number];

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
export const idempotencyKeySchema = z.string().trim().min(1).max(255);

/** The key of a request (absent: none), or 400 naming the header (blank or over-long). */
export function parseIdempotencyKey(value: string | null | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = idempotencyKeySchema.safeParse(value);
  if (!parsed.success) throw validationError({ [IDEMPOTENCY_HEADER]: "field.invalid" });
  return parsed.data;
}

/** 400 naming the header: the key was used for another request (another invoice). */
export function keyReusedElsewhere(): never {
  throw validationError({ [IDEMPOTENCY_HEADER]: "invoices.error.keyReused" });
}

type Scope = { orgId: string; kind: IdempotentKind; key: string };

/** The record a key already made, in a Prisma transaction. */
export async function findKeyedRecord(tx: Tx, scope: Scope): Promise<string | null> {
  const row = await tx.idempotencyKey.findUnique({ where: { orgId_kind_key: scope }, select: { recordId: true } });
  return row?.recordId ?? null;
}

export async function rememberKey(tx: Tx, scope: Scope & { userId: string; recordId: string }): Promise<void> {
  await tx.idempotencyKey.create({ data: scope });
}

/** The same two, on the raw connection (the order placement's prepared statements). */
export function findKeyedRecordSync(db: Sqlite, scope: Scope): string | null {
  const row = statement(db, `SELECT "recordId" FROM "IdempotencyKey" WHERE "orgId" = ? AND "kind" = ? AND "key" = ?`).get(scope.orgId, scope.kind, scope.key) as
    | { recordId: string }
    | undefined;
  return row?.recordId ?? null;
}

export function rememberKeySync(db: Sqlite, scope: Scope & { userId: string; recordId: string }, now: Date): void {
  statement(db, `INSERT INTO "IdempotencyKey" ("orgId", "kind", "key", "userId", "recordId", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`).run(
    scope.orgId,
    scope.kind,
    scope.key,
    scope.userId,
    scope.recordId,
    sqlTimestamp(now),
  );
}
