import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { BakeryNav } from "~/components/bakery-nav";
import { IntentForm } from "~/components/bakery/intent-form";
import { useFormat, useT } from "~/components/i18n";
import { Card, EmptyState, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { SubmitButton } from "~/components/ui/submit-button";
import { handleConformForm } from "~/http/conform-form.server";
import { loadOrgPage } from "~/http/org-route.server";
import { redirectWithToast } from "~/http/toast.server";
import { addDays } from "~/modules/bakery/calendar";
import { isIsoDate, todayIso } from "~/modules/order/dates";
import { createDifference, getDeliveries, listDifferences } from "~/modules/standing/deliveries.server";
import { deltasFromFields, differencePageSchema } from "~/modules/standing/forms";
import { catalogFormats, retailerBakeries } from "~/modules/standing/pages.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

// /o/:org/bakery/differences?date=&producer= — the retailer's day order for a date (default tomorrow)
// and its differences (+/− per item, or an item added); once the bakery validated the date, or when it
// is past, the page says to call the bakery and shows no form.
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    const url = new URL(args.request.url);
    const today = todayIso();
    const asked = url.searchParams.get("date") ?? "";
    const date = isIsoDate(asked) ? asked : addDays(today, 1);
    const bakeries = await retailerBakeries(actor);
    const producer = bakeries.find((b) => b.id === url.searchParams.get("producer")) ?? bakeries[0];
    if (!producer) return json({ date, today, bakeries, producer: null, day: null, differences: [], formats: [] });
    const day = await getDeliveries(actor, date, { producer: producer.id });
    const { differences } = await listDifferences(actor, date, { producer: producer.id });
    return json({ date, today, bakeries, producer, day, differences, formats: await catalogFormats(getDb(), producer.id) });
  });
}

export async function action(args: ActionFunctionArgs) {
  return handleConformForm(args, differencePageSchema, async ({ actor, t, value }) => {
    await createDifference(actor, value.date, { producer: value.producer, lines: deltasFromFields(value) });
    return redirectWithToast(`/o/${actor.orgSlug}/bakery/differences?date=${value.date}&producer=${value.producer}`, t("standing.differences.sent"));
  });
}

export default function DifferencesPage() {
  const t = useT();
  const fmt = useFormat();
  const { date, today, bakeries, producer, day, differences, formats } = useLoaderData<typeof loader>();
  if (!producer || !day) {
    return (
      <>
        <BakeryNav />
        <PageHeader title={t("standing.differences.title")} />
        <EmptyState title={t("standing.retailer.noBakery")} />
      </>
    );
  }
  const order = day.orders[0];
  const closed = day.validated || date < today;
  return (
    <>
      <BakeryNav />
      <PageHeader title={t("standing.differences.title")} description={t("standing.differences.intro")} />
      <Form method="get" className="mb-6 flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="label">{t("standing.differences.date")}</span>
          <input type="date" name="date" defaultValue={date} className="input mt-1" />
        </label>
        {bakeries.length > 1 ? (
          <label className="text-sm">
            <span className="label">{t("standing.differences.bakery")}</span>
            <select name="producer" defaultValue={producer.id} className="input mt-1">
              {bakeries.map((b) => (
                <option key={b.id} value={b.id}>{b.name}</option>
              ))}
            </select>
          </label>
        ) : (
          <input type="hidden" name="producer" value={producer.id} />
        )}
        <button type="submit" className="btn-secondary">{t("standing.differences.show")}</button>
      </Form>

      <div className="space-y-6">
        {closed ? (
          <div role="status" className="rounded-md bg-amber-50 p-4 text-sm font-medium text-amber-900 ring-1 ring-amber-200">
            {t(day.validated ? "bakery.error.dateValidated" : "standing.error.datePast")}
          </div>
        ) : null}
        <Card title={t("standing.differences.dayOrder", { date: fmt.date(date), producer: producer.name })}>
          {closed ? (
            order ? <DayLines lines={order.lines} /> : <p className="text-sm text-stone-600">{t("standing.differences.nothing")}</p>
          ) : (
            <IntentForm intent="difference" className="space-y-4">
              <input type="hidden" name="producer" value={producer.id} />
              <input type="hidden" name="date" value={date} />
              {order ? (
                <div className="overflow-x-auto">
                  <table className="min-w-full text-sm">
                    <thead className="text-left text-stone-600">
                      <tr>
                        <th scope="col" className="py-2 pr-3 font-medium">{t("standing.grid.item")}</th>
                        <th scope="col" className="py-2 pr-3 text-right font-medium">{t("standing.differences.quantity")}</th>
                        <th scope="col" className="py-2 font-medium">{t("standing.differences.delta")}</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-stone-100">
                      {order.lines.map((line) => (
                        <tr key={line.formatId}>
                          <th scope="row" className="py-1 pr-3 text-left font-normal">{line.description}</th>
                          <td className="py-1 pr-3 text-right tabular-nums">{line.quantity}</td>
                          <td className="py-1">
                            <input type="number" name={`d.${line.formatId}`} min={-line.quantity} step={1} placeholder="±0" aria-label={t("standing.differences.deltaFor", { item: line.description })} className="input w-24 text-right" />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : (
                <p className="text-sm text-stone-600">{t("standing.differences.nothing")}</p>
              )}
              <fieldset className="flex flex-wrap items-end gap-3">
                <legend className="label mb-1">{t("standing.differences.add")}</legend>
                <select name="addFormat" aria-label={t("standing.grid.item")} className="input" defaultValue="">
                  <option value="">—</option>
                  {formats.map((f) => (
                    <option key={f.id} value={f.id}>{f.productName} — {f.name}</option>
                  ))}
                </select>
                <input type="number" name="addQuantity" min={1} aria-label={t("standing.differences.quantity")} className="input w-24 text-right" />
              </fieldset>
              <div className="flex justify-end">
                <SubmitButton>{t("standing.differences.send")}</SubmitButton>
              </div>
            </IntentForm>
          )}
        </Card>

        <Card title={t("standing.differences.entered")}>
          {differences.length === 0 ? (
            <p className="text-sm text-stone-600">{t("standing.differences.none")}</p>
          ) : (
            <ul className="divide-y divide-stone-100 text-sm">
              {differences.map((d) => (
                <li key={d.id} className="py-2">
                  <div className="text-stone-600">{fmt.dateTime(d.createdAt)} · {d.createdByName} · {t(d.status === "TAKEN_IN" ? "bakery.intake.TAKEN_IN" : "standing.differences.received")}</div>
                  <ul className="mt-1">
                    {d.lines.map((l, i) => (
                      <li key={i} className="tabular-nums">{`${l.delta > 0 ? "+" : "−"}${Math.abs(l.delta)} × ${l.description}`}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}

function DayLines({ lines }: { lines: { formatId: string; description: string; quantity: number }[] }) {
  return (
    <ul className="divide-y divide-stone-100 text-sm">
      {lines.map((l) => (
        <li key={l.formatId} className="flex justify-between py-1">
          <span>{l.description}</span>
          <span className="tabular-nums">{l.quantity}</span>
        </li>
      ))}
    </ul>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
