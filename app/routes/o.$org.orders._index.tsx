import { DocumentExportForm } from "~/components/document-exports";
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { useT, useTCount } from "~/components/i18n";
import { useLiveOrders } from "~/components/live";
import { useCan, useOrgLayout } from "~/components/org-nav";
import { ORDER_LIST_FILTERS, OrderStatusCells, useDeliveryDate, useOrderMoney } from "~/components/orders";
import { EmptyState, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { loadOrgPage } from "~/http/org-route.server";
import { listOrderFilterPartners, orderListQuery } from "~/http/order-pages.server";
import { unreadCountsByOrder } from "~/modules/chat/chat.server";
import { countOrdersByView, listOrders } from "~/modules/order/order-list.server";
import { ORDER_VIEWS, type OrderQuickView } from "~/modules/order/types";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Comptoir` : "Comptoir" }];

export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor, t }) => {
    const { query, filters, invalid } = orderListQuery(new URL(args.request.url).searchParams);
    const [page, counts, partners] = await Promise.all([
      listOrders(actor, { ...query, limit: 25 }),
      countOrdersByView(actor),
      listOrderFilterPartners(actor),
    ]);
    const unread = await unreadCountsByOrder(actor, page.orders.map((o) => o.id));
    return json({ orders: page.orders, unread, nextCursor: page.nextCursor, counts, partners, filters, invalid, title: t("orders.title") });
  });
}

const TABS: (OrderQuickView | "all")[] = [...ORDER_VIEWS, "all"];

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** The list's URL with the given filters (empty ones left out). */
function listHref(filters: Record<string, string>, changes: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const key of ORDER_LIST_FILTERS) {
    const value = key in changes ? changes[key] : filters[key];
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : ".";
}

export default function OrdersPage() {
  const t = useT();
  const can = useCan();
  const { org } = useOrgLayout();
  const data = useLoaderData<typeof loader>();
  const { filters } = data;
  useLiveOrders({ scope: "org" });
  const view = (filters.view || "all") as OrderQuickView | "all";
  const filtered = Boolean(filters.q || filters.buyer || filters.seller || filters.deliveryFrom || filters.deliveryTo || filters.status);
  const exportParams = new URLSearchParams(Object.entries(filters).filter(([k, v]) => v && k !== "cursor"));
  const exportHref = `/o/${org.slug}/orders/export.csv${exportParams.size ? `?${exportParams}` : ""}`;
  return (
    <>
      <PageHeader
        title={t("orders.title")}
        description={t(`orders.intro.${org.kind}`)}
        actions={
          <>
            <a href={exportHref} className="btn-secondary" download>
              {t("orders.export")}
            </a>
            <DocumentExportForm orgSlug={org.slug} filters={exportParams} />
            {can("order:create") ? (
              <Link to={`/o/${org.slug}/orders/new`} className="btn-primary">
                {t("orders.new")}
              </Link>
            ) : null}
          </>
        }
      />
      <nav aria-label={t("orders.views.label")} className="mb-4 overflow-x-auto">
        <ul className="flex min-w-max gap-1 border-b border-stone-200">
          {TABS.map((tab) => {
            const active = tab === view;
            const count = (data.counts as Record<string, number>)[tab];
            return (
              <li key={tab}>
                <Link
                  to={listHref(filters, { view: tab === "all" ? undefined : tab, cursor: undefined })}
                  aria-current={active ? "page" : undefined}
                  className={`-mb-px inline-flex items-center gap-2 whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${
                    active ? "border-brand-600 text-brand-800" : "border-transparent text-stone-600 hover:text-stone-900"
                  }`}
                >
                  {t(`orders.view.${tab}`)}
                  {typeof count === "number" ? (
                    <span className={`badge ${count > 0 && tab !== "all" && tab !== "done" ? "bg-brand-100 text-brand-900" : "bg-stone-100 text-stone-700"}`}>{count}</span>
                  ) : null}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <Filters data={data} />
      {data.invalid ? (
        <p role="alert" className="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200">
          {t("orders.filters.invalid")}
        </p>
      ) : null}
      {data.orders.length === 0 ? (
        filtered || view !== "all" || filters.cursor ? (
          <EmptyState
            title={t("orders.empty.filtered.title")}
            description={t("orders.empty.filtered.description")}
            action={
              <Link to="." className="btn-secondary">
                {t("orders.filters.clear")}
              </Link>
            }
          />
        ) : (
          <EmptyState
            title={t("orders.empty.title")}
            description={t(`orders.empty.description.${org.kind}`)}
            action={
              can("order:create") ? (
                <Link to={`/o/${org.slug}/orders/new`} className="btn-primary">
                  {t("orders.new")}
                </Link>
              ) : undefined
            }
          />
        )
      ) : (
        <>
          <OrdersTable orders={data.orders} unread={data.unread} />
          <nav aria-label={t("orders.pagination.label")} className="mt-4 flex items-center justify-between gap-3 text-sm">
            {filters.cursor ? (
              <Link to={listHref(filters, { cursor: undefined })} className="btn-ghost">
                ← {t("orders.pagination.first")}
              </Link>
            ) : (
              <span />
            )}
            {data.nextCursor ? (
              <Link to={listHref(filters, { cursor: data.nextCursor })} className="btn-secondary">
                {t("orders.pagination.next")} →
              </Link>
            ) : null}
          </nav>
        </>
      )}
    </>
  );
}

function Filters({ data }: { data: LoaderData }) {
  const t = useT();
  const { org } = useOrgLayout();
  const id = useId();
  const { filters, partners } = data;
  const showBuyer = org.kind !== "RETAILER" && partners.buyers.length > 0;
  const showSeller = org.kind !== "PRODUCER" && partners.sellers.length > 0;
  const filtered = Boolean(filters.q || filters.buyer || filters.seller || filters.deliveryFrom || filters.deliveryTo);
  return (
    <Form method="get" role="search" aria-label={t("orders.filters.label")} className="card mb-4 grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-6 lg:items-end">
      {filters.view ? <input type="hidden" name="view" value={filters.view} /> : null}
      {filters.status ? <input type="hidden" name="status" value={filters.status} /> : null}
      <div className="lg:col-span-2">
        <label htmlFor={`${id}-q`} className="label">
          {t("orders.filters.q")}
        </label>
        <input id={`${id}-q`} name="q" type="search" className="input mt-1" defaultValue={filters.q} placeholder={t("orders.filters.qPlaceholder")} />
      </div>
      {showBuyer ? (
        <div>
          <label htmlFor={`${id}-buyer`} className="label">
            {t("orders.col.customer")}
          </label>
          <select id={`${id}-buyer`} name="buyer" className="input mt-1" defaultValue={filters.buyer}>
            <option value="">{t("orders.filters.allCustomers")}</option>
            {partners.buyers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {showSeller ? (
        <div>
          <label htmlFor={`${id}-seller`} className="label">
            {t("orders.col.seller")}
          </label>
          <select id={`${id}-seller`} name="seller" className="input mt-1" defaultValue={filters.seller}>
            <option value="">{t("orders.filters.allSellers")}</option>
            {partners.sellers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div>
        <label htmlFor={`${id}-from`} className="label">
          {t("orders.filters.deliveryFrom")}
        </label>
        <input id={`${id}-from`} name="deliveryFrom" type="date" className="input mt-1" defaultValue={filters.deliveryFrom} />
      </div>
      <div>
        <label htmlFor={`${id}-to`} className="label">
          {t("orders.filters.deliveryTo")}
        </label>
        <input id={`${id}-to`} name="deliveryTo" type="date" className="input mt-1" defaultValue={filters.deliveryTo} />
      </div>
      <div className="flex gap-2 sm:col-span-2 lg:col-span-6">
        <button type="submit" className="btn-secondary">
          {t("action.search")}
        </button>
        {filtered ? (
          <Link to={listHref(filters, { q: undefined, buyer: undefined, seller: undefined, deliveryFrom: undefined, deliveryTo: undefined, cursor: undefined })} className="btn-ghost">
            {t("orders.filters.clear")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

function OrdersTable({ orders, unread }: { orders: LoaderData["orders"]; unread: Record<string, number> }) {
  const t = useT();
  const { org } = useOrgLayout();
  const deliveryDate = useDeliveryDate();
  const sellerSide = org.kind !== "RETAILER";
  const showSeller = org.kind !== "PRODUCER";
  return (
    <div className="card overflow-x-auto">
      <table className="table-base">
        <caption className="sr-only">{t("orders.title")}</caption>
        <thead className="bg-stone-50">
          <tr>
            <th scope="col">{t("orders.col.number")}</th>
            {sellerSide ? <th scope="col">{t("orders.col.customer")}</th> : null}
            {showSeller ? <th scope="col">{t("orders.col.seller")}</th> : null}
            <th scope="col">{t("orders.col.delivery")}</th>
            <th scope="col">{t("common.status")}</th>
            <th scope="col">{t("orders.col.invoice")}</th>
            <th scope="col" className="!text-right">
              {t("orders.col.total")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {orders.map((order) => (
            <OrderRow key={order.id} order={order} unread={unread[order.id] ?? 0} sellerSide={sellerSide} showSeller={showSeller} deliveryDate={deliveryDate(order.deliveryDate)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OrderRow({
  order,
  unread,
  sellerSide,
  showSeller,
  deliveryDate,
}: {
  order: LoaderData["orders"][number];
  /** Messages of the order's chat the user has not read. */
  unread: number;
  sellerSide: boolean;
  showSeller: boolean;
  deliveryDate: string;
}) {
  const t = useT();
  const { org } = useOrgLayout();
  const tc = useTCount();
  const { money } = useOrderMoney(order.currency);
  return (
    <tr className="hover:bg-stone-50">
      <td className="whitespace-nowrap">
        <Link to={`/o/${org.slug}/orders/${order.id}`} className="link" aria-label={t("orders.openNamed", { number: order.number, name: order.buyer.name })}>
          {t("orders.number", { number: order.number })}
        </Link>
        {unread > 0 ? (
          <Link to={`/o/${org.slug}/orders/${order.id}?tab=messages`} className="badge ml-2 bg-brand-600 text-white" title={tc("chat.unread", unread)}>
            <span aria-hidden="true">✉ {unread}</span>
            <span className="sr-only">{tc("chat.unread", unread)}</span>
          </Link>
        ) : null}
      </td>
      {sellerSide ? (
        <td>
          <Link to={`/o/${org.slug}/customers/${order.buyer.id}`} className="text-stone-900 hover:underline">
            {order.buyer.name}
          </Link>
        </td>
      ) : null}
      {showSeller ? <td>{order.seller.name}</td> : null}
      <td className="whitespace-nowrap tabular-nums">{deliveryDate}</td>
      <OrderStatusCells status={order.status} invoice={order.invoice} />
      <td className="whitespace-nowrap text-right font-medium tabular-nums">{money(order.totalCents)}</td>
    </tr>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
