import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileResponse } from "~/http/download.server";
import { loadOrgPage } from "~/http/org-route.server";
import { getDeliveryNotePdf } from "~/modules/production/documents.server";

// GET /o/:org/bakery/delivery-notes/:date/:customerId/delivery-note.pdf?print=eve — one customer's delivery note.
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    const { filename, bytes } = await getDeliveryNotePdf(actor, args.params.date, args.params.customerId ?? "", Object.fromEntries(new URL(args.request.url).searchParams));
    return fileResponse({ filename, contentType: "application/pdf", bytes }, "inline");
  });
}
