import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { resolveConflict } from "~/modules/intake/take-in.server";

// POST /api/v1/intake/:date/conflicts/:customerId {keepOrderId} — see app/modules/intake/api-spec.ts.
const resolve = authedApiRoute(async ({ request, params, actor }) =>
  jsonResponse(await resolveConflict(actor, params.date, params.customerId!, await readJsonBody(request))),
);

export const action = apiRoute(async (args) => (args.request.method === "POST" ? resolve(args) : methodNotAllowed(["POST"])));

export const loader = apiRoute(async () => methodNotAllowed(["POST"]));
