// Status changes of an order (POST /api/v1/orders/:id/{accept|reject|cancel|ship|deliver|restore}),
// each checked by the status machine (./status-machine.ts), based on the current version, recorded in
// the history, releasing the edit lock. Delivering confirms the received quantities: more than ordered
// places a new order for the extra (already DELIVERED, same prices and discounts); less stays recorded
// on the line for a later credit note.
import { connectDb, getDb, type Tx } from "~/utils/db.server";
import { AppError, validationError, type FieldErrors } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import type { OrgActor } from "../org/actor";
import { publishOnDelivery } from "../invoice/publish-invoice.server";
import { insertOrder } from "./create-order.server";
import { notifyOrderEvent } from "./notifications.server";
import { partyOrgIdsOf, publishOrderUpdated } from "./order-events";
import { eventActorOf, loadOrderForChange, recordOrderEvent, saveNextVersion, TX_OPTIONS, type EventActor } from "./order-guard.server";
import { diffLines, draftsOf, parseSubmitted, priceDrafts, storedLinesOf, writeLines, type LineDraft } from "./order-lines.server";
import { loadOrderView, type OrderRow } from "./order-view.server";
import { ORDER_TRANSITIONS, transitionInputSchema, type OrderTransition, type TransitionInput } from "./schemas";
import type { Distribution, OrderView } from "./types";

type Outcome = {
  update: Record<string, unknown>;
  eventType: string;
  changes: Record<string, unknown>;
  notify: "ACCEPTED" | "REJECTED" | "SHIPPED" | "DELIVERED" | null;
  extraOrderId: string | null;
};

export type TransitionResult = OrderView & { extraOrderId: string | null };

function withReason(reason: string | undefined): Record<string, unknown> {
  return reason ? { reason } : {};
}

/** deliver: the received quantities on the lines, and the order for the extra (if any). */
async function deliver(tx: Tx, actor: OrgActor, order: OrderRow, data: TransitionInput, now: Date, eventActor: EventActor): Promise<Outcome> {
  const byId = new Map(order.lines.map((l) => [l.id, l]));
  const fields: FieldErrors = {};
  data.received?.forEach((r, i) => {
    const line = byId.get(r.lineId);
    if (!line) fields[`received.${i}.lineId`] = "orders.error.lineNotFound";
    else if (line.kind !== "ITEM") fields[`received.${i}.lineId`] = "field.invalid";
  });
  if (Object.keys(fields).length) throw validationError(fields);

  const received = new Map((data.received ?? []).map((r) => [r.lineId, r.quantity]));
  const differences: { lineId: string; description: string; ordered: number; received: number }[] = [];
  const extraLines: LineDraft[] = [];
  /** For each extra line, the `received` entry it comes from (where a line too large is reported). */
  const extraFrom: string[] = [];
  const receivedIndex = new Map((data.received ?? []).map((r, i) => [r.lineId, i]));
  for (const line of order.lines) {
    const quantity = received.get(line.id) ?? line.quantity;
    if (quantity !== line.receivedQuantity) {
      await tx.orderLine.updateMany({ where: { id: line.id, orderId: order.id }, data: { receivedQuantity: quantity } });
    }
    if (quantity !== line.quantity) differences.push({ lineId: line.id, description: line.description, ordered: line.quantity, received: quantity });
    if (quantity > line.quantity) {
      const [draft] = draftsOf([line]);
      extraLines.push({ ...draft, id: undefined, quantity: quantity - line.quantity, receivedQuantity: quantity - line.quantity });
      extraFrom.push(`received.${receivedIndex.get(line.id)}.quantity`);
    }
  }

  let extra: { id: string; number: number } | null = null;
  if (extraLines.length) {
    const submitted = parseSubmitted(order.submitted);
    extra = insertOrder(await connectDb(), {
      relation: { id: order.relationId, producerId: order.sellerId, partnerId: order.buyerId, repId: order.repId, minOrderCents: 0 },
      buyerName: order.buyerName,
      currency: order.currency,
      distribution: order.distribution as Distribution,
      distributorId: order.distributorId,
      deliveryDate: order.deliveryDate,
      note: "",
      groupDiscountBps: order.groupDiscountBps,
      taxesEnabled: order.taxesEnabled,
      depositsEnabled: order.depositsEnabled,
      applyGroupDiscount: submitted.applyGroupDiscount !== false,
      lines: extraLines,
      status: "DELIVERED",
      parentOrderId: order.id,
      timestamps: { acceptedAt: now, shippedAt: now, deliveredAt: now },
      createdBy: { userId: actor.userId, orgId: actor.orgId },
      excessField: ({ index }) => extraFrom[index],
    });
    await recordOrderEvent(tx, {
      orderId: extra.id,
      type: "CREATED",
      actor: eventActor,
      changes: { extraOf: { orderId: order.id, number: order.number } },
    });
  }
  return {
    update: { status: "DELIVERED", deliveredAt: now },
    eventType: "DELIVERED",
    changes: {
      ...(differences.length ? { received: differences } : {}),
      ...(extra ? { extraOrder: { orderId: extra.id, number: extra.number } } : {}),
    },
    notify: "DELIVERED",
    extraOrderId: extra?.id ?? null,
  };
}

/** restore: the lines, flags, note and delivery date the buyer submitted. */
async function restore(tx: Tx, order: OrderRow): Promise<Outcome> {
  const submitted = parseSubmitted(order.submitted);
  if (submitted.lines.length === 0) throw new AppError("invalid_transition", "orders.error.nothingToRestore");
  const before = draftsOf(order.lines);
  const lines: LineDraft[] = submitted.lines.map((l) => ({
    id: l.id,
    kind: l.kind,
    formatId: l.formatId ?? null,
    description: l.description,
    quantity: l.quantity,
    unitPrice4: l.unitPrice4,
    discountBps: l.discountBps,
    taxRateBps: l.taxRateBps,
    depositCents: l.depositCents,
    receivedQuantity: null,
  }));
  const restored = {
    note: submitted.note ?? order.note,
    deliveryDate: submitted.deliveryDate ?? order.deliveryDate,
    taxesEnabled: submitted.taxesEnabled,
    depositsEnabled: submitted.depositsEnabled,
  };
  const priced = priceDrafts(lines, restored);
  await writeLines(tx, order.id, storedLinesOf(order.lines), priced.lines);
  const changes: Record<string, unknown> = {};
  const field = (name: string, before: unknown, after: unknown) => {
    if (before !== after) changes[name] = { before, after };
  };
  field("note", order.note, restored.note);
  field("deliveryDate", order.deliveryDate, restored.deliveryDate);
  field("taxesEnabled", order.taxesEnabled, restored.taxesEnabled);
  field("depositsEnabled", order.depositsEnabled, restored.depositsEnabled);
  const lineChanges = diffLines(before, lines);
  if (lineChanges) changes.lines = lineChanges;
  field("totalCents", order.totalCents, priced.totals.totalCents);
  return { update: { ...restored, ...priced.totals }, eventType: "RESTORED", changes, notify: null, extraOrderId: null };
}

export async function transitionOrder(actor: OrgActor, orderId: string, action: OrderTransition, input: unknown): Promise<TransitionResult> {
  if (!(ORDER_TRANSITIONS as readonly string[]).includes(action)) throw new AppError("not_found", "error.not_found");
  const data = parseInput(transitionInputSchema, input);
  const db = getDb();
  const now = new Date();
  const saved = await db.$transaction(async (tx) => {
    const { order } = await loadOrderForChange(tx, actor, orderId, action, data.version, now);
    const eventActor = eventActorOf(actor, order);
    let outcome: Outcome;
    switch (action) {
      case "accept":
        outcome = { update: { status: "ACCEPTED", acceptedAt: now }, eventType: "ACCEPTED", changes: {}, notify: "ACCEPTED", extraOrderId: null };
        break;
      case "reject":
        outcome = { update: { status: "REJECTED", closedAt: now }, eventType: "REJECTED", changes: withReason(data.reason), notify: "REJECTED", extraOrderId: null };
        break;
      case "cancel":
        outcome = { update: { status: "CANCELLED", closedAt: now }, eventType: "CANCELLED", changes: withReason(data.reason), notify: null, extraOrderId: null };
        break;
      case "ship":
        outcome = { update: { status: "SHIPPED", shippedAt: now }, eventType: "SHIPPED", changes: {}, notify: "SHIPPED", extraOrderId: null };
        break;
      case "deliver":
        outcome = await deliver(tx, actor, order, data, now, eventActor);
        break;
      case "restore":
        outcome = await restore(tx, order);
        break;
    }
    const version = await saveNextVersion(tx, order, { ...outcome.update, lockedById: null, lockedUntil: null });
    const status = outcome.update.status;
    const changes = status && status !== order.status ? { status: { before: order.status, after: status }, ...outcome.changes } : outcome.changes;
    await recordOrderEvent(tx, { orderId: order.id, type: outcome.eventType, actor: eventActor, changes });
    if (outcome.notify) await notifyOrderEvent(tx, { type: outcome.notify, orderId: order.id, actorOrgId: actor.orgId });
    // A seller who invoices on delivery: the invoice is published in the same transaction.
    const invoiced = action === "deliver" ? await publishOnDelivery(tx, order.sellerId, [order.id, ...(outcome.extraOrderId ? [outcome.extraOrderId] : [])], now) : [];
    return { order, version, extraOrderId: outcome.extraOrderId, invoiced };
  }, TX_OPTIONS);

  const view = await loadOrderView(db, actor, saved.order.id);
  const partyOrgIds = partyOrgIdsOf(saved.order);
  publishOrderUpdated({ orderId: view.id, version: saved.version, status: view.status, partyOrgIds });
  if (saved.extraOrderId) publishOrderUpdated({ orderId: saved.extraOrderId, version: 1, status: "DELIVERED", partyOrgIds });
  saved.invoiced.forEach(publishOrderUpdated);
  return { ...view, extraOrderId: saved.extraOrderId };
}
