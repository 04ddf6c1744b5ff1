import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileResponse } from "~/http/download.server";
import { loadOrgPage } from "~/http/org-route.server";
import { readAttachment } from "~/modules/chat/chat.server";

// GET /o/:org/orders/:orderId/attachments/:attachmentId — a file sent in the order's conversation:
// images open in the browser (the chat shows them), PDFs download.
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    const file = await readAttachment(actor, args.params.orderId ?? "", args.params.attachmentId ?? "");
    return fileResponse(file, file.contentType.startsWith("image/") ? "inline" : "attachment");
  });
}
