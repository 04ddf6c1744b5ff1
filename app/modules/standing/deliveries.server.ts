// A date's day orders (GET /api/v1/deliveries/:date) and the retailer's delivery differences
// (GET|POST /api/v1/deliveries/:date/differences), accepted until the producer validates the date.
import { getDb, type Tx } from "~/utils/db.server";
import { AppError, validationError } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import { loadRetailerRelationWith, requireProducerAction } from "../bakery/access.server";
import { isDateValidated, loadDayOrders, loadFormatInfo } from "../bakery/day-orders.server";
import type { DayOrderLine } from "../bakery/day-orders";
import { parseDifferenceLines } from "../bakery/differences";
import { publishBakeryChange } from "../bakery/live.server";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { todayIso } from "../order/dates";
import { parseDateParam } from "../bakery/date-param.server";
import { deliveriesQuerySchema, differenceInputSchema } from "./schemas";


/**
 * Whose day orders the actor reads: a producer its own (a `producer` naming another answers 404); a
 * retailer names the producer and sees its own day order only.
 */
async function scopeOf(tx: Tx, actor: OrgActor, producer: string | undefined): Promise<{ producerId: string; buyerId?: string; relationId?: string }> {
  requirePermission(actor, "standing:read");
  if (actor.orgKind === "PRODUCER") {
    const producerId = requireProducerAction(actor, "standing:read");
    if (producer && producer !== producerId) throw new AppError("not_found", "error.not_found");
    return { producerId };
  }
  if (!producer) throw validationError({ producer: "field.required" });
  const relation = await loadRetailerRelationWith(tx, actor, producer);
  return { producerId: relation.producerId, buyerId: actor.orgId, relationId: relation.id };
}

const lineView = (line: DayOrderLine) => ({ formatId: line.formatId, description: line.description, quantity: line.quantity, unitPrice4: line.unitPrice4 });

export async function getDeliveries(actor: OrgActor, date: string | undefined, query: unknown) {
  const day = parseDateParam(date);
  const { producer } = parseInput(deliveriesQuerySchema, query);
  const db = getDb();
  const scope = await scopeOf(db, actor, producer);
  const orders = await loadDayOrders(db, scope.producerId, day, scope.buyerId ? { buyerId: scope.buyerId } : {});
  return {
    date: day,
    validated: orders.validated,
    orders: orders.orders.map((order) => ({
      customer: { id: order.customer.id, name: order.customer.name },
      source: order.source,
      round: order.round,
      roundPosition: order.roundPosition === Number.MAX_SAFE_INTEGER ? 0 : order.roundPosition,
      intake: order.intake,
      order: order.order ? { id: order.order.id, number: order.order.number, status: order.order.status } : null,
      lines: order.lines.map(lineView),
      differences: order.differences,
    })),
    conflicts: orders.conflicts.map((conflict) => ({
      customer: { id: conflict.customer.id, name: conflict.customer.name },
      orders: conflict.orders.map((o) => ({ id: o.id, number: o.number, status: o.status, source: o.source, intake: o.intake, lines: o.lines.map(lineView) })),
    })),
  };
}
export type DeliveriesView = Awaited<ReturnType<typeof getDeliveries>>;

async function differenceViews(tx: Tx, producerId: string, date: string, relationId?: string) {
  const [rows, formats] = [
    await tx.deliveryDifference.findMany({
      where: { producerId, date, ...(relationId ? { relationId } : {}) },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { relation: { select: { partner: { select: { id: true, name: true } } } } },
    }),
    await loadFormatInfo(tx, producerId),
  ];
  return rows.map((row) => ({
    id: row.id,
    date: row.date,
    status: row.status === "TAKEN_IN" ? ("TAKEN_IN" as const) : ("RECEIVED" as const),
    customer: { id: row.relation.partner?.id ?? row.retailerId, name: row.relation.partner?.name ?? "" },
    lines: parseDifferenceLines(row.lines).map((line) => ({ ...line, description: formats.get(line.formatId)?.description ?? line.formatId })),
    createdAt: row.createdAt.toISOString(),
    createdByName: row.createdByName,
  }));
}
export type DifferenceView = Awaited<ReturnType<typeof differenceViews>>[number];

export async function listDifferences(actor: OrgActor, date: string | undefined, query: unknown) {
  const day = parseDateParam(date);
  const { producer } = parseInput(deliveriesQuerySchema, query);
  const db = getDb();
  const scope = await scopeOf(db, actor, producer);
  const validated = (await db.deliveryDay.count({ where: { producerId: scope.producerId, date: day } })) > 0;
  return { date: day, validated, differences: await differenceViews(db, scope.producerId, day, scope.relationId) };
}

/** The retailer's difference for a date: refused (409) once the date is validated, or when it is past. */
export async function createDifference(actor: OrgActor, date: string | undefined, input: unknown): Promise<DifferenceView> {
  const day = parseDateParam(date);
  requirePermission(actor, "standing:propose");
  const data = parseInput(differenceInputSchema, input);
  const result = await getDb().$transaction(async (tx) => {
    const relation = await loadRetailerRelationWith(tx, actor, data.producer);
    if (day < todayIso()) throw new AppError("invalid_transition", "standing.error.datePast");
    // Read inside the write transaction: a validation that commits first wins, and this one is refused.
    if (await isDateValidated(tx, relation.producerId, day)) throw new AppError("invalid_transition", "bakery.error.dateValidated");
    const formats = await loadFormatInfo(tx, relation.producerId);
    const unknown = Object.fromEntries(
      data.lines.flatMap((line, i) => (formats.get(line.formatId)?.active ? [] : [[`lines.${i}.formatId`, "standing.error.unknownFormat"]])),
    );
    if (Object.keys(unknown).length) throw validationError(unknown);
    const row = await tx.deliveryDifference.create({
      data: {
        producerId: relation.producerId,
        relationId: relation.id,
        retailerId: actor.orgId,
        date: day,
        lines: JSON.stringify(data.lines),
        createdById: actor.userId,
        createdByName: actor.userName,
      },
      select: { id: true },
    });
    const views = await differenceViews(tx, relation.producerId, day, relation.id);
    return { view: views.find((v) => v.id === row.id)!, producerId: relation.producerId };
  });
  publishBakeryChange(result.producerId, day);
  return result.view;
}
