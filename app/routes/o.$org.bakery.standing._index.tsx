import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BakeryNav } from "~/components/bakery-nav";
import { RetailerStanding } from "~/components/bakery/retailer-standing";
import { useT } from "~/components/i18n";
import { useOrgLayout } from "~/components/org-nav";
import { EmptyState, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { handleConformForm } from "~/http/conform-form.server";
import { loadOrgPage } from "~/http/org-route.server";
import { redirectWithToast } from "~/http/toast.server";
import type { MessageKey } from "~/locales";
import { retailerStandingSchema, weekdaysFromGrid } from "~/modules/standing/forms";
import { retailerStanding, standingCustomers } from "~/modules/standing/pages.server";
import { createProposal } from "~/modules/standing/proposals.server";

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

// /o/:org/bakery/standing — the producer's customers with their standing orders (one page per
// customer to edit it); the retailer's own standing order per bakery, and its proposals.
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) =>
    actor.orgKind === "PRODUCER"
      ? json({ kind: "PRODUCER" as const, customers: await standingCustomers(actor), bakeries: [] })
      : json({ kind: "RETAILER" as const, customers: [], bakeries: await retailerStanding(actor) }),
  );
}

export async function action(args: ActionFunctionArgs) {
  return handleConformForm(args, retailerStandingSchema, async ({ actor, t, value }) => {
    await createProposal(actor, { relation: value.relation, effectiveFrom: value.effectiveFrom, weekdays: weekdaysFromGrid(value.q) });
    return redirectWithToast(`/o/${actor.orgSlug}/bakery/standing`, t("standing.retailer.sent"));
  });
}

export default function StandingPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <BakeryNav />
      <PageHeader title={t("standing.title")} description={t(data.kind === "PRODUCER" ? "standing.intro.producer" : "standing.intro.retailer")} />
      {data.kind === "PRODUCER" ? (
        <CustomerList customers={data.customers} />
      ) : data.bakeries.length === 0 ? (
        <EmptyState title={t("standing.retailer.noBakery")} />
      ) : (
        <div className="space-y-10">
          {data.bakeries.map((bakery) => (
            <section key={bakery.relationId} aria-label={bakery.producer.name}>
              <h2 className="mb-3 text-lg font-semibold text-stone-900">{bakery.producer.name}</h2>
              <RetailerStanding bakery={bakery} />
            </section>
          ))}
        </div>
      )}
    </>
  );
}

type Customer = { relationId: string; name: string; round: number | null; roundPosition: number | null; days: { day: string; lines: number; quantity: number }[] };

function CustomerList({ customers }: { customers: Customer[] }) {
  const t = useT();
  const { org } = useOrgLayout();
  if (customers.length === 0) return <EmptyState title={t("standing.customers.empty")} description={t("standing.customers.emptyHint")} />;
  return (
    <div className="card overflow-x-auto">
      <table className="min-w-full text-sm">
        <thead className="bg-stone-50 text-left text-stone-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">{t("standing.col.customer")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("standing.col.round")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("standing.col.position")}</th>
            {customers[0].days.map((d) => (
              <th key={d.day} scope="col" className="px-2 py-2 text-right font-medium">{t(`bakery.weekday.${d.day}` as MessageKey).slice(0, 3)}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {customers.map((c) => (
            <tr key={c.relationId}>
              <th scope="row" className="px-4 py-2 text-left font-medium">
                <Link to={`/o/${org.slug}/bakery/standing/${c.relationId}`} className="text-brand-700 hover:underline">{c.name}</Link>
              </th>
              <td className="px-3 py-2">{c.round === null ? "—" : t("bakery.round", { round: c.round })}</td>
              <td className="px-3 py-2 tabular-nums">{c.roundPosition ?? "—"}</td>
              {c.days.map((d) => (
                <td key={d.day} className="px-2 py-2 text-right tabular-nums" title={t("standing.customers.dayTitle", { lines: d.lines })}>
                  {d.lines ? d.quantity : "·"}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
