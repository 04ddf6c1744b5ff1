import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed } from "~/http/api.server";
import { SHOP_ORDER_ACTIONS, type ShopOrderAction } from "~/modules/production/schemas";
import { moveShopOrder } from "~/modules/production/shops.server";
import { AppError } from "~/utils/errors";

// POST /api/v1/shop-orders/:id/{pickup|cancel} — see app/modules/production/api-spec.ts.
const move = authedApiRoute(async ({ params, actor }) => {
  const action = params.action ?? "";
  if (!(SHOP_ORDER_ACTIONS as readonly string[]).includes(action)) throw new AppError("not_found", "error.not_found");
  return jsonResponse(await moveShopOrder(actor, params.id ?? "", action as ShopOrderAction));
});

export const action = apiRoute(async (args) => (args.request.method === "POST" ? move(args) : methodNotAllowed(["POST"])));

export const loader = apiRoute(async () => methodNotAllowed(["POST"]));
