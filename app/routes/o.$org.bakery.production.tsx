import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BakeryNav } from "~/components/bakery-nav";
import { ProductionDayNav } from "~/components/bakery/production-day-nav";
import { useFormat, useT } from "~/components/i18n";
import { useOrgLayout } from "~/components/org-nav";
import { EmptyState, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { loadOrgPage } from "~/http/org-route.server";
import { addDays } from "~/modules/bakery/calendar";
import { isIsoDate, todayIso } from "~/modules/order/dates";
import { joinFamilies } from "~/modules/production/production";
import { getProductionList } from "~/modules/production/production.server";

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

// /o/:org/bakery/production?date=&families= — what the bakehouse makes on a date (default: tomorrow),
// per product grouped by family: B2B orders, shop orders, leftovers deducted, total; the A4 PDF.
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    const url = new URL(args.request.url);
    const tomorrow = addDays(todayIso(), 1);
    const asked = url.searchParams.get("date") ?? "";
    const date = isIsoDate(asked) ? asked : tomorrow;
    const families = url.searchParams.get("families");
    const list = await getProductionList(actor, date, families === null ? {} : { families });
    return json({ tomorrow, list });
  });
}

export default function ProductionPage() {
  const t = useT();
  const fmt = useFormat();
  const { org } = useOrgLayout();
  const { tomorrow, list } = useLoaderData<typeof loader>();
  const familiesText = joinFamilies(list.filter);
  const pdf = `/o/${org.slug}/bakery/production/${list.date}/production.pdf?${new URLSearchParams({ families: familiesText })}`;
  return (
    <>
      <BakeryNav />
      <PageHeader
        title={t("production.title", { date: fmt.date(list.date) })}
        description={`${list.validated ? t("production.validated") : t("production.notValidated")} ${t("production.leftoversOf", { date: fmt.date(list.leftoverDate) })}`}
        actions={
          <a href={pdf} className="btn-primary" target="_blank" rel="noreferrer">
            {t("production.pdf")}
          </a>
        }
      />
      <ProductionDayNav date={list.date} tomorrow={tomorrow} search={{ families: familiesText }}>
        <div>
          <label htmlFor="production-families" className="label">
            {t("production.families")}
          </label>
          <input id="production-families" name="families" defaultValue={familiesText} placeholder="3 8 9" aria-describedby="production-families-hint" className="input mt-1 w-40" />
          <p id="production-families-hint" className="mt-1 text-xs text-stone-500">
            {t("production.familiesHint")}
          </p>
        </div>
      </ProductionDayNav>
      {list.families.length === 0 ? (
        <EmptyState title={t("production.empty.title")} description={t("production.empty.description")} />
      ) : (
        <div className="space-y-6">
          {list.families.map((family) => (
            <section key={family.family} className="card overflow-hidden" aria-labelledby={`family-${family.family}`}>
              <h2 id={`family-${family.family}`} className="border-b border-stone-200 px-4 py-3 text-base font-semibold text-stone-900">
                {family.family ? t("production.family", { family: family.family }) : t("production.noFamily")}
              </h2>
              <div className="overflow-x-auto">
                <table className="table-base">
                  <thead className="bg-stone-50">
                    <tr>
                      <th scope="col">{t("production.col.product")}</th>
                      <th scope="col" className="text-right">{t("production.col.orders")}</th>
                      <th scope="col" className="text-right">{t("production.col.shop")}</th>
                      <th scope="col" className="text-right">{t("production.col.leftovers")}</th>
                      <th scope="col" className="text-right">{t("production.col.total")}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-stone-100">
                    {family.items.map((item) => (
                      <tr key={item.productId}>
                        <th scope="row" className="font-medium text-stone-900">
                          {item.name}
                          {item.formats.length > 1 ? (
                            <span className="block text-xs font-normal text-stone-500">
                              {item.formats.map((f) => `${f.name} ${fmt.number(f.fromOrders + f.fromShop)}`).join(" · ")}
                            </span>
                          ) : null}
                        </th>
                        <td className="text-right tabular-nums">{fmt.number(item.fromOrders)}</td>
                        <td className="text-right tabular-nums">{fmt.number(item.fromShop)}</td>
                        <td className="text-right tabular-nums">{item.leftovers ? `−${fmt.number(item.leftovers)}` : "0"}</td>
                        <td className="text-right text-base font-semibold tabular-nums">{fmt.number(item.quantity)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ))}
        </div>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
