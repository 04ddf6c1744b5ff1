import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { getIntakeBoard } from "~/modules/intake/board.server";
import { takeInOrders } from "~/modules/intake/take-in.server";

// GET /api/v1/intake/:date (the board) and POST /api/v1/intake/:date {orderIds?} (take in) — see app/modules/intake/api-spec.ts.
export const loader = authedApiRoute(async ({ params, actor }) => jsonResponse(await getIntakeBoard(actor, params.date)));

const takeIn = authedApiRoute(async ({ request, params, actor }) => jsonResponse(await takeInOrders(actor, params.date, await readJsonBody(request))));

export const action = apiRoute(async (args) => (args.request.method === "POST" ? takeIn(args) : methodNotAllowed(["GET", "POST"])));
