import { apiRoute, authedApiRoute, methodNotAllowed } from "~/http/api.server";
import { fileResponse } from "~/http/download.server";
import { getInvoicePdf } from "~/modules/invoice/documents.server";

// GET /api/v1/invoices/:id/invoice.pdf (see app/modules/invoice/documents-api-spec.ts).
export const loader = authedApiRoute(async ({ params, actor }) => {
  const { filename, bytes } = await getInvoicePdf(actor, params.id ?? "");
  return fileResponse({ filename, contentType: "application/pdf", bytes }, "inline");
});

export const action = apiRoute(async () => methodNotAllowed(["GET"]));
