import type { LoaderFunctionArgs } from "@remix-run/node";
import { streamedFileResponse } from "~/http/download.server";
import { loadOrgPage } from "~/http/org-route.server";
import { streamAllDeliveryNotesPdf } from "~/modules/production/documents.server";

// GET /o/:org/bakery/delivery-notes/:date/all.pdf?print=eve — every delivery note of the date, in round order.
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    const { filename, stream } = await streamAllDeliveryNotesPdf(actor, args.params.date, Object.fromEntries(new URL(args.request.url).searchParams));
    return streamedFileResponse({ filename, contentType: "application/pdf", stream }, "inline");
  });
}
