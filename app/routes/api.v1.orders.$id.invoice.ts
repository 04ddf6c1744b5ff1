import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { publishInvoice } from "~/modules/invoice/publish-invoice.server";

// POST /api/v1/orders/:id/invoice — see app/modules/invoice/api-spec.ts.
const publish = authedApiRoute(async ({ request, params, actor }) => jsonResponse(await publishInvoice(actor, params.id!, await readJsonBody(request)), 201));

export const action = apiRoute(async (args) => (args.request.method === "POST" ? publish(args) : methodNotAllowed(["POST"])));

export const loader = apiRoute(async () => methodNotAllowed(["POST"]));
