import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed } from "~/http/api.server";
import { markConversationRead } from "~/modules/chat/chat.server";

// POST /api/v1/orders/:id/messages/read — see app/modules/chat/api-spec.ts.
const read = authedApiRoute(async ({ params, actor }) => jsonResponse(await markConversationRead(actor, params.id!)));

export const action = apiRoute(async (args) => (args.request.method === "POST" ? read(args) : methodNotAllowed(["POST"])));

export const loader = apiRoute(async () => methodNotAllowed(["POST"]));
