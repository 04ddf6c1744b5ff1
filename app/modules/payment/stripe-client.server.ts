// The Stripe client of the process, or nothing: online payment is on only when both STRIPE_SECRET_KEY
// and STRIPE_WEBHOOK_SECRET are set (app/utils/env.server.ts). STRIPE_API_BASE points the client at
// another address than Stripe's API (the tests' local stand-in, tests/setup/stripe-stand-in.ts).
// The stripe package (~20 MB of RSS) is loaded on the first payment call, never in a server that
// has no keys.
import type Stripe from "stripe";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors";

export type StripeSetup = { client: Stripe; webhookSecret: string };

const globalForStripe = globalThis as unknown as { __comptoirStripe?: { key: string; setup: StripeSetup } };

/** Whether online payment is on (both keys set), without loading the client. */
export function stripeConfigured(): boolean {
  return getEnv().stripe != null;
}

/** The configured client, or null when online payment is off. */
export async function stripeSetup(): Promise<StripeSetup | null> {
  const config = getEnv().stripe;
  if (!config) return null;
  const key = JSON.stringify(config);
  if (globalForStripe.__comptoirStripe?.key !== key) {
    const { default: Stripe } = await import("stripe");
    const client = new Stripe(config.secretKey, {
      maxNetworkRetries: 2, // retried with the same idempotency key: never two sessions for one click
      timeout: 20_000,
      telemetry: false,
      ...(config.apiBase ? { host: config.apiBase.host, port: config.apiBase.port, protocol: config.apiBase.protocol } : {}),
    });
    globalForStripe.__comptoirStripe = { key, setup: { client, webhookSecret: config.webhookSecret } };
  }
  return globalForStripe.__comptoirStripe.setup;
}

export function paymentUnavailable(): AppError {
  return new AppError("payment_unavailable", "checkout.unavailable");
}
