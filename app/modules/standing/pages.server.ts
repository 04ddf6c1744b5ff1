// What the bakery's standing-order pages show, read through the same services and rules as the API:
// the producer's customers with today's standing order, a retailer's producers with its own standing
// order and proposals, and the catalog a grid offers.
import { getDb, type Tx } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { loadRetailRelation, requireProducerAction } from "../bakery/access.server";
import { applicableStandingOrders } from "../bakery/day-orders.server";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { todayIso } from "../order/dates";
import { getRelationCalendar } from "./calendar.server";
import { listProposals } from "./proposals.server";
import { WEEKDAY_KEYS } from "./schemas";
import { standingOrderView } from "./standing-orders.server";
import { readVersions } from "./versions.server";

export type CatalogFormat = { id: string; productName: string; name: string; family: string; unitPrice4: number };

/** The producer's active formats, by family and product: the rows of a grid. */
export async function catalogFormats(tx: Tx, producerId: string): Promise<CatalogFormat[]> {
  const formats = await tx.productFormat.findMany({
    where: { producerId, active: true, product: { active: true, producerId } },
    orderBy: [{ product: { family: "asc" } }, { product: { name: "asc" } }, { position: "asc" }],
    select: { id: true, name: true, unitPrice4: true, product: { select: { name: true, family: true } } },
  });
  return formats.map((f) => ({ id: f.id, productName: f.product.name, name: f.name, family: f.product.family, unitPrice4: f.unitPrice4 }));
}

/** The producer's customers with the standing order that applies today: round, place, lines per weekday. */
export async function standingCustomers(actor: OrgActor) {
  const producerId = requireProducerAction(actor, "standing:read");
  const db = getDb();
  const today = todayIso();
  const relations = await db.relation.findMany({
    where: { producerId, kind: "RETAIL", status: "ACTIVE", partnerId: { not: null } },
    select: { id: true, openWeekdays: true, partner: { select: { id: true, name: true } } },
  });
  const applicable = await applicableStandingOrders(db, producerId, today);
  const versions = await readVersions(db, [...applicable.values()]);
  const rows = relations.map((relation) => {
    const row = applicable.get(relation.id);
    const version = row ? versions.get(row.id) : undefined;
    return {
      relationId: relation.id,
      name: relation.partner?.name ?? "",
      openWeekdays: relation.openWeekdays,
      round: version?.round ?? null,
      roundPosition: version?.roundPosition ?? null,
      days: WEEKDAY_KEYS.map((day) => ({ day, lines: version?.weekdays[day].length ?? 0, quantity: (version?.weekdays[day] ?? []).reduce((sum, l) => sum + l.quantity, 0) })),
    };
  });
  return rows.sort((a, b) => (a.round ?? 9) - (b.round ?? 9) || (a.roundPosition ?? 0) - (b.roundPosition ?? 0) || a.name.localeCompare(b.name));
}

/** One customer's page: its standing order with history, its calendar, and the catalog of the grid. */
export async function standingCustomerPage(actor: OrgActor, relationId: string) {
  requireProducerAction(actor, "standing:read");
  const db = getDb();
  const relation = await loadRetailRelation(db, actor, relationId);
  return {
    standing: await standingOrderView(db, relation),
    calendar: await getRelationCalendar(actor, relation.id),
    formats: await catalogFormats(db, relation.producerId),
  };
}

/** A retailer's bakeries: for each, its standing order today, its proposals and the catalog. */
export async function retailerStanding(actor: OrgActor) {
  requirePermission(actor, "standing:read");
  if (actor.orgKind !== "RETAILER") throw new AppError("forbidden", "error.forbidden");
  const db = getDb();
  const relations = await db.relation.findMany({
    where: { partnerId: actor.orgId, kind: "RETAIL", status: "ACTIVE", producer: { bakerySettings: { isNot: null } } },
    orderBy: { producer: { name: "asc" } },
    select: { id: true, producer: { select: { id: true, name: true } } },
  });
  const { proposals } = await listProposals(actor, {});
  const result = [];
  for (const r of relations) {
    const relation = await loadRetailRelation(db, actor, r.id);
    result.push({
      relationId: r.id,
      producer: r.producer,
      standing: await standingOrderView(db, relation),
      proposals: proposals.filter((p) => p.relation === r.id),
      formats: await catalogFormats(db, r.producer.id),
    });
  }
  return result;
}

/** The bakeries a retailer is an active customer of (the differences page's choice). */
export async function retailerBakeries(actor: OrgActor): Promise<{ id: string; name: string }[]> {
  requirePermission(actor, "standing:read");
  if (actor.orgKind !== "RETAILER") throw new AppError("forbidden", "error.forbidden");
  const relations = await getDb().relation.findMany({
    where: { partnerId: actor.orgId, kind: "RETAIL", status: "ACTIVE", producer: { bakerySettings: { isNot: null } } },
    orderBy: { producer: { name: "asc" } },
    select: { producer: { select: { id: true, name: true } } },
  });
  return relations.map((r) => r.producer);
}
