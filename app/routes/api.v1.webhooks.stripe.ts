import { apiRoute, jsonResponse, methodNotAllowed } from "~/http/api.server";
import { handleStripeWebhook } from "~/modules/payment/stripe-webhook.server";

// POST /api/v1/webhooks/stripe — see app/modules/payment/stripe-api-spec.ts. No bearer token: the
// signature is checked on the raw body, read here before anything parses it.
export const action = apiRoute(async ({ request }) => {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const rawBody = await request.text();
  return jsonResponse(await handleStripeWebhook(rawBody, request.headers.get("stripe-signature")));
});

export const loader = apiRoute(async () => methodNotAllowed(["POST"]));
