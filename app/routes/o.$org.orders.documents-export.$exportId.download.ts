import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { contentDisposition } from "~/http/download.server";
import { loadOrgPage } from "~/http/org-route.server";
import { openDocumentExportZip } from "~/modules/document-export/document-export.server";

// GET /o/:org/orders/documents-export/:exportId/download — the finished zip (404 before, after it has
// expired, and for anyone but the user who started it).
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    const zip = await openDocumentExportZip(actor, args.params.exportId ?? "");
    return new Response(createReadableStreamFromReadable(zip.stream), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Length": String(zip.sizeBytes),
        "Content-Disposition": contentDisposition("attachment", zip.filename),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  });
}
