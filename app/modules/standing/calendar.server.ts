// Calendars: a customer's open weekdays and closures (GET|PUT /api/v1/relations/:id/calendar), the
// producer's own closed days (GET|PUT /api/v1/bakery/closures) and the weekdays each product is made
// (PUT /api/v1/bakery/products/:id/planning). The rules that read them live in bakery/calendar.ts.
import { getDb, type Tx } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import { loadRetailRelation, requireProducerAction } from "../bakery/access.server";
import { formatWeekdays, parseWeekdays } from "../bakery/calendar";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { calendarInputSchema, closuresInputSchema, planningInputSchema } from "./schemas";

export type ClosureView = { from: string; to: string; note: string };
export type CalendarView = { openWeekdays: number[]; closures: ClosureView[] };

async function closuresOf(tx: Tx, producerId: string, relationId: string | null): Promise<ClosureView[]> {
  return tx.deliveryClosure.findMany({
    where: { producerId, relationId },
    orderBy: [{ from: "asc" }, { to: "asc" }, { id: "asc" }],
    select: { from: true, to: true, note: true },
  });
}

async function replaceClosures(tx: Tx, producerId: string, relationId: string | null, closures: readonly ClosureView[]): Promise<void> {
  await tx.deliveryClosure.deleteMany({ where: { producerId, relationId } });
  if (closures.length) await tx.deliveryClosure.createMany({ data: closures.map((c) => ({ producerId, relationId, from: c.from, to: c.to, note: c.note })) });
}

async function calendarOf(tx: Tx, producerId: string, relationId: string): Promise<CalendarView> {
  const relation = await tx.relation.findFirstOrThrow({ where: { id: relationId, producerId }, select: { openWeekdays: true } });
  return { openWeekdays: parseWeekdays(relation.openWeekdays), closures: await closuresOf(tx, producerId, relationId) };
}

export async function getRelationCalendar(actor: OrgActor, relationId: string): Promise<CalendarView> {
  requirePermission(actor, "standing:read");
  const db = getDb();
  const relation = await loadRetailRelation(db, actor, relationId);
  return calendarOf(db, relation.producerId, relation.id);
}

/** The producer sets the customer's open weekdays and replaces its closures, in one transaction. */
export async function putRelationCalendar(actor: OrgActor, relationId: string, input: unknown): Promise<CalendarView> {
  const data = parseInput(calendarInputSchema, input);
  return getDb().$transaction(async (tx) => {
    const relation = await loadRetailRelation(tx, actor, relationId);
    requireProducerAction(actor, "standing:write");
    await tx.relation.update({ where: { id: relation.id, producerId: relation.producerId }, data: { openWeekdays: formatWeekdays(data.openWeekdays) } });
    await replaceClosures(tx, relation.producerId, relation.id, data.closures);
    return calendarOf(tx, relation.producerId, relation.id);
  });
}

export async function getProducerClosures(actor: OrgActor): Promise<{ closures: ClosureView[] }> {
  const producerId = requireProducerAction(actor, "standing:read");
  return { closures: await closuresOf(getDb(), producerId, null) };
}

export async function putProducerClosures(actor: OrgActor, input: unknown): Promise<{ closures: ClosureView[] }> {
  const producerId = requireProducerAction(actor, "standing:write");
  const data = parseInput(closuresInputSchema, input);
  return getDb().$transaction(async (tx) => {
    await replaceClosures(tx, producerId, null, data.closures);
    return { closures: await closuresOf(tx, producerId, null) };
  });
}

export type PlanningView = { productId: string; weekdays: number[] };

async function ownProduct(tx: Tx, producerId: string, productId: string) {
  const product = await tx.product.findFirst({ where: { id: productId, producerId }, select: { id: true, productionWeekdays: true } });
  if (!product) throw new AppError("not_found", "error.not_found");
  return product;
}

export async function getProductPlanning(actor: OrgActor, productId: string): Promise<PlanningView> {
  const producerId = requireProducerAction(actor, "standing:read");
  const product = await ownProduct(getDb(), producerId, productId);
  return { productId: product.id, weekdays: parseWeekdays(product.productionWeekdays) };
}

export async function putProductPlanning(actor: OrgActor, productId: string, input: unknown): Promise<PlanningView> {
  const producerId = requireProducerAction(actor, "standing:write");
  const data = parseInput(planningInputSchema, input);
  return getDb().$transaction(async (tx) => {
    const product = await ownProduct(tx, producerId, productId);
    const updated = await tx.product.update({ where: { id: product.id, producerId }, data: { productionWeekdays: formatWeekdays(data.weekdays) }, select: { id: true, productionWeekdays: true } });
    return { productId: updated.id, weekdays: parseWeekdays(updated.productionWeekdays) };
  });
}

/** The page's list: every active product with the weekdays it is made, by family and name. */
export async function listProductPlanning(actor: OrgActor) {
  const producerId = requireProducerAction(actor, "standing:read");
  const products = await getDb().product.findMany({
    where: { producerId, active: true },
    orderBy: [{ family: "asc" }, { name: "asc" }],
    select: { id: true, name: true, family: true, productionWeekdays: true },
  });
  return products.map((p) => ({ id: p.id, name: p.name, family: p.family, weekdays: parseWeekdays(p.productionWeekdays) }));
}

/** The planning page saves every product's weekdays at once, in one transaction. */
export async function putProductsPlanning(actor: OrgActor, rows: readonly { productId: string; weekdays: number[] }[]): Promise<number> {
  const producerId = requireProducerAction(actor, "standing:write");
  const data = rows.map((row) => ({ productId: row.productId, ...parseInput(planningInputSchema, { weekdays: row.weekdays }) }));
  return getDb().$transaction(async (tx) => {
    for (const row of data) {
      const product = await ownProduct(tx, producerId, row.productId);
      await tx.product.update({ where: { id: product.id, producerId }, data: { productionWeekdays: formatWeekdays(row.weekdays) } });
    }
    return data.length;
  });
}
