// The online payment routes (../shared/api.md, "Invoices, credit notes, payments, receivables").
import { z } from "zod";
import type { ApiRouteSpec } from "../api/route-spec";
import { checkoutResponseSchema, webhookResponseSchema } from "./stripe-schemas";

export const stripeApiRoutes: ApiRouteSpec[] = [
  {
    method: "post",
    path: "/api/v1/invoices/{id}/checkout",
    tag: "payments",
    summary:
      "Opens a Stripe Checkout session for the open balance of this invoice (retailer OWNER or ACCOUNTANT), as a direct charge on the " +
      "producer's Stripe Connect account. 409 payment_unavailable when online payment is not configured or the producer has no " +
      "connected account; 409 invalid_transition when the invoice is not open.",
    response: checkoutResponseSchema,
    status: 201,
  },
  {
    method: "post",
    path: "/api/v1/webhooks/stripe",
    tag: "payments",
    auth: false,
    summary:
      "Stripe's events, signed (Stripe-Signature header, raw body). checkout.session.completed records one card payment over the " +
      "session's invoices; the same event delivered again records nothing. A missing or invalid signature, or no webhook secret configured → 400.",
    body: z.object({ id: z.string(), type: z.string(), data: z.object({ object: z.record(z.string(), z.unknown()) }) }).describe("A Stripe event"),
    response: webhookResponseSchema,
  },
];
