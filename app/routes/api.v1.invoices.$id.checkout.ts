import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed } from "~/http/api.server";
import { createCheckout } from "~/modules/payment/stripe-checkout.server";

// POST /api/v1/invoices/:id/checkout — see app/modules/payment/stripe-api-spec.ts.
const checkout = authedApiRoute(async ({ params, actor }) => jsonResponse(await createCheckout(actor, { invoiceIds: [params.id ?? ""] }), 201));

export const action = apiRoute(async (args) => (args.request.method === "POST" ? checkout(args) : methodNotAllowed(["POST"])));

export const loader = apiRoute(async () => methodNotAllowed(["POST"]));
