import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BakeryNav } from "~/components/bakery-nav";
import { ProductionDayNav } from "~/components/bakery/production-day-nav";
import { useFormat, useT } from "~/components/i18n";
import { useOrgLayout } from "~/components/org-nav";
import { EmptyState, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { loadOrgPage } from "~/http/org-route.server";
import { addDays } from "~/modules/bakery/calendar";
import { isIsoDate, todayIso } from "~/modules/order/dates";
import { listDeliveryNotes } from "~/modules/production/documents.server";

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

// /o/:org/bakery/delivery-notes?date= — the date's customers in round order with their delivery
// note (PDF), every note of the date in one PDF, and tomorrow's notes printed the day before (J−1).
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    const tomorrow = addDays(todayIso(), 1);
    const asked = new URL(args.request.url).searchParams.get("date") ?? "";
    return json({ tomorrow, ...(await listDeliveryNotes(actor, isIsoDate(asked) ? asked : tomorrow)) });
  });
}

export default function DeliveryNotesPage() {
  const t = useT();
  const fmt = useFormat();
  const { org } = useOrgLayout();
  const { tomorrow, date, validated, notes } = useLoaderData<typeof loader>();
  const base = `/o/${org.slug}/bakery/delivery-notes`;
  return (
    <>
      <BakeryNav />
      <PageHeader
        title={t("production.notes.title", { date: fmt.date(date) })}
        description={validated ? t("production.validated") : t("production.notValidated")}
        actions={
          <>
            {notes.length > 0 ? (
              <a href={`${base}/${date}/all.pdf`} className="btn-primary" target="_blank" rel="noreferrer">
                {t("production.notes.all", { count: notes.length })}
              </a>
            ) : null}
            <a href={`${base}/${tomorrow}/all.pdf?print=eve`} className="btn-secondary" target="_blank" rel="noreferrer">
              {t("production.notes.eve")}
            </a>
          </>
        }
      />
      <ProductionDayNav date={date} tomorrow={tomorrow} />
      {notes.length === 0 ? (
        <EmptyState
          title={t("production.notes.empty.title")}
          description={t("production.notes.empty.description")}
          action={
            <Link to={`/o/${org.slug}/bakery/production?date=${date}`} className="btn-secondary">
              {t("bakery.nav.production")}
            </Link>
          }
        />
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base">
            <thead className="bg-stone-50">
              <tr>
                <th scope="col">{t("production.notes.col.round")}</th>
                <th scope="col">{t("production.notes.col.customer")}</th>
                <th scope="col" className="text-right">{t("production.notes.col.lines")}</th>
                <th scope="col" className="text-right">{t("production.notes.col.total")}</th>
                <th scope="col">
                  <span className="sr-only">{t("production.notes.col.pdf")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {notes.map((note) => (
                <tr key={note.customerId}>
                  <td className="whitespace-nowrap">{t("production.notes.roundValue", { round: note.round, position: note.position })}</td>
                  <th scope="row" className="font-medium text-stone-900">
                    {note.customerName}
                    {note.orderNumber ? <span className="block text-xs font-normal text-stone-500">{t("production.notes.order", { number: note.orderNumber })}</span> : null}
                  </th>
                  <td className="text-right tabular-nums">{fmt.number(note.lineCount)}</td>
                  <td className="text-right tabular-nums">{fmt.money(note.totalCents)}</td>
                  <td className="whitespace-nowrap text-right">
                    <a href={`${base}/${date}/${note.customerId}/delivery-note.pdf`} className="link" target="_blank" rel="noreferrer">
                      {t("production.notes.pdf", { name: note.customerName })}
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
  return <RouteErrorBoundary />;
}
