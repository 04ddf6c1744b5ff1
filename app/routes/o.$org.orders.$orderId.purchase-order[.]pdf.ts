import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileResponse } from "~/http/download.server";
import { loadOrgPage } from "~/http/org-route.server";
import { getPurchaseOrderPdf } from "~/modules/order/documents.server";

// GET /o/:org/orders/:orderId/purchase-order.pdf — the order's purchase order, shown in the browser.
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    const { filename, bytes } = await getPurchaseOrderPdf(actor, args.params.orderId ?? "");
    return fileResponse({ filename, contentType: "application/pdf", bytes }, "inline");
  });
}
