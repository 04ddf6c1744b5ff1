import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { recordInvoicePayment } from "~/modules/payment/payments.server";

// POST /api/v1/invoices/:id/payments — see app/modules/invoice/api-spec.ts.
const record = authedApiRoute(async ({ request, params, actor }) => {
  const key = request.headers.get("idempotency-key");
  return jsonResponse(await recordInvoicePayment(actor, params.id!, await readJsonBody(request), key === null ? {} : { idempotencyKey: key }), 201);
});

export const action = apiRoute(async (args) => (args.request.method === "POST" ? record(args) : methodNotAllowed(["POST"])));

export const loader = apiRoute(async () => methodNotAllowed(["POST"]));
