import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed } from "~/http/api.server";
import { getDeliveries } from "~/modules/standing/deliveries.server";

// GET /api/v1/deliveries/:date?producer= — see app/modules/standing/api-spec.ts.
export const loader = authedApiRoute(async ({ request, params, actor }) =>
  jsonResponse(await getDeliveries(actor, params.date, Object.fromEntries(new URL(request.url).searchParams))),
);

export const action = apiRoute(async () => methodNotAllowed(["GET"]));
