import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed } from "~/http/api.server";
import { readChatPost } from "~/http/chat-post.server";
import { chatFileTooLargeError, listMessages, postMessage } from "~/modules/chat/chat.server";

// GET and POST /api/v1/orders/:id/messages — see app/modules/chat/api-spec.ts.
export const loader = authedApiRoute(async ({ params, actor }) => jsonResponse(await listMessages(actor, params.id!)));

const post = authedApiRoute(async ({ request, params, actor }) => {
  const { fields, file, tooLarge } = await readChatPost(request);
  if (tooLarge) throw chatFileTooLargeError();
  return jsonResponse(await postMessage(actor, params.id!, fields, file), 201);
});

export const action = apiRoute(async (args) => (args.request.method === "POST" ? post(args) : methodNotAllowed(["GET", "POST"])));
