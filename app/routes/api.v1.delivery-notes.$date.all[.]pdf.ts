import { apiRoute, authedApiRoute, methodNotAllowed } from "~/http/api.server";
import { streamedFileResponse } from "~/http/download.server";
import { streamAllDeliveryNotesPdf } from "~/modules/production/documents.server";

// GET /api/v1/delivery-notes/:date/all.pdf?print=eve — see app/modules/production/api-spec.ts.
export const loader = authedApiRoute(async ({ request, params, actor }) => {
  const { filename, stream } = await streamAllDeliveryNotesPdf(actor, params.date, Object.fromEntries(new URL(request.url).searchParams));
  return streamedFileResponse({ filename, contentType: "application/pdf", stream }, "inline");
});

export const action = apiRoute(async () => methodNotAllowed(["GET"]));
