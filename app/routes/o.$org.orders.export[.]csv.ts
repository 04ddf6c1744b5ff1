import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadOrgPage } from "~/http/org-route.server";
import { orderListQuery } from "~/http/order-pages.server";
import { todayIso } from "~/modules/order/dates";
import { exportOrdersCsv } from "~/modules/order/export-orders.server";

// GET /o/:org/orders/export.csv?<the list's filters> — the orders the list shows, as a CSV download.
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    const { query } = orderListQuery(new URL(args.request.url).searchParams);
    const { cursor: _cursor, ...filters } = query;
    const text = await exportOrdersCsv(actor, filters);
    return new Response(text, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="orders-${actor.orgSlug}-${todayIso()}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
