import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed } from "~/http/api.server";
import { validateDate } from "~/modules/intake/validate.server";

// POST /api/v1/intake/:date/validate — see app/modules/intake/api-spec.ts.
const validate = authedApiRoute(async ({ params, actor }) => jsonResponse(await validateDate(actor, params.date)));

export const action = apiRoute(async (args) => (args.request.method === "POST" ? validate(args) : methodNotAllowed(["POST"])));

export const loader = apiRoute(async () => methodNotAllowed(["POST"]));
