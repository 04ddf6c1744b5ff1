import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { createShop, listShops } from "~/modules/production/shops.server";

// GET|POST /api/v1/shops — see app/modules/production/api-spec.ts.
export const loader = authedApiRoute(async ({ actor }) => jsonResponse(await listShops(actor)));

const create = authedApiRoute(async ({ request, actor }) => jsonResponse(await createShop(actor, await readJsonBody(request)), 201));

export const action = apiRoute(async (args) => (args.request.method === "POST" ? create(args) : methodNotAllowed(["GET", "POST"])));
