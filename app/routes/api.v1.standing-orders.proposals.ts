import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { createProposal, listProposals } from "~/modules/standing/proposals.server";

// GET|POST /api/v1/standing-orders/proposals — see app/modules/standing/api-spec.ts.
export const loader = authedApiRoute(async ({ request, actor }) => jsonResponse(await listProposals(actor, Object.fromEntries(new URL(request.url).searchParams))));

const post = authedApiRoute(async ({ request, actor }) => jsonResponse(await createProposal(actor, await readJsonBody(request)), 201));

export const action = apiRoute(async (args) => (args.request.method === "POST" ? post(args) : methodNotAllowed(["GET", "POST"])));
