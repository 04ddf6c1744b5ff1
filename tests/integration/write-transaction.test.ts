// The raw write path (app/utils/db.server.ts): group commit with one savepoint per work, and the
// write lock shared with Prisma's transactions.
import { describe, expect, it } from "vitest";
import { getDb, statement, writeTransaction } from "~/utils/db.server";

const SELLER = "write-transaction-test";

function bump(kind: string) {
  return (db: Parameters<Parameters<typeof writeTransaction>[0]>[0]) =>
    statement(db, `INSERT INTO "SellerSequence" ("sellerId", "kind", "next") VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET "next" = "next" + 1 RETURNING "next"`).get(SELLER, kind);
}

async function sequences(): Promise<Record<string, number>> {
  const rows = await getDb().sellerSequence.findMany({ where: { sellerId: SELLER } });
  return Object.fromEntries(rows.map((r) => [r.kind, r.next]));
}

describe("writeTransaction", () => {
  it("commits the works queued together, and rolls back only the one that fails", async () => {
    const results = await Promise.allSettled([
      writeTransaction(bump("A")),
      writeTransaction((db) => {
        bump("B")(db);
        throw new Error("this work fails after writing");
      }),
      writeTransaction(bump("C")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error("this work fails after writing"));
    expect(await sequences()).toEqual({ A: 1, C: 1 });
  });

  it("sees what the works before it in the same batch wrote", async () => {
    const values = await Promise.all([1, 2, 3, 4, 5].map(() => writeTransaction(bump("D"))));
    expect(values.map((v) => (v as { next: number }).next)).toEqual([1, 2, 3, 4, 5]);
  });

  it("waits for a Prisma transaction in progress instead of writing into it", async () => {
    const order: string[] = [];
    let inside!: () => void;
    const started = new Promise<void>((resolve) => (inside = resolve));
    const prisma = getDb().$transaction(async (tx) => {
      inside();
      await tx.sellerSequence.create({ data: { sellerId: SELLER, kind: "E", next: 10 } });
      await new Promise((resolve) => setTimeout(resolve, 50));
      order.push("prisma");
      throw new Error("rolled back");
    });
    await started;
    const raw = writeTransaction((db) => {
      order.push("raw");
      return statement(db, `SELECT count(*) AS n FROM "SellerSequence" WHERE "sellerId" = ? AND "kind" = 'E'`).get(SELLER);
    });
    await expect(prisma).rejects.toThrow("rolled back");
    // The raw work ran after the Prisma transaction was rolled back: it never saw its row.
    expect(await raw).toEqual({ n: 0 });
    expect(order).toEqual(["prisma", "raw"]);
  });
});
