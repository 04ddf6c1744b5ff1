import { RouteErrorBoundary } from "~/components/ui/route-error";
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { HomeAttention } from "~/components/home-attention";
import { HomeOrders } from "~/components/home-orders";
import { useT, useTCount } from "~/components/i18n";
import { useOrgLayout } from "~/components/org-nav";
import { PageHeader } from "~/components/ui/layout";
import { loadOrgPage } from "~/http/org-route.server";
import { loadHomeOrders } from "~/http/order-pages.server";
import { getHomeSummary } from "~/modules/org/dashboard.server";
import { summarizeOverdueReceivables, summarizePayables } from "~/modules/receivables/due-summary.server";

export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    // Unread messages come with the layout (the navigation counts them too).
    const [summary, orders, overdue, payables] = await Promise.all([getHomeSummary(actor), loadHomeOrders(actor), summarizeOverdueReceivables(actor), summarizePayables(actor)]);
    return json({ summary, orders, overdue, payables });
  });
}

export default function OrgHome() {
  const t = useT();
  const tc = useTCount();
  const { summary, orders, overdue, payables } = useLoaderData<typeof loader>();
  const { org, user } = useOrgLayout();
  const tiles = [
    { to: "relations", text: tc("org.home.activeRelations", summary.activeRelations), show: true },
    { to: "relations", text: tc("org.home.pendingRelations", summary.pendingRelations), show: summary.pendingRelations > 0, urgent: true },
    { to: "catalog", text: tc("org.home.products", summary.products), show: org.kind === "PRODUCER" },
    { to: "members", text: tc("org.home.members", summary.members), show: true },
  ];
  return (
    <>
      <PageHeader title={t("org.home.welcome", { name: user.name })} description={t("org.home.intro", { org: org.name })} />
      <HomeAttention overdue={overdue} payables={payables} />
      <HomeOrders orders={orders} />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {tiles
          .filter((tile) => tile.show)
          .map((tile) => (
            <li key={tile.text}>
              <Link to={tile.to} className={`card block p-5 hover:ring-brand-300 ${tile.urgent ? "bg-amber-50 ring-amber-300" : ""}`}>
                <span className="text-sm font-medium">{tile.text}</span>
              </Link>
            </li>
          ))}
      </ul>
    </>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
