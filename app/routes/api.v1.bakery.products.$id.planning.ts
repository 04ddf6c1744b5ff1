import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { getProductPlanning, putProductPlanning } from "~/modules/standing/calendar.server";

// GET|PUT /api/v1/bakery/products/:id/planning — see app/modules/standing/api-spec.ts.
export const loader = authedApiRoute(async ({ params, actor }) => jsonResponse(await getProductPlanning(actor, params.id!)));

const put = authedApiRoute(async ({ request, params, actor }) => jsonResponse(await putProductPlanning(actor, params.id!, await readJsonBody(request))));

export const action = apiRoute(async (args) => (args.request.method === "PUT" ? put(args) : methodNotAllowed(["GET", "PUT"])));
