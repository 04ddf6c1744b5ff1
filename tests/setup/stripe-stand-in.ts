// A local stand-in for the Stripe API (node:http), for tests: it answers POST /v1/checkout/sessions
// with a session object like Stripe's and records every request (path, form parameters, the
// Stripe-Account and Idempotency-Key headers). Webhook payloads are signed with the library's own
// `stripe.webhooks.generateTestHeaderString`.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll } from "vitest";

export type RecordedStripeRequest = {
  method: string;
  path: string;
  params: Record<string, string>;
  stripeAccount: string | null;
  idempotencyKey: string | null;
  authorization: string | null;
};

export type StripeStandIn = {
  baseUrl: string;
  requests: RecordedStripeRequest[];
  /** The sessions handed out, by id. */
  sessions: Map<string, CheckoutSessionObject>;
  /** Make the next session creations fail with a Stripe API error (HTTP 500). */
  failNext(count?: number): void;
  close(): Promise<void>;
};

export type CheckoutSessionObject = {
  id: string;
  object: "checkout.session";
  url: string;
  mode: "payment";
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid";
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  payment_intent: string | null;
  success_url: string;
  cancel_url: string;
};

/** `line_items[0][price_data][unit_amount]=…` stays flat: tests read the keys they need. */
function readBody(req: http.IncomingMessage): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (text += chunk));
    req.on("end", () => resolve(Object.fromEntries(new URLSearchParams(text))));
    req.on("error", reject);
  });
}

function prefixed(params: Record<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params)
      .filter(([k]) => k.startsWith(`${prefix}[`))
      .map(([k, v]) => [k.slice(prefix.length + 1, -1), v]),
  );
}

export async function startStripeStandIn(): Promise<StripeStandIn> {
  const requests: RecordedStripeRequest[] = [];
  const sessions = new Map<string, CheckoutSessionObject>();
  let failures = 0;
  let counter = 0;
  const server = http.createServer(async (req, res) => {
    const params = await readBody(req);
    const header = (name: string) => {
      const v = req.headers[name];
      return typeof v === "string" ? v : null;
    };
    requests.push({
      method: req.method ?? "",
      path: req.url ?? "",
      params,
      stripeAccount: header("stripe-account"),
      idempotencyKey: header("idempotency-key"),
      authorization: header("authorization"),
    });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json", "Request-Id": `req_${requests.length}` });
      res.end(JSON.stringify(body));
    };
    if (req.method === "POST" && req.url === "/v1/checkout/sessions") {
      if (failures > 0) {
        failures--;
        return send(400, { error: { type: "invalid_request_error", message: "The stand-in was told to fail" } });
      }
      let amount = 0;
      for (let i = 0; params[`line_items[${i}][quantity]`]; i++) {
        amount += Number(params[`line_items[${i}][price_data][unit_amount]`]) * Number(params[`line_items[${i}][quantity]`]);
      }
      const id = `cs_test_${++counter}${Date.now().toString(36)}`;
      const session: CheckoutSessionObject = {
        id,
        object: "checkout.session",
        url: `https://checkout.stripe.test/c/pay/${id}`,
        mode: "payment",
        status: "open",
        payment_status: "unpaid",
        amount_total: amount,
        currency: params["line_items[0][price_data][currency]"] ?? "eur",
        client_reference_id: params.client_reference_id ?? null,
        metadata: prefixed(params, "metadata"),
        payment_intent: null,
        success_url: params.success_url,
        cancel_url: params.cancel_url,
      };
      sessions.set(id, session);
      return send(200, session);
    }
    send(404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${req.method}: ${req.url})` } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const standIn: StripeStandIn = {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    sessions,
    failNext: (count = 1) => void (failures = count),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  afterAll(() => standIn.close());
  return standIn;
}

export const TEST_STRIPE_SECRET_KEY = "sk_test_comptoir_stand_in";
export const TEST_WEBHOOK_SECRET = "whsec_comptoir_test_secret";

/**
 * Turns online payment on for this test file's server, pointed at the stand-in. The configuration is
 * read once per process (app/utils/env.server.ts) and the test setup has read it already: forget it
 * so that the next read sees these variables. Call before the server answers its first request.
 */
export function configureStripe(standIn: StripeStandIn): void {
  process.env.STRIPE_SECRET_KEY = TEST_STRIPE_SECRET_KEY;
  process.env.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
  process.env.STRIPE_API_BASE = standIn.baseUrl;
  delete (globalThis as { __comptoirEnv?: unknown }).__comptoirEnv;
}

const signer = new Stripe("sk_test_signer_only");

/** A Stripe event as JSON, and its Stripe-Signature header made with the library's test helper. */
export function signedEvent(event: { id: string; type: string; data: { object: unknown }; account?: string }, secret = TEST_WEBHOOK_SECRET) {
  const payload = JSON.stringify({ object: "event", api_version: "2025-01-01", created: Math.floor(Date.now() / 1000), livemode: false, ...event });
  return { payload, signature: signer.webhooks.generateTestHeaderString({ payload, secret }) };
}

/** checkout.session.completed for a session the stand-in handed out, as Stripe sends it once paid. */
export function completedEvent(session: CheckoutSessionObject, eventId: string, overrides: Partial<CheckoutSessionObject> = {}) {
  return signedEvent({
    id: eventId,
    type: "checkout.session.completed",
    data: { object: { ...session, status: "complete", payment_status: "paid", payment_intent: `pi_${session.id.slice(8)}`, ...overrides } },
  });
}
