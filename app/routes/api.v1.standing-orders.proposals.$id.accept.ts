import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { acceptProposal } from "~/modules/standing/proposals.server";

// POST /api/v1/standing-orders/proposals/:id/accept — see app/modules/standing/api-spec.ts.
const post = authedApiRoute(async ({ request, params, actor }) => jsonResponse(await acceptProposal(actor, params.id!, await readJsonBody(request))));

export const action = apiRoute(async (args) => (args.request.method === "POST" ? post(args) : methodNotAllowed(["POST"])));

export const loader = apiRoute(async () => methodNotAllowed(["POST"]));
