import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { cancelInvoice } from "~/modules/invoice/cancel-invoice.server";

// POST /api/v1/invoices/:id/cancel — see app/modules/invoice/api-spec.ts.
const cancel = authedApiRoute(async ({ request, params, actor }) => jsonResponse(await cancelInvoice(actor, params.id!, await readJsonBody(request))));

export const action = apiRoute(async (args) => (args.request.method === "POST" ? cancel(args) : methodNotAllowed(["POST"])));

export const loader = apiRoute(async () => methodNotAllowed(["POST"]));
