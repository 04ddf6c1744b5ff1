import { json, type LoaderFunctionArgs, type SerializeFrom } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ActiveBadge, CatalogFilter, groupByFamily } from "~/components/catalog";
import { useFormat, useT } from "~/components/i18n";
import { useCan, useOrgLayout } from "~/components/org-nav";
import { EmptyState, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { loadOrgPage } from "~/http/org-route.server";
import { listCatalogSuppliers } from "~/modules/catalog/access.server";
import { listOwnCatalog } from "~/modules/catalog/products.server";
import { catalogFilterSchema } from "~/modules/catalog/schemas";
import { parseInput } from "~/utils/validation";

export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    if (actor.orgKind === "PRODUCER") {
      const filter = parseInput(catalogFilterSchema, Object.fromEntries(new URL(args.request.url).searchParams));
      return json({ mode: "producer" as const, filter, ...(await listOwnCatalog(actor, filter)) });
    }
    return json({ mode: "partner" as const, suppliers: await listCatalogSuppliers(actor) });
  });
}

export default function CatalogIndex() {
  const data = useLoaderData<typeof loader>();
  return data.mode === "producer" ? <ProducerCatalog data={data} /> : <Suppliers suppliers={data.suppliers} />;
}

type ProducerData = Extract<SerializeFrom<typeof loader>, { mode: "producer" }>;

function ProducerCatalog({ data }: { data: ProducerData }) {
  const t = useT();
  const fmt = useFormat();
  const can = useCan();
  const { org } = useOrgLayout();
  const base = `/o/${org.slug}/catalog`;
  const canWrite = can("catalog:write");
  return (
    <>
      <PageHeader
        title={t("nav.catalog")}
        description={t("catalog.producer.intro")}
        actions={
          <>
            {canWrite ? (
              <Link to={`${base}/new`} className="btn-primary">
                {t("catalog.newProduct")}
              </Link>
            ) : null}
            {canWrite ? (
              <Link to={`${base}/import`} className="btn-secondary">
                {t("action.import")}
              </Link>
            ) : null}
            {data.total > 0 ? (
              <a href={`${base}/export.csv`} className="btn-secondary" download>
                {t("action.export")}
              </a>
            ) : null}
          </>
        }
      />
      <nav aria-label={t("catalog.settingsNav")} className="mb-4 flex flex-wrap gap-4 text-sm">
        <Link to={`${base}/tax-rates`} className="link">
          {t("catalog.taxRates.title")}
        </Link>
        <Link to={`${base}/groups`} className="link">
          {t("catalog.groups.title")}
        </Link>
      </nav>
      {data.total === 0 ? (
        <EmptyState
          title={t("catalog.empty.title")}
          description={t("catalog.empty.description")}
          action={
            canWrite ? (
              <div className="flex gap-2">
                <Link to={`${base}/new`} className="btn-primary">
                  {t("catalog.newProduct")}
                </Link>
                <Link to={`${base}/import`} className="btn-secondary">
                  {t("action.import")}
                </Link>
              </div>
            ) : undefined
          }
        />
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
              <p className="text-sm text-stone-600" aria-live="polite">
                {t("catalog.productCount", { count: data.matched })}
              </p>
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
                          <th scope="col">{t("catalog.product.sku")}</th>
                          <th scope="col">{t("catalog.product.formats")}</th>
                          <th scope="col">{t("common.status")}</th>
                        </tr>
                      </thead>
                      <tbody className="divide-y divide-stone-100">
                        {group.items.map((product) => (
                          <tr key={product.id} className={product.active ? "" : "bg-stone-50 text-stone-500"}>
                            <td className="font-medium">
                              <Link to={`${base}/products/${product.id}`} className="link">
                                {product.name}
                              </Link>
                            </td>
                            <td className="whitespace-nowrap font-mono text-xs">{product.sku}</td>
                            <td>
                              {product.formats.length === 0 ? (
                                <span className="text-stone-500">{t("catalog.product.noFormatsShort")}</span>
                              ) : (
                                <ul className="space-y-1">
                                  {product.formats.map((format) => (
                                    <li key={format.id} className="flex flex-wrap items-baseline gap-x-2">
                                      <span className={format.active ? "" : "line-through"}>{format.name}</span>
                                      <span className="font-semibold tabular-nums">{fmt.unitPrice(format.unitPrice4)}</span>
                                      {format.depositCents > 0 ? (
                                        <span className="text-xs text-stone-500">
                                          {t("catalog.format.plusDeposit", { amount: fmt.money(format.depositCents) })}
                                        </span>
                                      ) : null}
                                      <span className="text-xs text-stone-500">{t("catalog.format.taxShort", { rate: fmt.percent(format.taxRate.rateBps) })}</span>
                                      {format.active ? null : <ActiveBadge active={false} />}
                                    </li>
                                  ))}
                                </ul>
                              )}
                            </td>
                            <td>
                              <ActiveBadge active={product.active} />
                            </td>
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
      )}
    </>
  );
}

type Supplier = Extract<SerializeFrom<typeof loader>, { mode: "partner" }>["suppliers"][number];

function Suppliers({ suppliers }: { suppliers: Supplier[] }) {
  const t = useT();
  const fmt = useFormat();
  const { org } = useOrgLayout();
  return (
    <>
      <PageHeader title={t("nav.catalog")} description={t("catalog.suppliers.intro")} />
      {suppliers.length === 0 ? (
        <EmptyState
          title={t("catalog.suppliers.empty.title")}
          description={t("catalog.suppliers.empty.description")}
          action={
            <Link to={`/o/${org.slug}/relations`} className="btn-secondary">
              {t("nav.relations")}
            </Link>
          }
        />
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {suppliers.map((s) => (
            <li key={s.id}>
              <Link to={`/o/${org.slug}/catalog/${s.id}`} className="card block p-5 hover:ring-brand-300">
                <span className="block text-base font-semibold text-stone-900">{s.name}</span>
                <span className="mt-1 block text-sm text-stone-600">{t("catalog.suppliers.products", { count: s.productCount })}</span>
                {s.groupName ? (
                  <span className="mt-2 block text-sm text-stone-600">
                    {s.discountBps > 0
                      ? t("catalog.suppliers.groupDiscount", { group: s.groupName, discount: fmt.percent(s.discountBps) })
                      : t("catalog.suppliers.group", { group: s.groupName })}
                  </span>
                ) : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
