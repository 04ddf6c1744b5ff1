import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { issueCreditNote } from "~/modules/invoice/credit-notes.server";

// POST /api/v1/invoices/:id/credit-notes — see app/modules/invoice/api-spec.ts.
const issue = authedApiRoute(async ({ request, params, actor }) => {
  const key = request.headers.get("idempotency-key");
  return jsonResponse(await issueCreditNote(actor, params.id!, await readJsonBody(request), key === null ? {} : { idempotencyKey: key }), 201);
});

export const action = apiRoute(async (args) => (args.request.method === "POST" ? issue(args) : methodNotAllowed(["POST"])));

export const loader = apiRoute(async () => methodNotAllowed(["POST"]));
