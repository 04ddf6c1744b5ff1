// Where an invoice stands after credit notes and payments, recomputed from the rows themselves (never
// incremented, so that a deleted payment or a retried webhook cannot leave a drift):
//   creditedCents = Σ its credit notes (a cancellation credit note closes the invoice instead),
//   paidCents     = Σ the allocations of its payments that are not deleted,
//   balanceCents  = totalCents − creditedCents − paidCents.
// An invoice whose balance reaches 0 is PAID, and its order moves INVOICED → PAID; when a deleted
// payment opens the balance again both move back (ISSUED, INVOICED). Each order move takes the next
// version and is recorded in the order history. Runs inside the caller's transaction.
import type { Tx } from "~/utils/db.server";
import { validationError } from "~/utils/errors";
import { recordOrderEvent, type EventActor } from "../order/order-guard.server";
import { partyOrgIdsOf, type OrderUpdated } from "../order/order-events";

export type Settlement = { invoiceId: string; creditedCents: number; paidCents: number; balanceCents: number; status: string };

/** Recomputes the settlement of these invoices; returns the order moves to publish after the commit. */
export async function refreshSettlement(tx: Tx, invoiceIds: readonly string[], actor: EventActor, now: Date): Promise<OrderUpdated[]> {
  const updates: OrderUpdated[] = [];
  for (const invoiceId of new Set(invoiceIds)) {
    const moved = await refreshOne(tx, invoiceId, actor, now);
    if (moved) updates.push(moved);
  }
  return updates;
}

async function refreshOne(tx: Tx, invoiceId: string, actor: EventActor, now: Date): Promise<OrderUpdated | null> {
  const invoice = await tx.invoice.findUniqueOrThrow({
    where: { id: invoiceId },
    select: { id: true, number: true, status: true, totalCents: true, creditedCents: true, paidCents: true, balanceCents: true, orderId: true },
  });
  if (invoice.status === "CANCELLED") return null;
  const [credited, paid] = await Promise.all([
    tx.creditNote.aggregate({ where: { invoiceId, kind: { not: "CANCELLATION" } }, _sum: { totalCents: true } }),
    tx.paymentAllocation.aggregate({ where: { invoiceId, payment: { deletedAt: null } }, _sum: { amountCents: true } }),
  ]);
  const creditedCents = credited._sum.totalCents ?? 0;
  const paidCents = paid._sum.amountCents ?? 0;
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
    return null;
  }
  await tx.invoice.update({
    where: { id: invoiceId },
    data: {
      creditedCents,
      paidCents,
      balanceCents,
      status,
      ...(status !== invoice.status ? { paidAt: status === "PAID" ? now : null } : {}),
    },
  });
  if (status === invoice.status) return null;
  return moveOrder(tx, invoice.orderId, status === "PAID" ? { from: "INVOICED", to: "PAID" } : { from: "PAID", to: "INVOICED" }, invoice.number, actor);
}

async function moveOrder(
  tx: Tx,
  orderId: string,
  move: { from: "INVOICED" | "PAID"; to: "INVOICED" | "PAID" },
  invoiceNumber: string,
  actor: EventActor,
): Promise<OrderUpdated | null> {
  const order = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { id: true, status: true, version: true, sellerId: true, buyerId: true, repId: true, distributorId: true },
  });
  if (order.status !== move.from) return null;
  await tx.order.update({ where: { id: orderId }, data: { status: move.to, version: { increment: 1 } } });
  await recordOrderEvent(tx, {
    orderId,
    type: move.to === "PAID" ? "PAID" : "REOPENED",
    actor,
    changes: { status: { before: move.from, after: move.to }, invoice: invoiceNumber },
  });
  return { orderId, version: order.version + 1, status: move.to, partyOrgIds: partyOrgIdsOf(order) };
}
