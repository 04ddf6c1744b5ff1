import { apiRoute, authedApiRoute, methodNotAllowed } from "~/http/api.server";
import { todayIso } from "~/modules/order/dates";
import { exportOrdersCsv } from "~/modules/order/export-orders.server";

// GET /api/v1/orders/export.csv?<the list's filters> — see app/modules/order/api-spec.ts.
export const loader = authedApiRoute(async ({ request, actor }) => {
  const csv = await exportOrdersCsv(actor, Object.fromEntries(new URL(request.url).searchParams));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="orders-${todayIso()}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});

export const action = apiRoute(async () => methodNotAllowed(["GET"]));
