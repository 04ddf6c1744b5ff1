// The home page's orders: what needs the user now, by kind of organization, and the way to order again.
import { Link } from "@remix-run/react";
import { useT, useTCount } from "./i18n";
import { useCan, useOrgLayout } from "./org-nav";
import { OrderProgress, OrderStatusBadge, useDeliveryDate, useOrderMoney } from "./orders";
import type { OrderStatus } from "~/modules/order/status-machine";
import type { CountedView, OrderQuickView } from "~/modules/order/types";

type HomeOrders = {
  counts: Record<CountedView, number>;
  recent: { id: string; number: number; status: OrderStatus; seller: string; buyer: string; deliveryDate: string; totalCents: number; currency: string }[];
  reorder: { id: string; number: number } | null;
};

type Tile = { view: OrderQuickView | null; text: string; count: number };

export function HomeOrders({ orders }: { orders: HomeOrders | null }) {
  const t = useT();
  const tc = useTCount();
  const can = useCan();
  const { org } = useOrgLayout();
  if (!orders) return null;
  const { counts } = orders;
  const base = `/o/${org.slug}/orders`;
  let tiles: Tile[];
  switch (org.kind) {
    case "PRODUCER":
      tiles = [
        { view: "to_accept", text: tc("orders.home.to_accept", counts.to_accept), count: counts.to_accept },
        { view: "to_ship", text: tc("orders.home.to_ship", counts.to_ship), count: counts.to_ship },
        { view: "to_deliver", text: tc("orders.home.to_deliver", counts.to_deliver), count: counts.to_deliver },
        { view: "late", text: tc("orders.home.late", counts.late), count: counts.late },
      ];
      break;
    case "RETAILER": {
      const open = counts.to_accept + counts.to_ship + counts.to_deliver;
      tiles = [{ view: null, text: tc("orders.home.open", open), count: open }];
      break;
    }
    case "DISTRIBUTOR":
      tiles = [
        { view: "to_ship", text: tc("orders.home.to_ship", counts.to_ship), count: counts.to_ship },
        { view: "to_deliver", text: tc("orders.home.to_deliver", counts.to_deliver), count: counts.to_deliver },
      ];
      break;
    case "REP_AGENCY":
      tiles = [{ view: "to_accept", text: tc("orders.home.to_accept", counts.to_accept), count: counts.to_accept }];
      break;
  }
  return (
    <section aria-labelledby="home-orders" className="mb-8 space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="home-orders" className="text-lg font-semibold">
          {t("orders.home.title")}
        </h2>
        {can("order:create") ? (
          <div className="flex flex-wrap gap-2">
            {orders.reorder ? (
              <Link to={`${base}/new?from=${orders.reorder.id}`} className="btn-secondary">
                {t("orders.home.reorder", { number: orders.reorder.number })}
              </Link>
            ) : null}
            <Link to={`${base}/new`} className="btn-primary">
              {t("orders.new")}
            </Link>
          </div>
        ) : null}
      </div>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {tiles.map((tile) => (
          <li key={tile.text}>
            <Link
              to={tile.view ? `${base}?view=${tile.view}` : base}
              className={`card block p-5 hover:ring-brand-300 ${tile.count > 0 && tile.view !== null ? "bg-amber-50 ring-amber-300" : ""}`}
            >
              <span className="text-sm font-medium">{tile.text}</span>
            </Link>
          </li>
        ))}
      </ul>
      <RecentOrders orders={orders.recent} />
    </section>
  );
}

function RecentOrders({ orders }: { orders: HomeOrders["recent"] }) {
  const t = useT();
  const { org } = useOrgLayout();
  const day = useDeliveryDate();
  if (orders.length === 0) return <p className="text-sm text-stone-500">{t("orders.home.noRecent")}</p>;
  return (
    <div className="card overflow-x-auto">
      <table className="table-base">
        <caption className="px-4 pt-3 text-left text-sm font-semibold text-stone-700">{org.kind === "RETAILER" ? t("orders.home.openList") : t("orders.home.recent")}</caption>
        <thead className="bg-stone-50">
          <tr>
            <th scope="col">{t("orders.col.number")}</th>
            <th scope="col">{org.kind === "RETAILER" ? t("orders.col.seller") : t("orders.col.customer")}</th>
            <th scope="col">{t("orders.col.delivery")}</th>
            <th scope="col">{t("common.status")}</th>
            <th scope="col" className="!text-right">
              {t("orders.col.total")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {orders.map((o) => (
            <RecentRow key={o.id} order={o} delivery={day(o.deliveryDate)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RecentRow({ order, delivery }: { order: HomeOrders["recent"][number]; delivery: string }) {
  const t = useT();
  const { org } = useOrgLayout();
  const { money } = useOrderMoney(order.currency);
  return (
    <tr>
      <td className="whitespace-nowrap">
        <Link to={`/o/${org.slug}/orders/${order.id}`} className="link">
          {t("orders.number", { number: order.number })}
        </Link>
      </td>
      <td>{org.kind === "RETAILER" ? order.seller : order.buyer}</td>
      <td className="whitespace-nowrap">{delivery}</td>
      <td>
        <div className="flex items-center gap-2">
          <OrderStatusBadge status={order.status} />
          <OrderProgress status={order.status} />
        </div>
      </td>
      <td className="whitespace-nowrap text-right tabular-nums">{money(order.totalCents)}</td>
    </tr>
  );
}
