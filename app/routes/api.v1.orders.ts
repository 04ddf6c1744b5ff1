import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { createOrder } from "~/modules/order/create-order.server";
import { listOrders } from "~/modules/order/order-list.server";

// GET /api/v1/orders (list) and POST /api/v1/orders (place) — see app/modules/order/api-spec.ts.
export const loader = authedApiRoute(async ({ request, actor }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return jsonResponse(await listOrders(actor, query));
});

const create = authedApiRoute(async ({ request, actor }) => {
  const key = request.headers.get("idempotency-key");
  const order = await createOrder(actor, await readJsonBody(request), key === null ? {} : { idempotencyKey: key });
  return jsonResponse(order, 201);
});

export const action = apiRoute(async (args) => {
  if (args.request.method === "POST") return create(args);
  return methodNotAllowed(["GET", "POST"]);
});
