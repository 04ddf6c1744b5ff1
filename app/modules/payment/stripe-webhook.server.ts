// POST /api/v1/webhooks/stripe: Stripe's events, checked against the webhook secret on the raw body,
// each processed once. In one transaction: the event id goes into StripeEvent (a second delivery of the
// same event finds it and changes nothing), then the event's work is done; Payment.externalId (the
// Checkout session id, unique) is the second wall against two events about the same session.
//
// checkout.session.completed (payment_status "paid") and checkout.session.async_payment_succeeded
// record ONE payment (CARD, source STRIPE) over the session's invoices, oldest due first, through
// recordPaymentInTx. An invoice paid or cancelled by other means since the checkout opened takes only
// what still fits its balance; whatever no open invoice can take stays on the checkout session
// (status OVERPAID) and shows in the receivables and payables as an unallocated online payment — a
// credit in the customer's favour, to refund on Stripe or settle by hand. It is never dropped.
// checkout.session.expired marks the session EXPIRED. Other events are acknowledged and ignored.
import type Stripe from "stripe";
import { getDb, type Tx } from "~/utils/db.server";
import { AppError, validationError } from "~/utils/errors";
import { notifyPaymentReceived } from "../invoice/notifications.server";
import { TX_OPTIONS, isUniqueViolation } from "../order/order-guard.server";
import { publishOrderUpdated, type OrderUpdated } from "../order/order-events";
import { recordPaymentInTx } from "./record-payment.server";
import { stripeSetup } from "./stripe-client.server";

export type WebhookOutcome = { received: true; duplicate: boolean };

/** Checks the signature of the raw body and returns the event, or a 400. */
async function verifiedEvent(rawBody: string, signature: string | null): Promise<Stripe.Event> {
  const setup = await stripeSetup();
  if (!setup) throw new AppError("validation_failed", "checkout.webhook.notConfigured", { fields: { "stripe-signature": "checkout.webhook.notConfigured" } });
  if (!signature) throw validationError({ "stripe-signature": "checkout.webhook.missingSignature" }, "checkout.webhook.missingSignature");
  try {
    return setup.client.webhooks.constructEvent(rawBody, signature, setup.webhookSecret);
  } catch {
    throw validationError({ "stripe-signature": "checkout.webhook.badSignature" }, "checkout.webhook.badSignature");
  }
}

export async function handleStripeWebhook(rawBody: string, signature: string | null): Promise<WebhookOutcome> {
  const event = await verifiedEvent(rawBody, signature);
  let outcome: { duplicate: boolean; orderUpdates: OrderUpdated[] };
  try {
    outcome = await getDb().$transaction(async (tx) => {
      if (await tx.stripeEvent.findUnique({ where: { id: event.id }, select: { id: true } })) return { duplicate: true, orderUpdates: [] };
      await tx.stripeEvent.create({ data: { id: event.id, type: event.type } });
      return { duplicate: false, orderUpdates: await processEvent(tx, event) };
    }, TX_OPTIONS);
  } catch (error) {
    // Another process recorded the same event (or the same session's payment) between our read and write.
    if (isUniqueViolation(error)) return { received: true, duplicate: true };
    throw error;
  }
  outcome.orderUpdates.forEach(publishOrderUpdated);
  return { received: true, duplicate: outcome.duplicate };
}

async function processEvent(tx: Tx, event: Stripe.Event): Promise<OrderUpdated[]> {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
      return settleCheckout(tx, event.data.object, new Date(event.created * 1000));
    case "checkout.session.expired":
      await tx.checkoutSession.updateMany({ where: { stripeSessionId: event.data.object.id, status: "OPEN" }, data: { status: "EXPIRED" } });
      return [];
    default:
      return [];
  }
}

async function settleCheckout(tx: Tx, session: Stripe.Checkout.Session, paidAt: Date): Promise<OrderUpdated[]> {
  if (session.payment_status !== "paid") return []; // an asynchronous method: async_payment_succeeded follows
  const checkout = await tx.checkoutSession.findUnique({ where: { stripeSessionId: session.id } });
  // A session we did not open (another application on the same account), or already settled.
  if (!checkout || checkout.status === "PAID" || checkout.status === "OVERPAID") return [];
  if (session.metadata?.checkoutSessionId && session.metadata.checkoutSessionId !== checkout.id) return [];
  if (await tx.payment.findUnique({ where: { externalId: session.id }, select: { id: true } })) return [];

  const received = session.amount_total ?? checkout.amountCents;
  const sameCurrency = !session.currency || session.currency.toUpperCase() === checkout.currency;
  const order = JSON.parse(checkout.invoiceIds) as string[];
  const invoices = await tx.invoice.findMany({
    where: { id: { in: order }, sellerId: checkout.sellerId, buyerId: checkout.buyerId, status: "ISSUED", balanceCents: { gt: 0 } },
    select: { id: true, balanceCents: true },
  });
  const byId = new Map(invoices.map((i) => [i.id, i]));
  const allocations: { invoiceId: string; amountCents: number }[] = [];
  let remaining = sameCurrency ? received : 0;
  for (const id of order) {
    const invoice = byId.get(id);
    if (!invoice || remaining <= 0) continue;
    const amountCents = Math.min(invoice.balanceCents, remaining);
    allocations.push({ invoiceId: id, amountCents });
    remaining -= amountCents;
  }
  const allocated = allocations.reduce((sum, a) => sum + a.amountCents, 0);

  let orderUpdates: OrderUpdated[] = [];
  if (allocated > 0) {
    const paymentIntent = typeof session.payment_intent === "string" ? session.payment_intent : session.payment_intent?.id;
    const recorded = await recordPaymentInTx(tx, {
      sellerId: checkout.sellerId,
      buyerId: checkout.buyerId,
      amountCents: allocated,
      method: "CARD",
      reference: `Stripe ${paymentIntent ?? session.id}`,
      paidAt,
      source: "STRIPE",
      externalId: session.id,
      createdById: null, // the history names "Stripe" for the buyer's organization
      createdByOrgId: checkout.buyerId,
      allocations,
    });
    await notifyPaymentReceived(tx, recorded.id);
    orderUpdates = recorded.orderUpdates;
  }
  await tx.checkoutSession.update({
    where: { id: checkout.id },
    // What Stripe collected (normally what was asked): the receivables show any part not allocated.
    data: {
      status: allocated < received ? "OVERPAID" : "PAID",
      completedAt: paidAt,
      amountCents: received,
      ...(session.currency ? { currency: session.currency.toUpperCase() } : {}),
    },
  });
  return orderUpdates;
}
