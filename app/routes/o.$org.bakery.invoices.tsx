import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { BakeryNav } from "~/components/bakery-nav";
import { useFormat, useT } from "~/components/i18n";
import { useDeliveryDate } from "~/components/orders";
import { useOrgLayout } from "~/components/org-nav";
import { EmptyState, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { loadOrgPage } from "~/http/org-route.server";
import type { MessageKey } from "~/locales";
import { formatCents } from "~/utils/money";
import { getInvoicesByYear } from "~/modules/invoice/periodic-invoices.server";

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

// /o/:org/bakery/invoices — the retailer's invoices by year (the seed's "supervisor" access: OWNER and
// ACCOUNTANT; STAFF gets 403): number, date, supplier, the orders each covers, total, status, PDF.
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => json(await getInvoicesByYear(actor, Object.fromEntries(new URL(args.request.url).searchParams))));
}

export default function InvoicesByYearPage() {
  const t = useT();
  const fmt = useFormat();
  const day = useDeliveryDate();
  const { org } = useOrgLayout();
  const { year, years, invoices } = useLoaderData<typeof loader>();
  return (
    <>
      <BakeryNav />
      <PageHeader title={t("periodic.invoices.title")} description={t("periodic.invoices.intro")} />
      {years.length ? (
        <Form method="get" className="card mb-4 flex flex-wrap items-end gap-3 p-4">
          <div>
            <label htmlFor="year" className="label">
              {t("periodic.invoices.year")}
            </label>
            <select id="year" name="year" defaultValue={year ?? undefined} className="input mt-1">
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn-secondary">
            {t("periodic.filter.show")}
          </button>
        </Form>
      ) : null}
      {invoices.length === 0 ? (
        <EmptyState title={t("periodic.invoices.empty.title")} description={t("periodic.invoices.empty.description")} />
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base" data-testid="invoices-by-year">
            <thead className="bg-stone-50">
              <tr>
                <th scope="col">{t("periodic.invoices.col.number")}</th>
                <th scope="col">{t("periodic.invoices.col.date")}</th>
                <th scope="col">{t("periodic.invoices.col.producer")}</th>
                <th scope="col">{t("periodic.invoices.col.orders")}</th>
                <th scope="col" className="!text-right">
                  {t("periodic.invoices.col.total")}
                </th>
                <th scope="col">{t("periodic.invoices.col.status")}</th>
                <th scope="col">{t("periodic.invoices.col.pdf")}</th>
              </tr>
            </thead>
            <tbody>
              {invoices.map((i) => (
                <tr key={i.id}>
                  <td>
                    <Link to={`/o/${org.slug}/invoices/${i.id}`} className="font-medium text-brand-700 hover:underline">
                      {i.number}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap">{fmt.date(i.issuedAt)}</td>
                  <td>{i.producer.name}</td>
                  <td className="text-sm">{i.orders.map((o) => `#${o.number} (${day(o.deliveryDate)})`).join(", ")}</td>
                  <td className="text-right tabular-nums">{formatCents(i.totalCents, i.currency, fmt.locale)}</td>
                  <td>{t(`invoices.status.${i.status}` as MessageKey)}</td>
                  <td>
                    <a href={`/o/${org.slug}/invoices/${i.id}/invoice.pdf`} className="text-brand-700 hover:underline" aria-label={t("periodic.invoices.pdf", { number: i.number })}>
                      PDF
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return (
    <>
      <BakeryNav />
      <RouteErrorBoundary />
    </>
  );
}
