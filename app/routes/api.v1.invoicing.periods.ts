import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed } from "~/http/api.server";
import { getInvoicingPeriods } from "~/modules/invoice/periodic-invoices.server";

// GET /api/v1/invoicing/periods?period=&date= — see app/modules/invoice/periodic-api-spec.ts.
export const loader = authedApiRoute(async ({ request, actor }) =>
  jsonResponse(await getInvoicingPeriods(actor, Object.fromEntries(new URL(request.url).searchParams))),
);

export const action = apiRoute(async () => methodNotAllowed(["GET"]));
