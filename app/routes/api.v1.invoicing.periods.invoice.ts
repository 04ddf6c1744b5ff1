import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { invoicePeriod } from "~/modules/invoice/periodic-invoices.server";

// POST /api/v1/invoicing/periods/invoice — see app/modules/invoice/periodic-api-spec.ts.
const invoice = authedApiRoute(async ({ request, actor }) => jsonResponse(await invoicePeriod(actor, await readJsonBody(request))));

export const action = apiRoute(async (args) => (args.request.method === "POST" ? invoice(args) : methodNotAllowed(["POST"])));

export const loader = apiRoute(async () => methodNotAllowed(["POST"]));
