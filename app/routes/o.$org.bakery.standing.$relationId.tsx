import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BakeryNav } from "~/components/bakery-nav";
import { ClosuresEditor } from "~/components/bakery/closures-editor";
import { IntentForm, useTypedValues } from "~/components/bakery/intent-form";
import { StandingDaysTable, StandingGrid, typedGrid } from "~/components/bakery/standing-grid";
import { StandingHistory } from "~/components/bakery/standing-history";
import { useDecimalInput } from "~/components/catalog";
import { useFormat, useT } from "~/components/i18n";
import { useOrgLayout } from "~/components/org-nav";
import { Card, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { SubmitButton } from "~/components/ui/submit-button";
import { handleConformForm } from "~/http/conform-form.server";
import { loadOrgPage } from "~/http/org-route.server";
import { redirectWithToast } from "~/http/toast.server";
import type { MessageKey } from "~/locales";
import { getRelationCalendar, putRelationCalendar } from "~/modules/standing/calendar.server";
import { pricesFromFields, standingPageSchema, weekdaysFromGrid } from "~/modules/standing/forms";
import { standingCustomerPage } from "~/modules/standing/pages.server";
import { putStandingOrder } from "~/modules/standing/standing-orders.server";

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

// /o/:org/bakery/standing/:relationId — one customer's standing order (weekdays × items, round and
// place, special prices; saving writes the next version), its history, and its delivery calendar.
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => json(await standingCustomerPage(actor, args.params.relationId!)));
}

export async function action(args: ActionFunctionArgs) {
  const relationId = args.params.relationId!;
  return handleConformForm(args, standingPageSchema, async ({ actor, t, value }) => {
    const here = `/o/${actor.orgSlug}/bakery/standing/${relationId}`;
    if (value.intent === "standing") {
      await putStandingOrder(actor, { relation: relationId }, {
        effectiveFrom: value.effectiveFrom,
        round: value.round,
        roundPosition: value.roundPosition,
        weekdays: weekdaysFromGrid(value.q),
        prices: pricesFromFields(value.price),
      });
      return redirectWithToast(here, t("standing.saved"));
    }
    const calendar = await getRelationCalendar(actor, relationId);
    const closures =
      value.intent === "add-closure"
        ? [...calendar.closures, { from: value.from, to: value.to, note: value.note ?? "" }]
        : value.intent === "remove-closure"
          ? calendar.closures.filter((_, i) => i !== value.index)
          : calendar.closures;
    const openWeekdays = value.intent === "open-days" ? value.days : calendar.openWeekdays;
    await putRelationCalendar(actor, relationId, { openWeekdays, closures });
    return redirectWithToast(`${here}#calendar`, t("standing.calendar.saved"));
  });
}

export default function StandingCustomerPage() {
  const t = useT();
  const fmt = useFormat();
  const decimal = useDecimalInput();
  const { org } = useOrgLayout();
  const { standing, calendar, formats } = useLoaderData<typeof loader>();
  const typed = useTypedValues("standing");
  const specialPrice = new Map(standing.prices.map((p) => [p.formatId, p.unitPrice4]));
  return (
    <>
      <BakeryNav />
      <PageHeader
        title={standing.customer.name}
        description={standing.effectiveFrom ? t("standing.since", { date: fmt.date(standing.effectiveFrom) }) : t("standing.none")}
        actions={<Link to={`/o/${org.slug}/bakery/standing`} className="btn-secondary">{t("standing.back")}</Link>}
      />
      <div className="space-y-6">
        {standing.upcoming ? (
          <Card title={t("standing.upcoming", { date: fmt.date(standing.upcoming.effectiveFrom) })}>
            <StandingDaysTable formats={formats} weekdays={standing.upcoming.weekdays} compare={standing.weekdays} />
          </Card>
        ) : null}
        <Card title={t("standing.edit.title")}>
          <IntentForm intent="standing" className="space-y-5">
            <p className="text-sm text-stone-600">{t("standing.edit.hint")}</p>
            <div className="flex flex-wrap gap-4">
              <label className="text-sm">
                <span className="label">{t("standing.edit.effectiveFrom")}</span>
                <input type="date" name="effectiveFrom" className="input mt-1" />
              </label>
              <label className="text-sm">
                <span className="label">{t("standing.col.round")}</span>
                <select name="round" defaultValue={String(standing.round)} className="input mt-1">
                  {[0, 1, 2, 3].map((r) => (
                    <option key={r} value={r}>{t("bakery.round", { round: r })}</option>
                  ))}
                </select>
              </label>
              <label className="text-sm">
                <span className="label">{t("standing.col.position")}</span>
                <input type="number" name="roundPosition" min={0} max={100000} defaultValue={standing.roundPosition} className="input mt-1 w-24" />
              </label>
            </div>
            <StandingGrid formats={formats} values={typedGrid(typed) ?? standing.weekdays} />
            <details className="rounded-md ring-1 ring-stone-200" open={standing.prices.length > 0}>
              <summary className="cursor-pointer px-3 py-2 text-sm font-medium">{t("standing.prices.title")}</summary>
              <div className="overflow-x-auto px-3 pb-3">
                <table className="min-w-full text-sm">
                  <thead className="text-left text-stone-600">
                    <tr>
                      <th scope="col" className="py-1 pr-3 font-medium">{t("standing.grid.item")}</th>
                      <th scope="col" className="py-1 pr-3 text-right font-medium">{t("standing.prices.catalog")}</th>
                      <th scope="col" className="py-1 font-medium">{t("standing.prices.special")}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-stone-100">
                    {formats.map((f) => {
                      const special = specialPrice.get(f.id);
                      return (
                        <tr key={f.id}>
                          <th scope="row" className="py-1 pr-3 text-left font-normal">{f.productName} — {f.name}</th>
                          <td className="py-1 pr-3 text-right tabular-nums">{fmt.unitPrice(f.unitPrice4)}</td>
                          <td className="py-1">
                            <input
                              name={`price.${f.id}`}
                              inputMode="decimal"
                              defaultValue={special === undefined ? "" : decimal(special, 4, 2)}
                              aria-label={t("standing.prices.specialFor", { item: `${f.productName} — ${f.name}` })}
                              className="input w-28 text-right"
                            />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </details>
            <div className="flex justify-end">
              <SubmitButton>{t("standing.edit.save")}</SubmitButton>
            </div>
          </IntentForm>
        </Card>

        <Card title={t("standing.history.title")}>
          <StandingHistory versions={standing.versions} formats={formats} />
        </Card>

        <section id="calendar" className="card space-y-5 p-5">
          <h2 className="text-base font-semibold text-stone-900">{t("standing.calendar.title")}</h2>
          <IntentForm intent="open-days" className="space-y-3">
            <fieldset>
              <legend className="label">{t("standing.calendar.openDays")}</legend>
              <div className="mt-2 flex flex-wrap gap-3">
                {[1, 2, 3, 4, 5, 6, 7].map((day) => (
                  <label key={day} className="inline-flex items-center gap-1.5 text-sm">
                    <input type="checkbox" name="days" value={day} defaultChecked={calendar.openWeekdays.includes(day)} />
                    {t(`bakery.weekday.${day}` as MessageKey)}
                  </label>
                ))}
              </div>
            </fieldset>
            <SubmitButton className="btn-secondary">{t("standing.calendar.saveDays")}</SubmitButton>
          </IntentForm>
          <div>
            <h3 className="mb-2 text-sm font-semibold text-stone-800">{t("standing.calendar.closures")}</h3>
            <ClosuresEditor closures={calendar.closures} />
          </div>
        </section>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  const t = useT();
  const { org } = useOrgLayout();
  return <RouteErrorBoundary backTo={`/o/${org.slug}/bakery/standing`} backLabel={t("standing.back")} />;
}
