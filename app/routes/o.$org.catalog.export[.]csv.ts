import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadOrgPage } from "~/http/org-route.server";
import { exportCatalogCsv } from "~/modules/catalog/csv-export.server";

// GET /o/:org/catalog/export.csv — the producer's catalog as a CSV download (same format as the import).
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor, language }) => {
    const { filename, text } = await exportCatalogCsv(actor, language);
    return new Response(text, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
