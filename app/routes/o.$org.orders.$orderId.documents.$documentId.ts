import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileResponse } from "~/http/download.server";
import { loadOrgPage } from "~/http/org-route.server";
import { readOrderDocument } from "~/modules/order/documents.server";

// GET /o/:org/orders/:orderId/documents/:documentId — a document of the order, as a download.
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    const file = await readOrderDocument(actor, args.params.orderId ?? "", args.params.documentId ?? "");
    return fileResponse(file, "attachment");
  });
}
