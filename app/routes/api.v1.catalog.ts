import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed } from "~/http/api.server";
import { getApiCatalog } from "~/modules/catalog/partner-catalog.server";

// GET /api/v1/catalog?producer=<orgId> (see app/modules/catalog/api-spec.ts).
export const loader = authedApiRoute(async ({ request, actor }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return jsonResponse(await getApiCatalog(actor, query));
});

export const action = apiRoute(async () => methodNotAllowed(["GET"]));
