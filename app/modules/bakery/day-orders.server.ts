// Loads what resolveDayOrders (./day-orders.ts) needs for one producer and date, with the executor
// it is given (a transaction when the caller writes). Prisma queries only: they run on SQLite and
// PostgreSQL alike.
import type { Tx } from "~/utils/db.server";
import { isoWeekday, type DateRange } from "./calendar";
import { CLOSED_ORDER_STATUSES, resolveDayOrders, type CustomerInput, type DayConflict, type DayOrder, type FormatInfo, type PlacedOrderInput } from "./day-orders";

export type DayOrders = { date: string; validated: boolean; orders: DayOrder[]; conflicts: DayConflict[] };

/** The producer's formats (active or not: an old order may name an inactive one), by id. */
export async function loadFormatInfo(tx: Tx, producerId: string): Promise<Map<string, FormatInfo>> {
  const formats = await tx.productFormat.findMany({
    where: { producerId },
    select: { id: true, name: true, unitPrice4: true, sliced: true, active: true, product: { select: { id: true, name: true, active: true, productionWeekdays: true } } },
  });
  return new Map(
    formats.map((f) => [
      f.id,
      {
        productId: f.product.id,
        description: `${f.product.name} — ${f.name}`,
        unitPrice4: f.unitPrice4,
        productionWeekdays: f.product.productionWeekdays,
        sliced: f.sliced,
        active: f.active && f.product.active,
      },
    ]),
  );
}

/**
 * The standing-order version of each relation that applies on `date`: the latest effectiveFrom on
 * or before it, then the highest version.
 */
export async function applicableStandingOrders(tx: Tx, producerId: string, date: string, relationIds?: readonly string[]) {
  const versions = await tx.standingOrder.findMany({
    where: { producerId, effectiveFrom: { lte: date }, ...(relationIds ? { relationId: { in: [...relationIds] } } : {}) },
    orderBy: [{ relationId: "asc" }, { effectiveFrom: "desc" }, { version: "desc" }],
    select: { id: true, relationId: true, version: true, effectiveFrom: true, round: true, roundPosition: true },
  });
  const byRelation = new Map<string, (typeof versions)[number]>();
  for (const version of versions) if (!byRelation.has(version.relationId)) byRelation.set(version.relationId, version);
  return byRelation;
}

export async function loadDayOrders(tx: Tx, producerId: string, date: string, options: { buyerId?: string } = {}): Promise<DayOrders> {
  const day = await tx.deliveryDay.findUnique({ where: { producerId_date: { producerId, date } }, select: { date: true } });
  const relations = await tx.relation.findMany({
    where: { producerId, kind: "RETAIL", status: "ACTIVE", partnerId: options.buyerId ?? { not: null } },
    select: { id: true, openWeekdays: true, partner: { select: { id: true, slug: true, name: true } } },
  });
  const closures = await tx.deliveryClosure.findMany({
    where: { producerId, from: { lte: date }, to: { gte: date } },
    select: { relationId: true, from: true, to: true },
  });
  const relationIds = options.buyerId ? relations.map((r) => r.id) : undefined;
  const versions = await applicableStandingOrders(tx, producerId, date, relationIds);
  const versionIds = [...versions.values()].map((v) => v.id);
  const [lines, prices, placed, formats] = [
    await tx.standingOrderLine.findMany({
      where: { standingOrderId: { in: versionIds }, weekday: isoWeekday(date) },
      select: { standingOrderId: true, weekday: true, formatId: true, quantity: true },
    }),
    await tx.standingOrderPrice.findMany({ where: { standingOrderId: { in: versionIds } }, select: { standingOrderId: true, formatId: true, unitPrice4: true } }),
    await tx.order.findMany({
      where: { sellerId: producerId, deliveryDate: date, status: { notIn: [...CLOSED_ORDER_STATUSES] }, ...(options.buyerId ? { buyerId: options.buyerId } : {}) },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true, number: true, status: true, version: true, relationId: true, sellerId: true, createdByOrgId: true, standingOrderId: true,
        buyer: { select: { id: true, slug: true, name: true } },
        lines: { orderBy: { position: "asc" }, select: { formatId: true, description: true, quantity: true, unitPrice4: true } },
      },
    }),
    await loadFormatInfo(tx, producerId),
  ];

  const producerClosures: DateRange[] = [];
  const closuresByRelation = new Map<string, DateRange[]>();
  for (const closure of closures) {
    if (!closure.relationId) producerClosures.push(closure);
    else closuresByRelation.set(closure.relationId, [...(closuresByRelation.get(closure.relationId) ?? []), closure]);
  }
  const linesByVersion = groupBy(lines, (line) => line.standingOrderId);
  const pricesByVersion = groupBy(prices, (price) => price.standingOrderId);
  const customers: CustomerInput[] = relations.map((relation) => {
    const version = versions.get(relation.id);
    return {
      relationId: relation.id,
      customer: relation.partner!,
      openWeekdays: relation.openWeekdays,
      closures: closuresByRelation.get(relation.id) ?? [],
      standing: version
        ? {
            id: version.id,
            round: version.round,
            roundPosition: version.roundPosition,
            lines: linesByVersion.get(version.id) ?? [],
            prices: new Map((pricesByVersion.get(version.id) ?? []).map((p) => [p.formatId, p.unitPrice4])),
          }
        : null,
    };
  });
  const placedOrders: PlacedOrderInput[] = placed.map((order) => ({ ...order, customer: order.buyer }));
  const resolved = resolveDayOrders({ date, validated: day !== null, customers, producerClosures, placedOrders, formats });
  return { date, validated: day !== null, ...resolved };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
