import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { setBillingPeriod } from "~/modules/invoice/periodic-invoices.server";

// PUT /api/v1/relations/:id/billing-period — see app/modules/invoice/periodic-api-spec.ts.
const update = authedApiRoute(async ({ request, params, actor }) => jsonResponse(await setBillingPeriod(actor, params.id!, await readJsonBody(request))));

export const action = apiRoute(async (args) => (args.request.method === "PUT" ? update(args) : methodNotAllowed(["PUT"])));

export const loader = apiRoute(async () => methodNotAllowed(["PUT"]));
