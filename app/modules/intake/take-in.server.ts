// Taking orders in (POST /api/v1/intake/:date) and resolving a conflict (POST
// /api/v1/intake/:date/conflicts/:customerId). Taking a web, staff or rep order in is the producer
// accepting it: the order status machine's `accept` (PENDING → ACCEPTED), in one transaction for the
// batch — one conditional update moving the version on, one history event and the usual emails per
// order. A customer with more than one live order for the date is a conflict: a batch leaves its
// orders alone and the user keeps one explicitly; the others are refused (pending) or cancelled
// (accepted), the history saying why.
import { getDb, type Tx } from "~/utils/db.server";
import { AppError, validationError } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import { requireProducerAction } from "../bakery/access.server";
import { parseDateParam } from "../bakery/date-param.server";
import { inChunks, isDateValidated } from "../bakery/day-orders.server";
import { publishBakeryChange } from "../bakery/live.server";
import type { OrgActor } from "../org/actor";
import { notifyOrderEvent } from "../order/notifications.server";
import { partyOrgIdsOf, publishOrderUpdated, type OrderUpdated } from "../order/order-events";
import { lockedError, requireStatusAllows, TX_OPTIONS } from "../order/order-guard.server";
import { ORDER_RULES, type OrderAction } from "../order/status-machine";
import { loadIntakeBoard, loadPlacedOrders, type PlacedOrder } from "./board.server";
import { conflictingRelations } from "./rules";
import { resolveConflictSchema, takeInSchema, type IntakeBoard } from "./schemas";

type Moved = Pick<PlacedOrder, "id" | "version" | "sellerId" | "buyerId" | "repId" | "distributorId"> & { status: string };

/** Whether another user is amending the order: its edit lease is theirs and still running. */
export function heldByOther(order: Pick<PlacedOrder, "lockedBy" | "lockedUntil">, actor: Pick<OrgActor, "userId">, now: Date): boolean {
  return order.lockedBy !== null && order.lockedBy.id !== actor.userId && order.lockedUntil !== null && order.lockedUntil > now;
}

/** 423 locked for the first order another user is amending (validation waits for them: nothing they type is lost). */
export function requireNoneHeld(orders: readonly Pick<PlacedOrder, "lockedBy" | "lockedUntil">[], actor: Pick<OrgActor, "userId">, now: Date): void {
  const held = orders.find((order) => heldByOther(order, actor, now));
  if (held) throw lockedError(held.lockedBy!, held.lockedUntil!);
}

/** The status an action leads to, from the status machine (the intake takes in, refuses, cancels). */
function targetOf(action: OrderAction): string {
  const to = ORDER_RULES[action].to;
  if (!to) throw new Error(`${action} changes no status`);
  return to;
}

const TIMESTAMP_OF: Partial<Record<OrderAction, "acceptedAt" | "closedAt">> = { accept: "acceptedAt", reject: "closedAt", cancel: "closedAt" };

/**
 * Moves orders of one status by one status-machine action, in `tx`: one conditional update per chunk
 * (the status they were read in; the version moves on by one, the edit lock is released), then one
 * history event each. A row changed meanwhile makes the whole batch a 409 conflict.
 */
export async function moveOrders(
  tx: Tx,
  actor: OrgActor,
  orders: readonly Moved[],
  action: "accept" | "reject" | "cancel",
  changes: Record<string, unknown>,
  now: Date,
): Promise<Moved[]> {
  if (orders.length === 0) return [];
  const from = orders[0].status;
  for (const order of orders) {
    requireStatusAllows(action, order.status);
    if (order.status !== from) throw new Error("moveOrders: one status per batch");
  }
  const to = targetOf(action);
  const timestamp = TIMESTAMP_OF[action]!;
  const counts = await inChunks(
    orders.map((o) => o.id),
    async (ids) => [
      (await tx.order.updateMany({
        where: {
          id: { in: ids }, sellerId: actor.orgId, status: from,
          OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }, { lockedById: actor.userId }],
        },
        data: { status: to, [timestamp]: now, version: { increment: 1 }, lockedById: null, lockedUntil: null },
      })).count,
    ],
  );
  if (counts.reduce((a, b) => a + b, 0) !== orders.length) throw new AppError("conflict", "error.conflict");
  const eventType = to;
  const events = orders.map((order) => ({
    orderId: order.id,
    type: eventType,
    actorId: actor.userId,
    actorName: actor.userName,
    actorOrgId: actor.orgId,
    actorOrgName: actor.orgName,
    changes: JSON.stringify({ status: { before: from, after: to }, ...changes }),
    createdAt: now,
  }));
  for (let i = 0; i < events.length; i += 100) await tx.orderEvent.createMany({ data: events.slice(i, i + 100) });
  const notify = action === "accept" ? "ACCEPTED" : action === "reject" ? "REJECTED" : null;
  if (notify) for (const order of orders) await notifyOrderEvent(tx, { type: notify, orderId: order.id, actorOrgId: actor.orgId });
  return orders.map((order) => ({ ...order, status: to, version: order.version + 1 }));
}

export function publishMoved(moved: readonly Moved[]): void {
  for (const order of moved) publishOrderUpdated({ orderId: order.id, version: order.version, status: order.status, partyOrgIds: partyOrgIdsOf(order) } satisfies OrderUpdated);
}

/** 409 once the date is validated: its day is frozen. */
export async function requireOpenDate(tx: Tx, producerId: string, date: string): Promise<void> {
  if (await isDateValidated(tx, producerId, date)) throw new AppError("invalid_transition", "intake.error.validated");
}

export type TakeInResult = { takenIn: string[]; locked: string[]; conflicts: IntakeBoard["conflicts"]; intake: IntakeBoard };

/**
 * Takes in the date's pending orders (all, or `orderIds`) but those in conflict; taking in all also
 * takes in the date's received differences (the seed's "injecter les différences").
 */
export async function takeInOrders(actor: OrgActor, dateParam: unknown, input: unknown): Promise<TakeInResult> {
  const producerId = requireProducerAction(actor, "intake:run");
  const date = parseDateParam(dateParam);
  const data = parseInput(takeInSchema, input);
  const now = new Date();
  const result = await getDb().$transaction(async (tx) => {
    await requireOpenDate(tx, producerId, date);
    const placed = await loadPlacedOrders(tx, producerId, date);
    const byId = new Map(placed.map((o) => [o.id, o]));
    if (data.orderIds) {
      const unknown = Object.fromEntries(data.orderIds.flatMap((id, i) => (byId.has(id) ? [] : [[`orderIds.${i}`, "intake.error.orderNotFound"]])));
      if (Object.keys(unknown).length) throw validationError(unknown);
    }
    const conflicting = new Set([...conflictingRelations(placed).values()].flat().map((o) => o.id));
    const wanted = data.orderIds ? new Set(data.orderIds) : null;
    const asked = placed.filter((o) => o.status === "PENDING" && !conflicting.has(o.id) && (!wanted || wanted.has(o.id)));
    // An order someone is amending stays as it is, reported: taking it in would throw their edit away.
    const locked = asked.filter((o) => heldByOther(o, actor, now)).map((o) => o.id);
    const moved = await moveOrders(tx, actor, asked.filter((o) => !locked.includes(o.id)), "accept", { intake: { date } }, now);
    if (!wanted) await tx.deliveryDifference.updateMany({ where: { producerId, date, status: "RECEIVED" }, data: { status: "TAKEN_IN", takenInAt: now } });
    const intake = await loadIntakeBoard(tx, producerId, date, now);
    return { moved, locked, intake };
  }, TX_OPTIONS);
  publishMoved(result.moved);
  publishBakeryChange(producerId, date);
  return { takenIn: result.moved.map((o) => o.id), locked: result.locked, conflicts: result.intake.conflicts, intake: result.intake };
}

/**
 * Keeps one of a customer's conflicting orders of the date (taken in if pending) and refuses
 * (pending) or cancels (accepted) the others. 400 when `keepOrderId` is not one of them; 409 when
 * the customer has no conflict that date.
 */
export async function resolveConflict(actor: OrgActor, dateParam: unknown, customerId: string, input: unknown): Promise<IntakeBoard> {
  const producerId = requireProducerAction(actor, "intake:run");
  const date = parseDateParam(dateParam);
  const { keepOrderId } = parseInput(resolveConflictSchema, input);
  const now = new Date();
  const result = await getDb().$transaction(async (tx) => {
    const relation = await tx.relation.findFirst({ where: { producerId, partnerId: customerId, kind: "RETAIL" }, select: { id: true } });
    if (!relation) throw new AppError("not_found", "error.not_found");
    await requireOpenDate(tx, producerId, date);
    const orders = await loadPlacedOrders(tx, producerId, date, { relationId: relation.id });
    const kept = orders.find((o) => o.id === keepOrderId);
    if (!kept) throw validationError({ keepOrderId: "intake.error.notInConflict" });
    if (orders.length < 2) throw new AppError("invalid_transition", "intake.error.noConflict");
    const reason = `Intake of ${date}: order #${kept.number} kept`;
    const changes = { reason, keptOrder: { orderId: kept.id, number: kept.number } };
    const others = orders.filter((o) => o.id !== kept.id);
    const moved = [
      ...(kept.status === "PENDING" ? await moveOrders(tx, actor, [kept], "accept", { intake: { date } }, now) : []),
      ...(await moveOrders(tx, actor, others.filter((o) => o.status === "PENDING"), "reject", changes, now)),
    ];
    const rest = others.filter((o) => o.status !== "PENDING");
    for (const status of new Set(rest.map((o) => o.status))) moved.push(...(await moveOrders(tx, actor, rest.filter((o) => o.status === status), "cancel", changes, now)));
    const intake = await loadIntakeBoard(tx, producerId, date, now);
    return { moved, intake };
  }, TX_OPTIONS);
  publishMoved(result.moved);
  publishBakeryChange(producerId, date);
  return result.intake;
}
