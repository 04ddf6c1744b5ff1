import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { rebuildDeliveryHistory } from "~/modules/intake/history.server";

// POST /api/v1/deliveries/history/rebuild {producer?|customer?} — see app/modules/intake/api-spec.ts.
const rebuild = authedApiRoute(async ({ request, actor }) => jsonResponse(await rebuildDeliveryHistory(actor, await readJsonBody(request))));

export const action = apiRoute(async (args) => (args.request.method === "POST" ? rebuild(args) : methodNotAllowed(["POST"])));

export const loader = apiRoute(async () => methodNotAllowed(["POST"]));
