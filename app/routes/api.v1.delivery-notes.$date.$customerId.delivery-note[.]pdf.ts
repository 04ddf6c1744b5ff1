import { apiRoute, authedApiRoute, methodNotAllowed } from "~/http/api.server";
import { fileResponse } from "~/http/download.server";
import { getDeliveryNotePdf } from "~/modules/production/documents.server";

// GET /api/v1/delivery-notes/:date/:customerId/delivery-note.pdf?print=eve — see app/modules/production/api-spec.ts.
export const loader = authedApiRoute(async ({ request, params, actor }) => {
  const { filename, bytes } = await getDeliveryNotePdf(actor, params.date, params.customerId ?? "", Object.fromEntries(new URL(request.url).searchParams));
  return fileResponse({ filename, contentType: "application/pdf", bytes }, "inline");
});

export const action = apiRoute(async () => methodNotAllowed(["GET"]));
