import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { createDifference, listDifferences } from "~/modules/standing/deliveries.server";

// GET|POST /api/v1/deliveries/:date/differences — see app/modules/standing/api-spec.ts.
export const loader = authedApiRoute(async ({ request, params, actor }) =>
  jsonResponse(await listDifferences(actor, params.date, Object.fromEntries(new URL(request.url).searchParams))),
);

const post = authedApiRoute(async ({ request, params, actor }) => jsonResponse(await createDifference(actor, params.date, await readJsonBody(request)), 201));

export const action = apiRoute(async (args) => (args.request.method === "POST" ? post(args) : methodNotAllowed(["GET", "POST"])));
