// Payments recorded by the seller side (`payment:record`): against one invoice
// (POST /api/v1/invoices/:id/payments, the invoice page) or one payment of a customer settling several
// of its open invoices (the receivables), oldest due first unless the allocations are given. Partial
// payments are fine; never above the balance (400 naming the field). Deleting a payment (the seller's
// OWNER or ACCOUNTANT: `payment:delete`) keeps the row (deletedAt, deletedById), records it in the
// history of the orders it settled and reopens what it had paid.
import { getDb } from "~/utils/db.server";
import { AppError, validationError } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import { findKeyedRecord, keyReusedElsewhere, parseIdempotencyKey, rememberKey } from "../idempotency/keys.server";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { invoiceEventActor, loadVisibleInvoice, requireSellerSide } from "../invoice/invoice-view.server";
import { notifyPaymentReceived } from "../invoice/notifications.server";
import { refreshSettlement } from "../invoice/settlement.server";
import { publishOrderUpdated } from "../order/order-events";
import { recordOrderEvent, TX_OPTIONS } from "../order/order-guard.server";
import { orderVisibleTo } from "../order/visibility.server";
import { recordPaymentInTx } from "./record-payment.server";
import { customerPaymentSchema, invoicePaymentSchema, type PaymentMethod, type PaymentView } from "./schemas";

/**
 * POST /api/v1/invoices/:id/payments. With an idempotency key, a retry by the same organization (even
 * at the same time) returns the first payment instead of recording a second one.
 */
export async function recordInvoicePayment(actor: OrgActor, invoiceId: string, input: unknown, opts: { idempotencyKey?: string } = {}): Promise<PaymentView> {
  const key = parseIdempotencyKey(opts.idempotencyKey);
  const data = parseInput(invoicePaymentSchema, input);
  const paidAt = data.paidAt ?? new Date();
  type Recorded = { replayed: PaymentView } | { payment: Awaited<ReturnType<typeof recordPaymentInTx>> };
  const result = await getDb().$transaction(async (tx): Promise<Recorded> => {
    requirePermission(actor, "payment:record");
    const { invoice, side } = await loadVisibleInvoice(tx, actor, invoiceId);
    requireSellerSide(side);
    const scope = key ? { orgId: actor.orgId, kind: "PAYMENT" as const, key } : null;
    // Checked before the invoice's state: the first request may have settled it (PAID) already.
    const firstId = scope ? await findKeyedRecord(tx, scope) : null;
    if (firstId) {
      const first = await tx.payment.findUniqueOrThrow({ where: { id: firstId }, include: { allocations: { where: { invoiceId: invoice.id } } } });
      if (!first.allocations.length) keyReusedElsewhere();
      return { replayed: paymentView(first, invoice.id) };
    }
    if (invoice.status === "CANCELLED") throw new AppError("invalid_transition", "invoices.error.cancelled");
    if (data.amountCents > invoice.balanceCents) throw validationError({ amountCents: "invoices.error.overBalance" }, "invoices.error.overBalance");
    const payment = await recordPaymentInTx(tx, {
      sellerId: invoice.sellerId,
      buyerId: invoice.buyerId,
      amountCents: data.amountCents,
      method: data.method,
      reference: data.reference,
      paidAt,
      source: "MANUAL",
      externalId: null,
      createdById: actor.userId,
      createdByOrgId: actor.orgId,
      allocations: [{ invoiceId: invoice.id, amountCents: data.amountCents }],
    });
    if (scope) await rememberKey(tx, { ...scope, userId: actor.userId, recordId: payment.id });
    await notifyPaymentReceived(tx, payment.id);
    return { payment };
  }, TX_OPTIONS);
  if ("replayed" in result) return result.replayed;
  result.payment.orderUpdates.forEach(publishOrderUpdated);
  return { id: result.payment.id, invoiceId, amountCents: data.amountCents, method: data.method, reference: data.reference, paidAt: paidAt.toISOString() };
}

function paymentView(payment: { id: string; amountCents: number; method: string; reference: string; paidAt: Date }, invoiceId: string): PaymentView {
  return { id: payment.id, invoiceId, amountCents: payment.amountCents, method: payment.method as PaymentMethod, reference: payment.reference, paidAt: payment.paidAt.toISOString() };
}

export type CustomerPayment = { id: string; amountCents: number; method: PaymentMethod; reference: string; paidAt: string; allocations: { invoiceId: string; amountCents: number }[] };

/** Splits an amount over open invoices in the given order (oldest due first); null when it does not fit. */
export function allocateOldestFirst(amountCents: number, open: readonly { id: string; balanceCents: number }[]): { invoiceId: string; amountCents: number }[] | null {
  const allocations: { invoiceId: string; amountCents: number }[] = [];
  let left = amountCents;
  for (const invoice of open) {
    if (left === 0) break;
    const part = Math.min(left, invoice.balanceCents);
    if (part > 0) allocations.push({ invoiceId: invoice.id, amountCents: part });
    left -= part;
  }
  return left === 0 ? allocations : null;
}

/**
 * One payment of a customer over several of its open invoices with the seller. `sellerId` defaults to
 * the acting organization (the producer); a rep or distributor names the producer and settles only
 * invoices of orders it takes part in.
 */
export async function recordCustomerPayment(actor: OrgActor, input: unknown): Promise<CustomerPayment> {
  const data = parseInput(customerPaymentSchema, input);
  const sellerId = data.sellerId ?? actor.orgId;
  const paidAt = data.paidAt ?? new Date();
  const result = await getDb().$transaction(async (tx) => {
    requirePermission(actor, "payment:record");
    if (data.buyerId === actor.orgId) throw new AppError("forbidden", "error.forbidden");
    const open = await tx.invoice.findMany({
      where: { sellerId, buyerId: data.buyerId, status: "ISSUED", order: orderVisibleTo(actor.orgId) },
      select: { id: true, balanceCents: true },
      orderBy: [{ dueDate: "asc" }, { issuedAt: "asc" }, { sequence: "asc" }],
    });
    const visible = new Set(open.map((i) => i.id));
    let allocations = data.allocations;
    if (allocations) {
      allocations.forEach((a, i) => {
        if (!visible.has(a.invoiceId)) throw validationError({ [`allocations.${i}.invoiceId`]: "invoices.error.notFound" });
      });
    } else {
      if (!open.length) throw new AppError("not_found", "error.not_found");
      allocations = allocateOldestFirst(data.amountCents, open) ?? undefined;
      if (!allocations) throw validationError({ amountCents: "invoices.error.overBalance" }, "invoices.error.overBalance");
    }
    const payment = await recordPaymentInTx(tx, {
      sellerId,
      buyerId: data.buyerId,
      amountCents: data.amountCents,
      method: data.method,
      reference: data.reference,
      paidAt,
      source: "MANUAL",
      externalId: null,
      createdById: actor.userId,
      createdByOrgId: actor.orgId,
      allocations,
    });
    await notifyPaymentReceived(tx, payment.id);
    return { ...payment, allocations };
  }, TX_OPTIONS);
  result.orderUpdates.forEach(publishOrderUpdated);
  return { id: result.id, amountCents: data.amountCents, method: data.method, reference: data.reference, paidAt: paidAt.toISOString(), allocations: result.allocations };
}

/**
 * Deletes a payment of the actor's organization (the payee). `invoiceId`, when given (the invoice
 * page), must be one the payment settles and visible to the actor.
 */
export async function deletePayment(actor: OrgActor, paymentId: string, invoiceId?: string): Promise<void> {
  const now = new Date();
  const updates = await getDb().$transaction(async (tx) => {
    requirePermission(actor, "payment:delete");
    if (invoiceId) requireSellerSide((await loadVisibleInvoice(tx, actor, invoiceId)).side);
    const payment = await tx.payment.findFirst({
      where: { id: paymentId, sellerId: actor.orgId, ...(invoiceId ? { allocations: { some: { invoiceId } } } : {}) },
      include: { allocations: { include: { invoice: { select: { id: true, number: true, orderId: true } } } } },
    });
    if (!payment) throw new AppError("not_found", "error.not_found");
    if (payment.deletedAt) throw new AppError("invalid_transition", "payments.error.alreadyDeleted");
    await tx.payment.update({ where: { id: payment.id }, data: { deletedAt: now, deletedById: actor.userId } });
    const eventActor = invoiceEventActor(actor);
    for (const a of payment.allocations) {
      await recordOrderEvent(tx, {
        orderId: a.invoice.orderId,
        type: "PAYMENT_DELETED",
        actor: eventActor,
        changes: {
          payment: { id: payment.id, amountCents: a.amountCents, totalCents: payment.amountCents, method: payment.method, reference: payment.reference },
          invoice: a.invoice.number,
        },
        at: now,
      });
    }
    return refreshSettlement(tx, payment.allocations.map((a) => a.invoiceId), eventActor, now);
  }, TX_OPTIONS);
  updates.forEach(publishOrderUpdated);
}
