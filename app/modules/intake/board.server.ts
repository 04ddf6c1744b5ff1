// The intake board of a delivery date (GET /api/v1/intake/:date and the intake page): the seed's
// counters — active customers; orders placed on the web, by staff or by a rep, received / taken in /
// to take in; proposals waiting; differences received / taken in / to take in — the conflicts, and the
// detail lists behind the counters. Read with a few indexed queries (no day-order computation: the
// board is asked every 10 seconds by every open page).
import type { Tx } from "~/utils/db.server";
import { getDb } from "~/utils/db.server";
import { CLOSED_ORDER_STATUSES, intakeOf, sourceOf, type DayOrder, type DayOrderLine, type FormatInfo } from "../bakery/day-orders";
import { loadDayOrders, loadFormatInfo } from "../bakery/day-orders.server";
import { parseDifferenceLines } from "../bakery/differences";
import { requireProducerAction } from "../bakery/access.server";
import { parseDateParam } from "../bakery/date-param.server";
import { loadBakerySettings } from "../bakery/settings.server";
import type { OrgActor } from "../org/actor";
import { todayIso } from "../order/dates";
import type { OrgRef } from "../order/types";
import { conflictingRelations, purgedFromIntake } from "./rules";
import { type IntakeBoard } from "./schemas";

export type PlacedOrder = {
  id: string;
  number: number;
  status: string;
  version: number;
  relationId: string;
  sellerId: string;
  buyerId: string;
  repId: string | null;
  distributorId: string | null;
  createdByOrgId: string;
  standingOrderId: string | null;
  /** The edit lease (app/modules/order/lock.server.ts): someone amending the order holds it until lockedUntil. */
  lockedBy: { id: string; name: string } | null;
  lockedUntil: Date | null;
  customer: OrgRef;
  lines: { id: string; kind: string; formatId: string | null; description: string; quantity: number; unitPrice4: number }[];
};

/** The orders placed for the date on the web, by staff or by a rep, in a live status (oldest first). */
export async function loadPlacedOrders(tx: Tx, producerId: string, date: string, options: { relationId?: string } = {}): Promise<PlacedOrder[]> {
  const rows = await tx.order.findMany({
    where: { sellerId: producerId, deliveryDate: date, standingOrderId: null, status: { notIn: [...CLOSED_ORDER_STATUSES] }, ...(options.relationId ? { relationId: options.relationId } : {}) },
    // Sorted here, not by the query: ORDER BY createdAt would lead SQLite to walk the seller's
    // [sellerId, createdAt] index (every order it ever had) instead of its [sellerId, deliveryDate] one.
    select: {
      createdAt: true, id: true, number: true, status: true, version: true, relationId: true, sellerId: true, buyerId: true, repId: true, distributorId: true, createdByOrgId: true, standingOrderId: true,
      lockedUntil: true, lockedBy: { select: { id: true, name: true } },
      buyer: { select: { id: true, slug: true, name: true } },
      lines: { orderBy: { position: "asc" }, select: { id: true, kind: true, formatId: true, description: true, quantity: true, unitPrice4: true } },
    },
  });
  rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows.map(({ buyer, createdAt: _createdAt, ...order }) => ({ ...order, customer: buyer }));
}

function dayLinesOf(order: PlacedOrder, formats: ReadonlyMap<string, FormatInfo>): DayOrderLine[] {
  return order.lines.flatMap((line) => {
    if (!line.formatId) return [];
    const format = formats.get(line.formatId);
    return [{ formatId: line.formatId, productId: format?.productId ?? "", description: line.description, quantity: line.quantity, unitPrice4: line.unitPrice4, sliced: format?.sliced ?? false }];
  });
}

function orderView(order: PlacedOrder, formats: ReadonlyMap<string, FormatInfo>) {
  return {
    order: { id: order.id, number: order.number, status: order.status, version: order.version },
    source: sourceOf({ ...order, customer: order.customer }),
    intake: intakeOf(order.status),
    lines: dayLinesOf(order, formats),
  };
}

export function conflictsOf(placed: readonly PlacedOrder[], formats: ReadonlyMap<string, FormatInfo>): IntakeBoard["conflicts"] {
  return [...conflictingRelations(placed).values()].map((orders) => ({
    customer: orders[0].customer,
    orders: orders.map((order) => {
      const view = orderView(order, formats);
      return { ...view.order, source: view.source, intake: view.intake, lines: view.lines };
    }),
  }));
}

/** The board of a date, read in `tx` (the services that change it answer with it). */
export async function loadIntakeBoard(tx: Tx, producerId: string, date: string, now = new Date()): Promise<IntakeBoard> {
  const day = await tx.deliveryDay.findUnique({ where: { producerId_date: { producerId, date } } });
  const settings = await loadBakerySettings(tx, producerId);
  const activeCustomers = await tx.relation.count({ where: { producerId, kind: "RETAIL", status: "ACTIVE" } });
  const proposals = await tx.standingOrderProposal.count({ where: { producerId, status: "PROPOSED" } });
  const placed = await loadPlacedOrders(tx, producerId, date);
  const differences = await tx.deliveryDifference.findMany({
    where: { producerId, date },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, status: true, lines: true, createdAt: true, createdByName: true, relation: { select: { partner: { select: { id: true, slug: true, name: true } } } } },
  });

  // The catalog names the lines; a date with nothing placed and no difference does not read it.
  const formats = placed.length || differences.length ? await loadFormatInfo(tx, producerId) : new Map<string, FormatInfo>();
  const conflicts = day ? [] : conflictsOf(placed, formats);
  const inConflict = new Set(conflicts.flatMap((c) => c.orders.map((o) => o.id)));
  const purged = purgedFromIntake(date, todayIso(now), settings.intakeRetentionDays);
  const listed = placed.filter((order) => !(purged && order.status !== "PENDING"));
  const toTakeIn = placed.filter((order) => order.status === "PENDING").length;
  const differencesTakenIn = differences.filter((d) => d.status === "TAKEN_IN").length;
  return {
    date,
    validated: day !== null,
    validation: day ? { at: day.validatedAt.toISOString(), byName: day.validatedByName, ordersCreated: day.ordersCreated } : null,
    activeCustomers,
    retentionDays: settings.intakeRetentionDays,
    received: placed.length,
    takenIn: placed.length - toTakeIn,
    toTakeIn,
    proposals,
    differences: { received: differences.length, takenIn: differencesTakenIn, toTakeIn: differences.length - differencesTakenIn },
    conflicts,
    purged: { orders: placed.length - listed.length },
    orders: listed.map((order) => ({ customer: order.customer, conflict: inConflict.has(order.id), ...orderView(order, formats) })),
    differencesList: differences.flatMap((d) => {
      const customer = d.relation.partner;
      if (!customer) return [];
      return [{
        id: d.id,
        customer,
        status: d.status === "TAKEN_IN" ? ("TAKEN_IN" as const) : ("RECEIVED" as const),
        createdAt: d.createdAt.toISOString(),
        createdByName: d.createdByName,
        lines: parseDifferenceLines(d.lines).map((line) => ({ ...line, description: formats.get(line.formatId)?.description ?? line.formatId })),
      }];
    }),
  };
}

/** GET /api/v1/intake/:date (the producer's intake staff). */
export async function getIntakeBoard(actor: OrgActor, dateParam: unknown): Promise<IntakeBoard> {
  const producerId = requireProducerAction(actor, "intake:run");
  const date = parseDateParam(dateParam);
  return loadIntakeBoard(getDb(), producerId, date);
}

export type IntakeCustomerRow = {
  customer: OrgRef;
  source: DayOrder["source"];
  intake: DayOrder["intake"];
  round: number;
  order: { id: string; number: number } | null;
  units: number;
  differences: number;
};

/**
 * The board's "active customers" detail: each customer delivered that date with its day order (standing
 * unless replaced by a placed order), in round order. Computes the day orders: asked only when opened.
 */
export async function getIntakeCustomers(actor: OrgActor, dateParam: unknown): Promise<IntakeCustomerRow[]> {
  const producerId = requireProducerAction(actor, "intake:run");
  const date = parseDateParam(dateParam);
  const day = await loadDayOrders(getDb(), producerId, date);
  return day.orders.map((o) => ({
    customer: o.customer,
    source: o.source,
    intake: o.intake,
    round: o.round,
    order: o.order ? { id: o.order.id, number: o.order.number } : null,
    units: o.lines.reduce((sum, line) => sum + line.quantity, 0),
    differences: o.differences.length,
  }));
}
