// Gapless counters per seller (SellerSequence): order numbers, invoice and credit-note numbers, and the
// place of each published document in the seller's hash chain. A value is taken inside the transaction
// that uses it: a rolled-back transaction gives it back, and the write lock orders concurrent ones.
import { connectDb, statement, type Sqlite, type Tx } from "~/utils/db.server";

export type SellerSequenceKind = "ORDER" | "INVOICE" | "CREDIT_NOTE" | "LEDGER";

/** The next value, in the transaction open on the raw connection. */
export function takeSellerSequence(db: Sqlite, sellerId: string, kind: SellerSequenceKind): number {
  const row = statement(
    db,
    `INSERT INTO "SellerSequence" ("sellerId", "kind", "next") VALUES (?, ?, 2)
     ON CONFLICT ("sellerId", "kind") DO UPDATE SET "next" = "next" + 1 RETURNING "next"`,
  ).get(sellerId, kind) as { next: number };
  return row.next - 1;
}

/** takeSellerSequence for code inside a Prisma transaction (`tx`): on the one connection, it joins it. */
export async function nextSellerSequence(_tx: Tx, sellerId: string, kind: SellerSequenceKind): Promise<number> {
  return takeSellerSequence(await connectDb(), sellerId, kind);
}

/**
 * `count` consecutive values at once (the first is returned), in `tx`: a validated bakery day numbers
 * its 2,000 orders with one statement. Gapless like takeSellerSequence: a rollback gives them back.
 */
export async function reserveSellerSequence(tx: Tx, sellerId: string, kind: SellerSequenceKind, count: number): Promise<number> {
  const row = await tx.sellerSequence.upsert({
    where: { sellerId_kind: { sellerId, kind } },
    create: { sellerId, kind, next: 1 + count },
    update: { next: { increment: count } },
    select: { next: true },
  });
  return row.next - count;
}
