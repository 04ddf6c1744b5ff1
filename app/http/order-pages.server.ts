// What the order pages share on the server: the list's filters read from the URL (a bad value is
// dropped and reported, never a 500), and the partners a user may filter by or order with.
import { ORDER_LIST_FILTERS, type OrderListFilter } from "~/components/orders";
import { actorCan } from "~/modules/org/access.server";
import type { OrgActor } from "~/modules/org/actor";
import { countOrdersByView, listOrders } from "~/modules/order/order-list.server";
import { isIsoDate } from "~/modules/order/dates";
import { ORDER_STATUSES } from "~/modules/order/status-machine";
import { ORDER_VIEWS } from "~/modules/order/types";
import { listRelations, listRetailPartners, type RelationView } from "~/modules/relation/relation.server";


const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The list filters of a URL: `filters` for the page's links and form, `query` for listOrders. */
export function orderListQuery(params: URLSearchParams) {
  const filters = Object.fromEntries(ORDER_LIST_FILTERS.map((k) => [k, (params.get(k) ?? "").trim()])) as Record<OrderListFilter, string>;
  let invalid = false;
  const drop = (key: OrderListFilter) => {
    if (filters[key]) invalid = true;
    filters[key] = "";
  };
  if (filters.view && !(ORDER_VIEWS as readonly string[]).includes(filters.view)) drop("view");
  if (filters.status && !(ORDER_STATUSES as readonly string[]).includes(filters.status)) drop("status");
  for (const key of ["buyer", "seller"] as const) if (filters[key] && !ID.test(filters[key])) drop(key);
  for (const key of ["deliveryFrom", "deliveryTo"] as const) if (filters[key] && !isIsoDate(filters[key])) drop(key);
  if (filters.q.length > 100) filters.q = filters.q.slice(0, 100);
  if (filters.cursor.length > 200) drop("cursor");
  const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ""));
  return { query, filters, invalid };
}

type Org = { id: string; name: string };

function uniqueByName(orgs: Org[]): Org[] {
  const byId = new Map(orgs.map((o) => [o.id, { id: o.id, name: o.name }]));
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The customers and sellers the list can be filtered by: the organizations of the user's retail relations. */
export async function listOrderFilterPartners(actor: OrgActor): Promise<{ buyers: Org[]; sellers: Org[] }> {
  const traded = await listRetailPartners(actor);
  return {
    buyers: uniqueByName(traded.flatMap((r) => (r.partner && r.partner.id !== actor.orgId ? [r.partner] : []))),
    sellers: uniqueByName(traded.flatMap((r) => (r.producer.id !== actor.orgId ? [r.producer] : []))),
  };
}

/**
 * The retail relations an order can be placed in: a retailer's producers, a producer's customers, and
 * for a rep or a distributor the customers it serves (each with its producer). ACTIVE ones only.
 */
export async function listOrderableRelations(actor: OrgActor): Promise<(RelationView & { partner: NonNullable<RelationView["partner"]> })[]> {
  const relations = await listRelations(actor, { kind: "RETAIL", status: "ACTIVE" });
  return relations
    .filter((r): r is RelationView & { partner: NonNullable<RelationView["partner"]> } => r.partner !== null)
    .sort((a, b) => a.producer.name.localeCompare(b.producer.name) || a.partner.name.localeCompare(b.partner.name));
}

/**
 * The home page's "what needs me now" for orders, by kind of organization: the counts of the quick
 * filters that matter to it, its latest orders (open ones for a retailer), and the order to repeat.
 */
export async function loadHomeOrders(actor: OrgActor) {
  if (!actorCan(actor, "order:read")) return null;
  const [counts, recent] = await Promise.all([countOrdersByView(actor), listOrders(actor, { limit: 20 })]);
  const open = (s: string) => s === "PENDING" || s === "ACCEPTED" || s === "SHIPPED";
  const shown = (actor.orgKind === "RETAILER" ? recent.orders.filter((o) => open(o.status)) : recent.orders).slice(0, 5);
  // Ordering the same again is the retailer's shortcut (DESIGN, "Screens a user expects").
  const reorderable = actor.orgKind === "RETAILER" && actorCan(actor, "order:create") ? recent.orders.find((o) => o.status !== "REJECTED" && o.status !== "CANCELLED") : undefined;
  return {
    counts,
    recent: shown.map((o) => ({
      id: o.id,
      number: o.number,
      status: o.status,
      seller: o.seller.name,
      buyer: o.buyer.name,
      deliveryDate: o.deliveryDate,
      totalCents: o.totalCents,
      currency: o.currency,
    })),
    reorder: reorderable ? { id: reorderable.id, number: reorderable.number } : null,
  };
}
