import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { getProducerClosures, putProducerClosures } from "~/modules/standing/calendar.server";

// GET|PUT /api/v1/bakery/closures — see app/modules/standing/api-spec.ts.
export const loader = authedApiRoute(async ({ actor }) => jsonResponse(await getProducerClosures(actor)));

const put = authedApiRoute(async ({ request, actor }) => jsonResponse(await putProducerClosures(actor, await readJsonBody(request))));

export const action = apiRoute(async (args) => (args.request.method === "PUT" ? put(args) : methodNotAllowed(["GET", "PUT"])));
