// Which order each customer gets on a delivery date — the rule every bakery page, PDF and the
// validation share (pure, so that it is unit-tested and runs the same everywhere):
// - an order placed for that date (retailer on the web, staff by phone, a rep) replaces the
//   customer's standing order for that date, whatever the calendar says;
// - otherwise the standing order of the date's weekday counts, only if the customer is open that
//   day, the producer is not closed, and keeping only the products made that weekday;
// - a customer with more than one live order for the date is a conflict: all of them are shown,
//   none is dropped, and the user keeps one (app/modules/intake);
// - once the date is validated, the day orders are the real orders of that date.
import { deliversOn, madeOnDate, type DateRange } from "./calendar";
import type { OrgRef } from "../order/types";

export const DAY_ORDER_SOURCES = ["STANDING", "WEB", "STAFF", "REP"] as const;
export type DayOrderSource = (typeof DAY_ORDER_SOURCES)[number];
/** Where a day order stands in the morning's intake. */
export type IntakeState = "STANDING" | "TO_TAKE_IN" | "TAKEN_IN";

export type DayOrderLine = { formatId: string; productId: string; description: string; quantity: number; unitPrice4: number; sliced: boolean };

export type PlacedOrderRef = { id: string; number: number; status: string; version: number };

export type DayOrder = {
  relationId: string;
  customer: OrgRef;
  source: DayOrderSource;
  intake: IntakeState;
  round: number;
  roundPosition: number;
  /** The real order (placed, or made from the standing order at validation); null for a standing order not yet validated. */
  order: PlacedOrderRef | null;
  /** The standing-order version it comes from, when it does. */
  standingOrderId: string | null;
  lines: DayOrderLine[];
};

export type DayConflict = { relationId: string; customer: OrgRef; orders: (PlacedOrderRef & { source: DayOrderSource; intake: IntakeState; lines: DayOrderLine[] })[] };

export type FormatInfo = { productId: string; description: string; unitPrice4: number; productionWeekdays: string; sliced: boolean; active: boolean };

export type CustomerInput = {
  relationId: string;
  customer: OrgRef;
  openWeekdays: string;
  closures: DateRange[];
  /** The standing-order version that applies on the date, if any, with its lines of the date's weekday. */
  standing: {
    id: string;
    round: number;
    roundPosition: number;
    lines: { formatId: string; quantity: number }[];
    prices: Map<string, number>;
  } | null;
};

export type PlacedOrderInput = PlacedOrderRef & {
  relationId: string;
  customer: OrgRef;
  sellerId: string;
  createdByOrgId: string;
  standingOrderId: string | null;
  lines: { formatId: string | null; description: string; quantity: number; unitPrice4: number }[];
};

/** Orders that no longer count: refused, cancelled or expired. */
export const CLOSED_ORDER_STATUSES = ["REJECTED", "CANCELLED", "EXPIRED"] as const;

export function sourceOf(order: Pick<PlacedOrderInput, "standingOrderId" | "createdByOrgId" | "sellerId" | "customer">): DayOrderSource {
  if (order.standingOrderId) return "STANDING";
  if (order.createdByOrgId === order.customer.id) return "WEB";
  if (order.createdByOrgId === order.sellerId) return "STAFF";
  return "REP";
}

export function intakeOf(status: string): IntakeState {
  return status === "PENDING" ? "TO_TAKE_IN" : "TAKEN_IN";
}

function placedLines(order: PlacedOrderInput, formats: ReadonlyMap<string, FormatInfo>): DayOrderLine[] {
  return order.lines.flatMap((line) => {
    if (!line.formatId) return []; // fees and rebates are not produced
    const format = formats.get(line.formatId);
    return [{ formatId: line.formatId, productId: format?.productId ?? "", description: line.description, quantity: line.quantity, unitPrice4: line.unitPrice4, sliced: format?.sliced ?? false }];
  });
}

/** The lines a standing order gives on a date (its weekday's lines): the active products made that day. */
export function standingLines(date: string, standing: NonNullable<CustomerInput["standing"]>, formats: ReadonlyMap<string, FormatInfo>): DayOrderLine[] {
  const made = madeOnDate(date);
  return standing.lines.flatMap((line) => {
    const format = formats.get(line.formatId);
    if (!format || !format.active || !made(format.productionWeekdays)) return [];
    return [{
      formatId: line.formatId,
      productId: format.productId,
      description: format.description,
      quantity: line.quantity,
      unitPrice4: standing.prices.get(line.formatId) ?? format.unitPrice4,
      sliced: format.sliced,
    }];
  });
}

export function resolveDayOrders(input: {
  date: string;
  validated: boolean;
  customers: readonly CustomerInput[];
  producerClosures: readonly DateRange[];
  placedOrders: readonly PlacedOrderInput[];
  formats: ReadonlyMap<string, FormatInfo>;
}): { orders: DayOrder[]; conflicts: DayConflict[] } {
  const placedByRelation = new Map<string, PlacedOrderInput[]>();
  for (const order of input.placedOrders) {
    const list = placedByRelation.get(order.relationId) ?? [];
    list.push(order);
    placedByRelation.set(order.relationId, list);
  }
  const customerByRelation = new Map(input.customers.map((c) => [c.relationId, c]));
  const orders: DayOrder[] = [];
  const conflicts: DayConflict[] = [];
  const dayOrderOf = (order: PlacedOrderInput): DayOrder => {
    const standing = customerByRelation.get(order.relationId)?.standing ?? null;
    return {
      relationId: order.relationId,
      customer: order.customer,
      source: sourceOf(order),
      intake: intakeOf(order.status),
      round: standing?.round ?? 0,
      roundPosition: standing?.roundPosition ?? Number.MAX_SAFE_INTEGER,
      order: { id: order.id, number: order.number, status: order.status, version: order.version },
      standingOrderId: order.standingOrderId,
      lines: placedLines(order, input.formats),
    };
  };

  for (const [relationId, placed] of placedByRelation) {
    if (placed.length > 1 && !input.validated) {
      const views = placed.map(dayOrderOf);
      conflicts.push({
        relationId,
        customer: placed[0].customer,
        orders: views.map((view) => ({ ...view.order!, source: view.source, intake: view.intake, lines: view.lines })),
      });
      // Until the user chooses, the order already taken in (else the latest) stands for the day.
      orders.push(views.find((view) => view.intake === "TAKEN_IN") ?? views[views.length - 1]);
    } else {
      orders.push(...placed.map(dayOrderOf));
    }
  }

  if (!input.validated) {
    for (const customer of input.customers) {
      if (placedByRelation.has(customer.relationId) || !customer.standing) continue;
      if (!deliversOn(input.date, customer, input.producerClosures)) continue;
      const lines = standingLines(input.date, customer.standing, input.formats);
      if (lines.length === 0) continue;
      orders.push({
        relationId: customer.relationId,
        customer: customer.customer,
        source: "STANDING",
        intake: "STANDING",
        round: customer.standing.round,
        roundPosition: customer.standing.roundPosition,
        order: null,
        standingOrderId: customer.standing.id,
        lines,
      });
    }
  }

  orders.sort(byRound);
  return { orders, conflicts };
}

/** Round order: round, place in the round, then the customer's name. */
export function byRound(a: Pick<DayOrder, "round" | "roundPosition" | "customer">, b: Pick<DayOrder, "round" | "roundPosition" | "customer">): number {
  return a.round - b.round || a.roundPosition - b.roundPosition || a.customer.name.localeCompare(b.customer.name);
}
