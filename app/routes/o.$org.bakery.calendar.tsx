import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BakeryNav } from "~/components/bakery-nav";
import { ClosuresEditor } from "~/components/bakery/closures-editor";
import { IntentForm } from "~/components/bakery/intent-form";
import { useT } from "~/components/i18n";
import { useOrgLayout } from "~/components/org-nav";
import { Card, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { SubmitButton } from "~/components/ui/submit-button";
import { handleConformForm } from "~/http/conform-form.server";
import { loadOrgPage } from "~/http/org-route.server";
import { redirectWithToast } from "~/http/toast.server";
import type { MessageKey } from "~/locales";
import { parseWeekdays } from "~/modules/bakery/calendar";
import { getProducerClosures, listProductPlanning, putProducerClosures, putProductsPlanning } from "~/modules/standing/calendar.server";
import { calendarPageSchema } from "~/modules/standing/forms";
import { standingCustomers } from "~/modules/standing/pages.server";

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

// /o/:org/bakery/calendar — the producer's own closed days, the weekdays each product is made, and a
// link to each customer's calendar (open weekdays and closures, on its standing-order page).
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) =>
    json({ closures: (await getProducerClosures(actor)).closures, products: await listProductPlanning(actor), customers: await standingCustomers(actor) }),
  );
}

export async function action(args: ActionFunctionArgs) {
  return handleConformForm(args, calendarPageSchema, async ({ actor, t, value }) => {
    const here = `/o/${actor.orgSlug}/bakery/calendar`;
    if (value.intent === "planning") {
      await putProductsPlanning(actor, value.product.map((productId) => ({ productId, weekdays: value.days?.[productId] ?? [] })));
      return redirectWithToast(`${here}#planning`, t("standing.planning.saved"));
    }
    const { closures } = await getProducerClosures(actor);
    const next = value.intent === "add-closure" ? [...closures, { from: value.from, to: value.to, note: value.note ?? "" }] : closures.filter((_, i) => i !== value.index);
    await putProducerClosures(actor, { closures: next });
    return redirectWithToast(here, t("standing.calendar.saved"));
  });
}

export default function BakeryCalendarPage() {
  const t = useT();
  const { org } = useOrgLayout();
  const { closures, products, customers } = useLoaderData<typeof loader>();
  const dayName = (day: number) => t(`bakery.weekday.${day}` as MessageKey);
  return (
    <>
      <BakeryNav />
      <PageHeader title={t("standing.calendar.pageTitle")} description={t("standing.calendar.intro")} />
      <div className="space-y-6">
        <Card title={t("standing.calendar.producerClosures")}>
          <ClosuresEditor closures={closures} />
        </Card>

        <section id="planning" className="card p-5">
          <h2 className="mb-1 text-base font-semibold text-stone-900">{t("standing.planning.title")}</h2>
          <p className="mb-4 text-sm text-stone-600">{t("standing.planning.intro")}</p>
          {products.length === 0 ? (
            <p className="text-sm text-stone-600">{t("standing.grid.noFormats")}</p>
          ) : (
            <IntentForm intent="planning" className="space-y-4">
              <div className="overflow-x-auto">
                <table className="min-w-full text-sm">
                  <thead className="text-left text-stone-600">
                    <tr>
                      <th scope="col" className="py-2 pr-3 font-medium">{t("standing.planning.product")}</th>
                      {DAYS.map((d) => (
                        <th key={d} scope="col" className="px-2 py-2 text-center font-medium">{dayName(d).slice(0, 3)}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-stone-100">
                    {products.map((p) => (
                      <tr key={p.id}>
                        <th scope="row" className="py-1 pr-3 text-left font-normal">
                          <input type="hidden" name="product" value={p.id} />
                          {p.name} {p.family ? <span className="text-xs text-stone-500">({p.family})</span> : null}
                        </th>
                        {DAYS.map((d) => (
                          <td key={d} className="px-2 py-1 text-center">
                            <input type="checkbox" name={`days.${p.id}`} value={d} defaultChecked={p.weekdays.includes(d)} aria-label={`${p.name}, ${dayName(d)}`} />
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="flex justify-end">
                <SubmitButton>{t("standing.planning.save")}</SubmitButton>
              </div>
            </IntentForm>
          )}
        </section>

        <Card title={t("standing.calendar.customers")}>
          {customers.length === 0 ? (
            <p className="text-sm text-stone-600">{t("standing.customers.empty")}</p>
          ) : (
            <ul className="divide-y divide-stone-100 text-sm">
              {customers.map((c) => (
                <li key={c.relationId} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <Link to={`/o/${org.slug}/bakery/standing/${c.relationId}#calendar`} className="font-medium text-brand-700 hover:underline">{c.name}</Link>
                  <span className="text-stone-600">{parseWeekdays(c.openWeekdays).map((d) => dayName(d).slice(0, 3)).join(" · ") || t("standing.calendar.neverOpen")}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
