import { apiRoute, authedApiRoute, methodNotAllowed } from "~/http/api.server";
import { fileResponse } from "~/http/download.server";
import { getCreditNotePdf } from "~/modules/invoice/documents.server";

// GET /api/v1/credit-notes/:id/credit-note.pdf (see app/modules/invoice/documents-api-spec.ts).
export const loader = authedApiRoute(async ({ params, actor }) => {
  const { filename, bytes } = await getCreditNotePdf(actor, params.id ?? "");
  return fileResponse({ filename, contentType: "application/pdf", bytes }, "inline");
});

export const action = apiRoute(async () => methodNotAllowed(["GET"]));
