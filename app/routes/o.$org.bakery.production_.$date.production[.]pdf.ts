import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileResponse } from "~/http/download.server";
import { loadOrgPage } from "~/http/org-route.server";
import { getProductionPdf } from "~/modules/production/documents.server";

// GET /o/:org/bakery/production/:date/production.pdf?families= — the production list for the bakehouse.
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    const { filename, bytes } = await getProductionPdf(actor, args.params.date, Object.fromEntries(new URL(args.request.url).searchParams));
    return fileResponse({ filename, contentType: "application/pdf", bytes }, "inline");
  });
}
