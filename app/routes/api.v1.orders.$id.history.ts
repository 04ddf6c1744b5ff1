import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed } from "~/http/api.server";
import { getOrderHistory } from "~/modules/order/history.server";

// GET /api/v1/orders/:id/history — see app/modules/order/api-spec.ts.
export const loader = authedApiRoute(async ({ params, actor }) => jsonResponse(await getOrderHistory(actor, params.id!)));

export const action = apiRoute(async () => methodNotAllowed(["GET"]));
