import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileResponse } from "~/http/download.server";
import { loadOrgPage } from "~/http/org-route.server";
import { getCreditNotePdf } from "~/modules/invoice/documents.server";

// GET /o/:org/credit-notes/:creditNoteId/credit-note.pdf — the credit note as issued, shown in the browser.
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    const { filename, bytes } = await getCreditNotePdf(actor, args.params.creditNoteId ?? "");
    return fileResponse({ filename, contentType: "application/pdf", bytes }, "inline");
  });
}
