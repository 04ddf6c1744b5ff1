import { apiRoute, authedApiRoute, methodNotAllowed } from "~/http/api.server";
import { fileResponse } from "~/http/download.server";
import { readAttachment } from "~/modules/chat/chat.server";

// GET /api/v1/orders/:id/attachments/:attachmentId — see app/modules/chat/api-spec.ts.
export const loader = authedApiRoute(async ({ params, actor }) => fileResponse(await readAttachment(actor, params.id!, params.attachmentId!), "attachment"));

export const action = apiRoute(async () => methodNotAllowed(["GET"]));
