// The one way a payment enters the books, inside the caller's transaction: recorded by hand (the
// invoice page, the API, the receivables) or by the Stripe webhook. It checks that every allocation
// names an open invoice of that seller and customer and stays within its balance, writes the payment
// and its allocations, recomputes each invoice's settlement (PAID when covered, the order with it) and
// records the payment in the history of every order it settles. The caller writes the "payment
// received" email (notifyPaymentReceived) in the same transaction and publishes the order moves after
// the commit.
import type { Tx } from "~/utils/db.server";
import { AppError, validationError, type FieldErrors } from "~/utils/errors";
import { refreshSettlement } from "../invoice/settlement.server";
import { recordOrderEvent, type EventActor } from "../order/order-guard.server";
import type { OrderUpdated } from "../order/order-events";
import type { PaymentMethod } from "./schemas";

export type RecordPaymentInput = {
  sellerId: string;
  buyerId: string;
  amountCents: number;
  method: PaymentMethod;
  reference: string;
  paidAt: Date;
  source: "MANUAL" | "STRIPE";
  externalId: string | null;
  createdById: string | null;
  createdByOrgId: string | null;
  allocations: { invoiceId: string; amountCents: number }[];
};

/**
 * Records the payment. Returns its id and the order status moves it caused: publish them with
 * publishOrderUpdated (app/modules/order/order-events.ts) once the transaction has committed.
 */
export async function recordPaymentInTx(tx: Tx, input: RecordPaymentInput): Promise<{ id: string; orderUpdates: OrderUpdated[] }> {
  if (!Number.isInteger(input.amountCents) || input.amountCents <= 0) throw validationError({ amountCents: "field.invalid" });
  if (input.allocations.length === 0) throw validationError({ allocations: "field.required" });

  const fields: FieldErrors = {};
  const seen = new Set<string>();
  let allocated = 0;
  input.allocations.forEach((a, i) => {
    if (!Number.isInteger(a.amountCents) || a.amountCents <= 0) fields[`allocations.${i}.amountCents`] = "field.invalid";
    if (seen.has(a.invoiceId)) fields[`allocations.${i}.invoiceId`] = "field.invalid";
    seen.add(a.invoiceId);
    allocated += a.amountCents;
  });
  if (Object.keys(fields).length) throw validationError(fields);
  if (allocated !== input.amountCents) throw validationError({ amountCents: "payments.error.allocationMismatch" });

  const invoices = await tx.invoice.findMany({
    where: { id: { in: [...seen] }, sellerId: input.sellerId, buyerId: input.buyerId },
    select: { id: true, number: true, status: true, balanceCents: true, currency: true, orderId: true },
  });
  const byId = new Map(invoices.map((inv) => [inv.id, inv]));
  input.allocations.forEach((a, i) => {
    const invoice = byId.get(a.invoiceId);
    if (!invoice) fields[`allocations.${i}.invoiceId`] = "invoices.error.notFound";
    else if (invoice.status !== "ISSUED") fields[`allocations.${i}.invoiceId`] = "payments.error.invoiceNotOpen";
    else if (a.amountCents > invoice.balanceCents) fields[`allocations.${i}.amountCents`] = "invoices.error.overBalance";
  });
  if (Object.keys(fields).length) throw validationError(fields);
  const currencies = new Set(invoices.map((inv) => inv.currency));
  if (currencies.size !== 1) throw validationError({ allocations: "payments.error.currencies" });

  const payment = await tx.payment.create({
    data: {
      sellerId: input.sellerId,
      buyerId: input.buyerId,
      amountCents: input.amountCents,
      currency: invoices[0].currency,
      method: input.method,
      reference: input.reference,
      paidAt: input.paidAt,
      source: input.source,
      externalId: input.externalId,
      createdById: input.createdById,
      createdByOrgId: input.createdByOrgId,
      allocations: { create: input.allocations.map((a) => ({ invoiceId: a.invoiceId, amountCents: a.amountCents })) },
    },
    select: { id: true },
  });

  const actor = await eventActorFor(tx, input);
  for (const a of input.allocations) {
    const invoice = byId.get(a.invoiceId)!;
    await recordOrderEvent(tx, {
      orderId: invoice.orderId,
      type: "PAYMENT_RECORDED",
      actor,
      changes: {
        payment: { id: payment.id, amountCents: a.amountCents, totalCents: input.amountCents, method: input.method, reference: input.reference, source: input.source },
        invoice: invoice.number,
      },
    });
  }
  const orderUpdates = await refreshSettlement(tx, [...seen], actor, new Date());
  return { id: payment.id, orderUpdates };
}

/** Who the order history names: the recording user and organization, or the payment's source. */
export async function eventActorFor(tx: Tx, who: { createdById: string | null; createdByOrgId: string | null; source: string }): Promise<EventActor> {
  const [user, org] = await Promise.all([
    who.createdById ? tx.user.findUnique({ where: { id: who.createdById }, select: { id: true, name: true } }) : null,
    who.createdByOrgId ? tx.organization.findUnique({ where: { id: who.createdByOrgId }, select: { id: true, name: true } }) : null,
  ]);
  if (who.createdById && !user) throw new AppError("not_found", "error.not_found");
  const fallback = who.source === "STRIPE" ? "Stripe" : "Comptoir";
  return { userId: user?.id ?? null, userName: user?.name ?? fallback, orgId: org?.id ?? null, orgName: org?.name ?? fallback };
}
