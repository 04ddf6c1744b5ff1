import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed } from "~/http/api.server";
import { getDeliveryHistory } from "~/modules/intake/history.server";

// GET /api/v1/deliveries/history?producer=|customer=&from=&to= — see app/modules/intake/api-spec.ts.
export const loader = authedApiRoute(async ({ request, actor }) =>
  jsonResponse(await getDeliveryHistory(actor, Object.fromEntries(new URL(request.url).searchParams))),
);

export const action = apiRoute(async () => methodNotAllowed(["GET"]));
