import { apiRoute, authedApiRoute, methodNotAllowed } from "~/http/api.server";
import { fileResponse } from "~/http/download.server";
import { getPurchaseOrderPdf } from "~/modules/order/documents.server";

// GET /api/v1/orders/:id/purchase-order.pdf (see app/modules/order/documents-api-spec.ts).
export const loader = authedApiRoute(async ({ params, actor }) => {
  const { filename, bytes } = await getPurchaseOrderPdf(actor, params.id ?? "");
  return fileResponse({ filename, contentType: "application/pdf", bytes }, "inline");
});

export const action = apiRoute(async () => methodNotAllowed(["GET"]));
