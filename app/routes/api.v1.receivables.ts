import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed } from "~/http/api.server";
import { getReceivables } from "~/modules/receivables/ledger.server";

// GET /api/v1/receivables?customer=|supplier= — see app/modules/receivables/api-spec.ts.
export const loader = authedApiRoute(async ({ request, actor }) =>
  jsonResponse(await getReceivables(actor, Object.fromEntries(new URL(request.url).searchParams))),
);

export const action = apiRoute(async () => methodNotAllowed(["GET"]));
