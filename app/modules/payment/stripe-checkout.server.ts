// Online payment of open invoices by the retailer (POST /api/v1/invoices/:id/checkout, the payables
// page): one Stripe Checkout session for one or several open invoices of ONE supplier, for the sum of
// their open balances, as a direct charge on the producer's connected account (Stripe Connect: the
// `stripeAccount` request option, i.e. the Stripe-Account header — the producer is the merchant of
// record and its Connect webhook endpoint receives the events). Our CheckoutSession id travels in the
// session's metadata and client_reference_id; the webhook (./stripe-webhook.server.ts) records the
// payment when Stripe says it is paid.
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { newId } from "~/utils/ids.server";
import { AppError, validationError } from "~/utils/errors";
import { translate } from "~/utils/i18n";
import { parseInput } from "~/utils/validation";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { paymentUnavailable, stripeConfigured, stripeSetup } from "./stripe-client.server";
import { checkoutInputSchema } from "./stripe-schemas";

export type CheckoutResult = { url: string; checkoutSessionId: string; amountCents: number };

/** The sellers among `sellerIds` that can be paid online now (keys configured and a connected account). */
export async function sellersPayableOnline(sellerIds: readonly string[]): Promise<Set<string>> {
  if (!stripeConfigured() || sellerIds.length === 0) return new Set();
  const rows = await getDb().organization.findMany({
    where: { id: { in: [...new Set(sellerIds)] }, stripeAccountId: { not: null } },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}

/** Where the payer comes back after Checkout: the payables page of this supplier. */
function returnUrl(actor: OrgActor, sellerId: string, outcome: "success" | "cancelled"): string {
  return `${getEnv().appUrl}/o/${actor.orgSlug}/payables?supplier=${encodeURIComponent(sellerId)}&checkout=${outcome}`;
}

export async function createCheckout(actor: OrgActor, input: unknown): Promise<CheckoutResult> {
  requirePermission(actor, "invoice:pay");
  const ids = [...new Set(parseInput(checkoutInputSchema, input).invoiceIds)];
  const db = getDb();
  // Only the actor's own invoices (as the buyer) exist for it: any other id answers 404.
  const invoices = await db.invoice.findMany({
    where: { id: { in: ids }, buyerId: actor.orgId },
    select: { id: true, number: true, sellerId: true, status: true, balanceCents: true, currency: true, locale: true, dueDate: true },
    orderBy: [{ dueDate: "asc" }, { sequence: "asc" }],
  });
  if (invoices.length !== ids.length) throw new AppError("not_found", "error.not_found");
  const sellerId = invoices[0].sellerId;
  if (invoices.some((i) => i.sellerId !== sellerId)) throw validationError({ invoiceIds: "checkout.error.oneSupplier" });

  const seller = await db.organization.findUniqueOrThrow({ where: { id: sellerId }, select: { stripeAccountId: true } });
  const setup = await stripeSetup();
  if (!setup || !seller.stripeAccountId) throw paymentUnavailable();

  const closed = invoices.filter((i) => i.status !== "ISSUED" || i.balanceCents <= 0);
  if (closed.length) throw new AppError("invalid_transition", "checkout.error.notOpen", { invoiceIds: closed.map((i) => i.id) });
  const currency = invoices[0].currency;
  if (invoices.some((i) => i.currency !== currency)) throw validationError({ invoiceIds: "checkout.error.currencies" });
  const amountCents = invoices.reduce((sum, i) => sum + i.balanceCents, 0);

  const checkoutSessionId = newId();
  let session: { id: string; url: string | null };
  try {
    session = await setup.client.checkout.sessions.create(
      {
        mode: "payment",
        line_items: invoices.map((i) => ({
          quantity: 1,
          price_data: {
            currency: currency.toLowerCase(),
            unit_amount: i.balanceCents,
            product_data: { name: translate(i.locale.startsWith("en") ? "en" : "fr", "checkout.lineItem", { number: i.number }) },
          },
        })),
        client_reference_id: checkoutSessionId,
        metadata: { checkoutSessionId, buyerId: actor.orgId, sellerId },
        payment_intent_data: { metadata: { checkoutSessionId }, description: invoices.map((i) => i.number).join(", ") },
        success_url: returnUrl(actor, sellerId, "success"),
        cancel_url: returnUrl(actor, sellerId, "cancelled"),
      },
      // The same key on the client's automatic retries: one click never opens two sessions.
      { stripeAccount: seller.stripeAccountId, idempotencyKey: `checkout-${checkoutSessionId}` },
    );
  } catch (error) {
    console.error("Stripe Checkout session could not be created:", error);
    throw new AppError("payment_unavailable", "checkout.error.stripeFailed");
  }
  if (!session.url) throw new AppError("payment_unavailable", "checkout.error.stripeFailed");

  await db.checkoutSession.create({
    data: {
      id: checkoutSessionId,
      sellerId,
      buyerId: actor.orgId,
      stripeSessionId: session.id,
      invoiceIds: JSON.stringify(invoices.map((i) => i.id)), // oldest due first: the order the payment settles them in
      amountCents,
      currency,
      createdById: actor.userId,
    },
  });
  return { url: session.url, checkoutSessionId, amountCents };
}
