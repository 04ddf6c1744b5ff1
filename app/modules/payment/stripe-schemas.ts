// Online payment (Stripe Checkout): what the retailer sends, what the API answers, and the producer's
// payment settings.
import { z } from "zod";

/** One or several open invoices of one supplier; a form sends one `invoiceIds` field per ticked box. */
export const checkoutInputSchema = z.object({
  invoiceIds: z.preprocess(
    (v) => (typeof v === "string" ? [v] : (v ?? [])),
    z.array(z.string().trim().min(1).max(64)).min(1, "checkout.error.noInvoice").max(100),
  ),
});
export type CheckoutInput = z.output<typeof checkoutInputSchema>;

export const checkoutResponseSchema = z.object({
  url: z.string().describe("The Stripe Checkout page to send the payer to"),
  checkoutSessionId: z.string().describe("Extension: our id of the checkout (in the Stripe session's metadata)"),
  amountCents: z.number().int().describe("Extension: the sum of the invoices' open balances"),
});

export const webhookResponseSchema = z.object({
  received: z.literal(true),
  duplicate: z.boolean().describe("The event had been processed already: nothing was recorded again"),
});

/** A Stripe Connect account id, e.g. acct_1Nv0FGQ9RKHgCVdK; empty turns online payment off. */
export const paymentSettingsSchema = z.object({
  stripeAccountId: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.union([z.literal(""), z.string().regex(/^acct_[A-Za-z0-9]{6,64}$/, "paysettings.error.accountId")]),
  ),
});
