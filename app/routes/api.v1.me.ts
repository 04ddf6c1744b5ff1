import { authedApiRoute, jsonResponse } from "~/http/api.server";
import { getMe } from "~/modules/api-token/me.server";

export const loader = authedApiRoute(async ({ actor }) => jsonResponse(await getMe(actor)));
