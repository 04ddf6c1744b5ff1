import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { getStandingOrder, putStandingOrder } from "~/modules/standing/standing-orders.server";

// GET|PUT /api/v1/standing-orders?relation= — see app/modules/standing/api-spec.ts.
const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

export const loader = authedApiRoute(async ({ request, actor }) => jsonResponse(await getStandingOrder(actor, query(request))));

const put = authedApiRoute(async ({ request, actor }) => jsonResponse(await putStandingOrder(actor, query(request), await readJsonBody(request))));

export const action = apiRoute(async (args) => (args.request.method === "PUT" ? put(args) : methodNotAllowed(["GET", "PUT"])));
