import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { createShopOrder, listShopOrders } from "~/modules/production/shops.server";

// GET /api/v1/shop-orders?date=&shop=, POST /api/v1/shop-orders — see app/modules/production/api-spec.ts.
export const loader = authedApiRoute(async ({ request, actor }) => jsonResponse(await listShopOrders(actor, Object.fromEntries(new URL(request.url).searchParams))));

const create = authedApiRoute(async ({ request, actor }) => jsonResponse(await createShopOrder(actor, await readJsonBody(request)), 201));

export const action = apiRoute(async (args) => (args.request.method === "POST" ? create(args) : methodNotAllowed(["GET", "POST"])));
