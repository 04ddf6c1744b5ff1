import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed } from "~/http/api.server";
import { getInvoice } from "~/modules/invoice/invoice-view.server";

// GET /api/v1/invoices/:id — see app/modules/invoice/api-spec.ts.
export const loader = authedApiRoute(async ({ params, actor }) => jsonResponse(await getInvoice(actor, params.id!)));

export const action = apiRoute(async () => methodNotAllowed(["GET"]));
