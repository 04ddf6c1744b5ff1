import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { amendOrder } from "~/modules/order/amend-order.server";
import { getOrder } from "~/modules/order/order-view.server";

// GET /api/v1/orders/:id and PATCH /api/v1/orders/:id — see app/modules/order/api-spec.ts.
export const loader = authedApiRoute(async ({ params, actor }) => jsonResponse(await getOrder(actor, params.id!)));

const amend = authedApiRoute(async ({ request, params, actor }) => jsonResponse(await amendOrder(actor, params.id!, await readJsonBody(request))));

export const action = apiRoute(async (args) => {
  if (args.request.method === "PATCH") return amend(args);
  return methodNotAllowed(["GET", "PATCH"]);
});
