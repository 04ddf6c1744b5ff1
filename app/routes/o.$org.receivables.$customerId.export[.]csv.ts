import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadOrgPage } from "~/http/org-route.server";
import { exportCustomerLedgerCsv } from "~/modules/receivables/ledger-csv.server";

// GET /o/:org/receivables/:customerId/export.csv?from=&to=&type= — the ledger the page shows (its
// filters, every page of it) as a CSV download.
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    const query = Object.fromEntries(new URL(args.request.url).searchParams);
    const { filename, csv } = await exportCustomerLedgerCsv(actor, args.params.customerId ?? "", query);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
