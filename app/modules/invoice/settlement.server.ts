// Where an invoice stands after credit notes and payments, recomputed from the rows themselves (never
// incremented, so that a deleted payment or a retried webhook cannot leave a drift):
//   creditedCents = Σ its credit notes (a cancellation credit note closes the invoice instead),
//   paidCents     = Σ the allocations of its payments that are not deleted,
//   balanceCents  = totalCents − creditedCents − paidCents.
// An invoice whose balance reaches 0 is PAID, and its orders (every order it covers, InvoiceOrder)
// move INVOICED → PAID; when a deleted payment opens the balance again all move back (ISSUED, INVOICED). Each order move takes the next
// version and is recorded in the order history. Runs inside the caller's transaction, on the raw
// connection (app/utils/db.server.ts): publication calls it from its synchronous write path.
import { connectDb, sqlTimestamp, statement, type Sqlite, type Tx } from "~/utils/db.server";
import { validationError } from "~/utils/errors";
import { insertOrderEvent, saveNextStatus, type EventActor } from "../order/order-guard.server";
import { partyOrgIdsOf, type OrderUpdated } from "../order/order-events";

export type Settlement = { invoiceId: string; creditedCents: number; paidCents: number; balanceCents: number; status: string };

/** Recomputes the settlement of these invoices; returns the order moves to publish after the commit. */
export function refreshSettlementSync(db: Sqlite, invoiceIds: readonly string[], actor: EventActor, now: Date): OrderUpdated[] {
  const updates: OrderUpdated[] = [];
  for (const invoiceId of new Set(invoiceIds)) {
    updates.push(...refreshOne(db, invoiceId, actor, now));
  }
  return updates;
}

/** refreshSettlementSync for code inside a Prisma transaction (`tx`): on the one connection, it joins it. */
export async function refreshSettlement(_tx: Tx, invoiceIds: readonly string[], actor: EventActor, now: Date): Promise<OrderUpdated[]> {
  return refreshSettlementSync(await connectDb(), invoiceIds, actor, now);
}

type InvoiceState = { id: string; number: string; status: string; totalCents: number; creditedCents: number; paidCents: number; balanceCents: number; orderId: string };

function refreshOne(db: Sqlite, invoiceId: string, actor: EventActor, now: Date): OrderUpdated[] {
  const invoice = statement(
    db,
    `SELECT id, number, status, totalCents, creditedCents, paidCents, balanceCents, orderId FROM "Invoice" WHERE id = ?`,
  ).get(invoiceId) as InvoiceState | undefined;
  if (!invoice) throw new Error(`refreshSettlement: invoice ${invoiceId} not found`);
  if (invoice.status === "CANCELLED") return [];
  const { creditedCents } = statement(
    db,
    `SELECT coalesce(sum(totalCents), 0) AS creditedCents FROM "CreditNote" WHERE invoiceId = ? AND kind <> 'CANCELLATION'`,
  ).get(invoiceId) as { creditedCents: number };
  const { paidCents } = statement(
    db,
    `SELECT coalesce(sum(a.amountCents), 0) AS paidCents FROM "PaymentAllocation" a JOIN "Payment" p ON p.id = a.paymentId
     WHERE a.invoiceId = ? AND p.deletedAt IS NULL`,
  ).get(invoiceId) as { paidCents: number };
  const balanceCents = invoice.totalCents - creditedCents - paidCents;
  // The callers check the balance before writing; this catches a concurrent writer from another process.
  if (balanceCents < 0) throw validationError({ amountCents: "invoices.error.overBalance" });
  const status = balanceCents === 0 ? "PAID" : "ISSUED";
  if (
    status === invoice.status &&
    creditedCents === invoice.creditedCents &&
    paidCents === invoice.paidCents &&
    balanceCents === invoice.balanceCents
  ) {
    return [];
  }
  const statusChanged = status !== invoice.status;
  statement(
    db,
    `UPDATE "Invoice" SET creditedCents = ?, paidCents = ?, balanceCents = ?, status = ?,
       paidAt = CASE WHEN ? THEN ? ELSE paidAt END, updatedAt = ? WHERE id = ?`,
  ).run(creditedCents, paidCents, balanceCents, status, statusChanged ? 1 : 0, status === "PAID" ? sqlTimestamp(now) : null, sqlTimestamp(now), invoiceId);
  if (!statusChanged) return [];
  const move = status === "PAID" ? ({ from: "INVOICED", to: "PAID" } as const) : ({ from: "PAID", to: "INVOICED" } as const);
  return coveredOrderIds(db, invoice).flatMap((orderId) => moveOrder(db, orderId, move, invoice.number, actor, now) ?? []);
}

/** The orders an invoice covers, first one first (an invoice written before InvoiceOrder covers its `orderId`). */
export function coveredOrderIds(db: Sqlite, invoice: { id: string; orderId: string }): string[] {
  const rows = statement(db, `SELECT "orderId" FROM "InvoiceOrder" WHERE "invoiceId" = ? ORDER BY "position" ASC, "orderId" ASC`).all(invoice.id) as { orderId: string }[];
  return rows.length ? rows.map((r) => r.orderId) : [invoice.orderId];
}

function moveOrder(
  db: Sqlite,
  orderId: string,
  move: { from: "INVOICED" | "PAID"; to: "INVOICED" | "PAID" },
  invoiceNumber: string,
  actor: EventActor,
  now: Date,
): OrderUpdated | null {
  const order = statement(db, `SELECT id, status, version, sellerId, buyerId, repId, distributorId FROM "Order" WHERE id = ?`).get(orderId) as
    | { id: string; status: string; version: number; sellerId: string; buyerId: string; repId: string | null; distributorId: string | null }
    | undefined;
  if (!order || order.status !== move.from) return null;
  const version = saveNextStatus(db, order, move.to, now);
  insertOrderEvent(db, {
    orderId,
    type: move.to === "PAID" ? "PAID" : "REOPENED",
    actor,
    changes: { status: { before: move.from, after: move.to }, invoice: invoiceNumber },
    at: now,
  });
  return { orderId, version, status: move.to, partyOrgIds: partyOrgIdsOf(order) };
}
