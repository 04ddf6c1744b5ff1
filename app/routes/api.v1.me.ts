import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed } from "~/http/api.server";
import { getMe } from "~/modules/api-token/me.server";

export const loader = authedApiRoute(async ({ actor }) => jsonResponse(await getMe(actor)));

// Without an action, Remix itself answers other methods: a 405 outside the contract, with a stack.
export const action = apiRoute(async () => methodNotAllowed(["GET"]));
