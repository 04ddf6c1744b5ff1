import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed } from "~/http/api.server";
import { readChatPost } from "~/http/chat-post.server";
import { isMultipart } from "~/http/multipart.server";
import { chatFileTooLargeError, listMessages, postMessage } from "~/modules/chat/chat.server";
import { assertOrderVisible } from "~/modules/order/documents.server";

// GET and POST /api/v1/orders/:id/messages — see app/modules/chat/api-spec.ts.
export const loader = authedApiRoute(async ({ params, actor }) => jsonResponse(await listMessages(actor, params.id!)));

const post = authedApiRoute(async ({ request, params, actor }) => {
  // A foreign or made-up order answers 404 before an upload is parsed.
  if (isMultipart(request)) await assertOrderVisible(actor, params.id!);
  const { fields, file, oversize } = await readChatPost(request, "api");
  if (oversize) throw chatFileTooLargeError(oversize);
  return jsonResponse(await postMessage(actor, params.id!, fields, file), 201);
});

export const action = apiRoute(async (args) => (args.request.method === "POST" ? post(args) : methodNotAllowed(["GET", "POST"])));
