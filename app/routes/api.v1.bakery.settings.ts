import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { getBakerySettings, updateBakerySettings } from "~/modules/production/bakery-settings.server";

// GET|PUT /api/v1/bakery/settings — see app/modules/production/api-spec.ts.
export const loader = authedApiRoute(async ({ actor }) => jsonResponse(await getBakerySettings(actor)));

const put = authedApiRoute(async ({ request, actor }) => jsonResponse(await updateBakerySettings(actor, await readJsonBody(request))));

export const action = apiRoute(async (args) => (args.request.method === "PUT" ? put(args) : methodNotAllowed(["GET", "PUT"])));
