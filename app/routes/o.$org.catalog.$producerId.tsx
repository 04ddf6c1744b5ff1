import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CatalogFilter, groupByFamily } from "~/components/catalog";
import { useFormat, useT } from "~/components/i18n";
import { useOrgLayout } from "~/components/org-nav";
import { EmptyState, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { loadOrgPage } from "~/http/org-route.server";
import { getPartnerCatalog } from "~/modules/catalog/partner-catalog.server";
import { catalogFilterSchema } from "~/modules/catalog/schemas";
import { formatCents, formatUnitPrice4 } from "~/utils/money";
import { parseInput } from "~/utils/validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.producer.name} · Comptoir` : "Comptoir" }];

export async function loader(args: LoaderFunctionArgs) {
  const { request, params } = args;
  return loadOrgPage(args, async ({ actor }) => {
    // A producer's own catalog has its own page, with the editing tools.
    if (params.producerId === actor.orgId) throw redirect(`/o/${actor.orgSlug}/catalog`);
    const filter = parseInput(catalogFilterSchema, Object.fromEntries(new URL(request.url).searchParams));
    return json({ filter, ...(await getPartnerCatalog(actor, params.producerId ?? "", filter)) });
  });
}

export default function PartnerCatalog() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const fmt = useFormat();
  const { org } = useOrgLayout();
  const discounted = data.discountBps > 0;
  // Prices are in the producer's currency, written the way the viewer's organization writes numbers.
  const price = (unitPrice4: number) => formatUnitPrice4(unitPrice4, data.producer.currency, fmt.locale);
  const money = (cents: number) => formatCents(cents, data.producer.currency, fmt.locale);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to={`/o/${org.slug}/catalog`} className="link">
          ← {t("catalog.suppliers.back")}
        </Link>
      </p>
      <PageHeader title={data.producer.name} description={t("catalog.partner.intro")} />
      {data.groupName ? (
        <p className="mb-4 rounded-md bg-brand-50 px-4 py-3 text-sm text-brand-900 ring-1 ring-brand-200">
          {discounted
            ? t("catalog.partner.groupDiscount", { group: data.groupName, discount: fmt.percent(data.discountBps) })
            : t("catalog.partner.group", { group: data.groupName })}
        </p>
      ) : null}
      {data.total === 0 ? (
        <EmptyState title={t("catalog.partner.empty.title")} description={t("catalog.partner.empty.description")} />
      ) : (
        <>
          <CatalogFilter families={data.families} q={data.filter.q} family={data.filter.family} />
          {data.products.length === 0 ? (
            <EmptyState title={t("catalog.noResults.title")} description={t("catalog.noResults.description")} />
          ) : (
            <div className="space-y-8">
              {data.products.length < data.matched ? (
                <p className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
                  {t("catalog.truncated", { shown: data.products.length, total: data.matched })}
                </p>
              ) : null}
              {groupByFamily(data.products).map((group) => (
                <section key={group.family || "-"} aria-labelledby={`family-${group.family || "none"}`}>
                  <h2 id={`family-${group.family || "none"}`} className="mb-2 text-lg font-semibold text-stone-900">
                    {group.family || t("catalog.family.none")}
                  </h2>
                  <div className="card overflow-x-auto">
                    <table className="table-base">
                      <thead className="bg-stone-50">
                        <tr>
                          <th scope="col">{t("catalog.product.name")}</th>
                          <th scope="col">{t("catalog.format.name")}</th>
                          {discounted ? <th scope="col" className="text-right">{t("catalog.partner.listPrice")}</th> : null}
                          <th scope="col" className="text-right">{discounted ? t("catalog.partner.yourPrice") : t("catalog.format.unitPrice")}</th>
                          <th scope="col" className="text-right">{t("catalog.format.deposit")}</th>
                          <th scope="col" className="text-right">{t("catalog.format.taxRate")}</th>
                        </tr>
                      </thead>
                      <tbody className="divide-y divide-stone-100">
                        {group.items.flatMap((product) =>
                          product.formats.map((format, index) => (
                            <tr key={format.id}>
                              {index === 0 ? (
                                <th scope="row" rowSpan={product.formats.length} className="align-top font-medium text-stone-900">
                                  {product.name}
                                  <span className="block font-mono text-xs font-normal text-stone-500">{product.sku}</span>
                                  {product.description ? <span className="mt-1 block text-xs font-normal text-stone-600">{product.description}</span> : null}
                                </th>
                              ) : null}
                              <td>{format.name}</td>
                              {discounted ? (
                                <td className="text-right tabular-nums text-stone-500">
                                  <s>{price(format.unitPrice4)}</s>
                                </td>
                              ) : null}
                              <td className="text-right font-semibold tabular-nums">{price(format.discountedUnitPrice4)}</td>
                              <td className="text-right tabular-nums">{format.depositCents > 0 ? money(format.depositCents) : "—"}</td>
                              <td className="text-right tabular-nums">{fmt.percent(format.taxRateBps)}</td>
                            </tr>
                          )),
                        )}
                      </tbody>
                    </table>
                  </div>
                </section>
              ))}
            </div>
          )}
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  const t = useT();
  const { org } = useOrgLayout();
  return <RouteErrorBoundary backTo={`/o/${org.slug}/catalog`} backLabel={t("catalog.suppliers.back")} />;
}
