import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { rejectProposal } from "~/modules/standing/proposals.server";

// POST /api/v1/standing-orders/proposals/:id/reject — see app/modules/standing/api-spec.ts.
const post = authedApiRoute(async ({ request, params, actor }) => jsonResponse(await rejectProposal(actor, params.id!, await readJsonBody(request))));

export const action = apiRoute(async (args) => (args.request.method === "POST" ? post(args) : methodNotAllowed(["POST"])));

export const loader = apiRoute(async () => methodNotAllowed(["POST"]));
