import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { getLeftovers, putLeftovers } from "~/modules/production/leftovers.server";

// GET /api/v1/leftovers/:date?shop=, PUT /api/v1/leftovers/:date — see app/modules/production/api-spec.ts.
export const loader = authedApiRoute(async ({ request, params, actor }) =>
  jsonResponse(await getLeftovers(actor, params.date ?? "", Object.fromEntries(new URL(request.url).searchParams))),
);

const put = authedApiRoute(async ({ request, params, actor }) => jsonResponse(await putLeftovers(actor, params.date ?? "", await readJsonBody(request))));

export const action = apiRoute(async (args) => (args.request.method === "PUT" ? put(args) : methodNotAllowed(["GET", "PUT"])));
