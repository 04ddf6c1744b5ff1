import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { revokeApiTokenById } from "~/modules/api-token/api-token.server";
import { createTokenWithPassword } from "~/modules/api-token/token-login.server";

const create = apiRoute(async ({ request, context }) =>
  jsonResponse(await createTokenWithPassword(await readJsonBody(request), context.clientIp), 201),
);

const revokeCurrent = authedApiRoute(async ({ tokenId }) => {
  await revokeApiTokenById(tokenId);
  return new Response(null, { status: 204 });
});

export const action = apiRoute(async (args) => {
  if (args.request.method === "POST") return create(args);
  if (args.request.method === "DELETE") return revokeCurrent(args);
  return methodNotAllowed(["POST", "DELETE"]);
});

export const loader = apiRoute(async () => methodNotAllowed(["POST", "DELETE"]));
