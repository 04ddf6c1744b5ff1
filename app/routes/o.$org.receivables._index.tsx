import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/components/i18n";
import { useOrgLayout } from "~/components/org-nav";
import { BalancesTable } from "~/components/receivables";
import { EmptyState, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { loadOrgPage } from "~/http/org-route.server";
import { listCustomerBalances } from "~/modules/receivables/balances.server";

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

// /o/:org/receivables — the customers that owe the seller side, largest open balance first.
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => json({ customers: await listCustomerBalances(actor) }));
}

export default function ReceivablesPage() {
  const t = useT();
  const { org } = useOrgLayout();
  const { customers } = useLoaderData<typeof loader>();
  const multiSeller = new Set(customers.map((c) => c.seller.id)).size > 1;
  return (
    <>
      <PageHeader title={t("receivables.title")} description={t("receivables.intro")} />
      {customers.length === 0 ? (
        <EmptyState
          title={t("receivables.empty")}
          description={t("receivables.emptyHint")}
          action={
            <Link to={`/o/${org.slug}/relations`} className="btn-secondary">
              {t("receivables.seeCustomers")}
            </Link>
          }
        />
      ) : (
        <BalancesTable
          rows={customers}
          party="customer"
          linkTo={(r) => `/o/${org.slug}/receivables/${r.customer.id}${multiSeller ? `?seller=${r.seller.id}` : ""}`}
        />
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
