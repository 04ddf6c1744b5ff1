import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed } from "~/http/api.server";
import { getProductionList } from "~/modules/production/production.server";

// GET /api/v1/production/:date?families= — see app/modules/production/api-spec.ts.
export const loader = authedApiRoute(async ({ request, params, actor }) =>
  jsonResponse(await getProductionList(actor, params.date, Object.fromEntries(new URL(request.url).searchParams))),
);

export const action = apiRoute(async () => methodNotAllowed(["GET"]));
