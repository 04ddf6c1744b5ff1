import type { LoaderFunctionArgs } from "@remix-run/node";
import { requestLanguage, requireOrgActor } from "~/http/context.server";
import { pageError } from "~/http/page-errors.server";
import { exportCatalogCsv } from "~/modules/catalog/csv-export.server";

// GET /o/:org/catalog/export.csv — the producer's catalog as a CSV download (same format as the import).
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireOrgActor(request, context, params);
  const language = requestLanguage(request, context);
  try {
    const { filename, text } = await exportCatalogCsv(actor, language);
    return new Response(text, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    throw pageError(error, language);
  }
}
