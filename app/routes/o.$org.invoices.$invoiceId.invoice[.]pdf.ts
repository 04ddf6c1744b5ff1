import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileResponse } from "~/http/download.server";
import { loadOrgPage } from "~/http/org-route.server";
import { getInvoicePdf } from "~/modules/invoice/documents.server";

// GET /o/:org/invoices/:invoiceId/invoice.pdf — the invoice as published, shown in the browser.
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    const { filename, bytes } = await getInvoicePdf(actor, args.params.invoiceId ?? "");
    return fileResponse({ filename, contentType: "application/pdf", bytes }, "inline");
  });
}
