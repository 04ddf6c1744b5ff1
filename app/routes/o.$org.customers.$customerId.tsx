import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useFormat, useT } from "~/components/i18n";
import { useLiveOrders } from "~/components/live";
import { useCan, useOrgLayout } from "~/components/org-nav";
import { Fact, OrderStatusCells, useDeliveryDate, useOrderMoney } from "~/components/orders";
import { RelationStatusBadge, useGroupLabel } from "~/components/relations";
import { EmptyState, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { loadOrgPage } from "~/http/org-route.server";
import { listOrders } from "~/modules/order/order-list.server";
import { listRelations } from "~/modules/relation/relation.server";
import { AppError } from "~/utils/errors";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.customer.name} · Comptoir` : "Comptoir" }];

// /o/:org/customers/:customerId — a retailer as the seller side sees it: the terms of each retail
// relation the organization takes part in with it (as producer, rep or distributor), and its orders.
export async function loader(args: LoaderFunctionArgs) {
  const cursor = new URL(args.request.url).searchParams.get("cursor") ?? "";
  return loadOrgPage(args, async ({ actor }) => {
    const customerId = args.params.customerId ?? "";
    // The buyer never has a customer page; any organization that is not our customer answers 404.
    const relations =
      actor.orgKind === "RETAILER"
        ? []
        : (await listRelations(actor, { kind: "RETAIL" })).filter((r) => r.partner?.id === customerId && r.viewedAs !== "partner" && r.status !== "PENDING");
    if (relations.length === 0) throw new AppError("not_found", "error.not_found");
    const page = await listOrders(actor, { buyer: customerId, cursor: cursor || undefined, limit: 25 });
    return json({ customer: relations[0].partner!, relations, orders: page.orders, nextCursor: page.nextCursor, cursor });
  });
}

export default function CustomerPage() {
  const t = useT();
  const fmt = useFormat();
  const can = useCan();
  const groupLabel = useGroupLabel();
  const day = useDeliveryDate();
  const { org } = useOrgLayout();
  const { customer, relations, orders, nextCursor, cursor } = useLoaderData<typeof loader>();
  useLiveOrders({ scope: "org" });
  const producers = relations.map((r) => r.producer.name).join(", ");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to={`/o/${org.slug}/orders`} className="link">
          ← {t("orders.customer.back")}
        </Link>
      </p>
      <PageHeader
        title={customer.name}
        description={org.kind === "PRODUCER" ? t("orders.customer.intro", { producer: producers }) : t("orders.customer.introServed", { producer: producers })}
        actions={
          can("order:create") && relations.some((r) => r.status === "ACTIVE") ? (
            <Link to={`/o/${org.slug}/orders/new?relation=${relations.find((r) => r.status === "ACTIVE")!.id}`} className="btn-primary">
              {t("orders.customer.newOrder")}
            </Link>
          ) : undefined
        }
      />
      <div className="mb-8 grid gap-4 lg:grid-cols-2">
        {relations.map((r) => (
          <section key={r.id} className="card p-5" aria-labelledby={`terms-${r.id}`}>
            <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
              <h2 id={`terms-${r.id}`} className="flex items-center gap-2 text-base font-semibold">
                {t("orders.customer.terms")} · {r.producer.name} <RelationStatusBadge status={r.status} />
              </h2>
              <Link to={`/o/${org.slug}/relations/${r.id}`} className="link text-sm">
                {t("orders.customer.openRelation")}
              </Link>
            </div>
            <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
              <Fact label={t("relations.field.group")}>{groupLabel(r.customerGroup) ?? t("relations.noGroup")}</Fact>
              <Fact label={t("relations.col.terms")}>{t("relations.days", { count: r.paymentTermsDays })}</Fact>
              <Fact label={t("relations.col.rep")}>{r.rep?.name ?? t("relations.noneAssigned")}</Fact>
              <Fact label={t("relations.col.distributor")}>{r.defaultDistributor?.name ?? t("relations.noneAssigned")}</Fact>
              <Fact label={t("relations.field.distribution")}>{t(`relations.distribution.${r.defaultDistribution}`)}</Fact>
              <Fact label={t("relations.col.minOrder")}>{r.minOrderCents > 0 ? fmt.money(r.minOrderCents) : t("relations.noMinimum")}</Fact>
            </dl>
          </section>
        ))}
      </div>
      <section aria-labelledby="customer-orders">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <h2 id="customer-orders" className="text-lg font-semibold">
            {t("orders.customer.orders")}
          </h2>
          <a href={`/o/${org.slug}/orders/export.csv?buyer=${customer.id}`} className="btn-ghost" download>
            {t("orders.export")}
          </a>
        </div>
        {orders.length === 0 ? (
          <EmptyState title={t("orders.customer.empty")} />
        ) : (
          <div className="card overflow-x-auto">
            <table className="table-base">
              <thead className="bg-stone-50">
                <tr>
                  <th scope="col">{t("orders.col.number")}</th>
                  {relations.length > 1 || org.kind !== "PRODUCER" ? <th scope="col">{t("orders.col.seller")}</th> : null}
                  <th scope="col">{t("orders.col.placed")}</th>
                  <th scope="col">{t("orders.col.delivery")}</th>
                  <th scope="col">{t("common.status")}</th>
                  <th scope="col">{t("orders.col.invoice")}</th>
                  <th scope="col" className="!text-right">
                    {t("orders.col.total")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {orders.map((o) => (
                  <Row key={o.id} order={o} showSeller={relations.length > 1 || org.kind !== "PRODUCER"} delivery={day(o.deliveryDate)} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav aria-label={t("orders.pagination.label")} className="mt-4 flex items-center justify-between text-sm">
          {cursor ? (
            <Link to="." className="btn-ghost">
              ← {t("orders.pagination.first")}
            </Link>
          ) : (
            <span />
          )}
          {nextCursor ? (
            <Link to={`?cursor=${encodeURIComponent(nextCursor)}`} className="btn-secondary">
              {t("orders.pagination.next")} →
            </Link>
          ) : null}
        </nav>
      </section>
    </>
  );
}

function Row({ order, showSeller, delivery }: { order: ReturnType<typeof useLoaderData<typeof loader>>["orders"][number]; showSeller: boolean; delivery: string }) {
  const t = useT();
  const fmt = useFormat();
  const { org } = useOrgLayout();
  const { money } = useOrderMoney(order.currency);
  return (
    <tr className="hover:bg-stone-50">
      <td className="whitespace-nowrap">
        <Link to={`/o/${org.slug}/orders/${order.id}`} className="link">
          {t("orders.number", { number: order.number })}
        </Link>
      </td>
      {showSeller ? <td>{order.seller.name}</td> : null}
      <td className="whitespace-nowrap">{fmt.date(order.createdAt)}</td>
      <td className="whitespace-nowrap">{delivery}</td>
      <OrderStatusCells status={order.status} invoice={order.invoice} />
      <td className="whitespace-nowrap text-right tabular-nums">{money(order.totalCents)}</td>
    </tr>
  );
}

export function ErrorBoundary() {
  const t = useT();
  const { org } = useOrgLayout();
  return <RouteErrorBoundary backTo={`/o/${org.slug}/orders`} backLabel={t("orders.customer.back")} />;
}
