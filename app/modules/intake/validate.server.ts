// Validating a delivery date (POST /api/v1/intake/:date/validate), the end of the morning's intake, in
// ONE transaction:
//   1. refused (409 invalid_transition) when the date is validated already or a conflict is open;
//   2. takes in every order left to take in (the status machine's accept);
//   3. every standing day order becomes a real order — numbered from the seller's gapless ORDER
//      sequence, ACCEPTED, pointing to its standing-order version, with the day order's unit prices,
//      the catalog's tax rates and deposits, and the slicing fee line (bakery/slicing.ts);
//   4. the differences are written into the placed orders' lines (the rule of bakery/differences.ts,
//      as the board showed them) and marked taken in: applied once, since the date is then frozen;
//   5. writes the DeliveryDay and the customers' delivered history.
// Bulk writes (multi-row INSERTs in standard SQL, chunked under the drivers' bound-parameter limits:
// ./bulk-insert.server.ts) keep 2,000 customers × 30 items under 2 s (docs/benchmarks.md, bakery).
import { getDb, type Tx } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { newId } from "~/utils/ids.server";
import { translate } from "~/utils/i18n";
import { requireProducerAction } from "../bakery/access.server";
import { parseDateParam } from "../bakery/date-param.server";
import { loadDayOrders } from "../bakery/day-orders.server";
import { publishBakeryChange } from "../bakery/live.server";
import { loadBakerySettings } from "../bakery/settings.server";
import type { OrgActor } from "../org/actor";
import { reserveSellerSequence } from "../org/sequences.server";
import { languageOfLocale } from "../order/notifications.server";
import { partyOrgIdsOf, publishOrderUpdated } from "../order/order-events";
import { TX_OPTIONS } from "../order/order-guard.server";
import { diffLines, draftsOf, priceDrafts, storedLinesOf, writeLines, type LineDraft, type Submitted } from "../order/order-lines.server";
import { draftLines, type CatalogCharges } from "./order-drafts";
import { loadIntakeBoard, loadPlacedOrders } from "./board.server";
import { insertRows, type SqlValue } from "./bulk-insert.server";
import { writeDeliveryHistory, type HistoryRow } from "./history.server";
import { conflictingRelations, type HistoryOrder } from "./rules";
import { type IntakeBoard } from "./schemas";
import { moveOrders, publishMoved, requireNoneHeld, requireOpenDate } from "./take-in.server";

export type ValidationResult = { date: string; takenIn: string[]; ordersCreated: number; ordersAmended: number; intake: IntakeBoard };

const ORDER_COLUMNS = [
  "id", "sellerId", "buyerId", "repId", "distributorId", "relationId", "number", "status", "version", "distribution", "deliveryDate", "note", "currency",
  "groupDiscountBps", "taxesEnabled", "depositsEnabled", "minOrderCents", "subtotalCents", "discountCents", "taxCents", "depositCents", "totalCents",
  "buyerName", "submitted", "standingOrderId", "createdById", "createdByOrgId", "acceptedAt", "createdAt", "updatedAt",
] as const;
const LINE_COLUMNS = ["id", "orderId", "position", "kind", "formatId", "description", "quantity", "unitPrice4", "discountBps", "taxRateBps", "depositCents", "totalCents"] as const;
const EVENT_COLUMNS = ["id", "orderId", "type", "actorId", "actorName", "actorOrgId", "actorOrgName", "changes", "createdAt"] as const;
type Row<C extends readonly string[]> = Record<C[number], SqlValue>;

async function loadCatalogCharges(tx: Tx, producerId: string): Promise<CatalogCharges> {
  const formats = await tx.productFormat.findMany({ where: { producerId }, select: { id: true, depositCents: true, taxRate: { select: { rateBps: true } } } });
  return new Map(formats.map((f) => [f.id, { taxRateBps: f.taxRate.rateBps, depositCents: f.depositCents }]));
}

export async function validateDate(actor: OrgActor, dateParam: unknown): Promise<ValidationResult> {
  const producerId = requireProducerAction(actor, "intake:run");
  const date = parseDateParam(dateParam);
  const now = new Date();
  const result = await getDb().$transaction(async (tx) => {
    await requireOpenDate(tx, producerId, date);
    const placed = await loadPlacedOrders(tx, producerId, date);
    if (conflictingRelations(placed).size > 0) throw new AppError("invalid_transition", "intake.error.conflictsOpen");

    // 2. What is left to take in — not while someone is amending one of the date's orders (423).
    requireNoneHeld(placed.filter((o) => o.status === "PENDING" || o.status === "ACCEPTED"), actor, now);
    const taken = await moveOrders(tx, actor, placed.filter((o) => o.status === "PENDING"), "accept", { intake: { date, validated: true } }, now);

    // The day orders as the board and the notes show them: differences applied.
    const day = await loadDayOrders(tx, producerId, date);
    const producer = await tx.organization.findUniqueOrThrow({ where: { id: producerId }, select: { currency: true, locale: true } });
    const settings = await loadBakerySettings(tx, producerId);
    const charges = await loadCatalogCharges(tx, producerId);
    const fee = { slicingFee4: settings.slicingFee4, label: translate(languageOfLocale(producer.locale) ?? "fr", "bakery.slicingFee") };
    const relations = new Map(
      (
        await tx.relation.findMany({
          where: { producerId, kind: "RETAIL", status: "ACTIVE" },
          select: { id: true, repId: true, defaultDistribution: true, defaultDistributorId: true, minOrderCents: true, customerGroup: { select: { discountBps: true } } },
        })
      ).map((r) => [r.id, r]),
    );

    // 3. The standing day orders become numbered orders.
    const orders: Row<typeof ORDER_COLUMNS>[] = [];
    const lines: Row<typeof LINE_COLUMNS>[] = [];
    const history: HistoryRow[] = [];
    const created: { id: string; buyerId: string; repId: string | null; distributorId: string | null; standingOrderId: string | null }[] = [];
    const toCreate = day.orders.filter((o) => !o.order && relations.has(o.relationId) && o.lines.length > 0);
    // A customer with nothing standing that date who asked for items by a difference gets an order of
    // its own request: placed by the retailer who entered it (its source is then "web", not "staff").
    const askedBy = new Map<string, string>();
    for (const d of await tx.deliveryDifference.findMany({ where: { producerId, date }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { relationId: true, createdById: true } })) {
      if (!askedBy.has(d.relationId)) askedBy.set(d.relationId, d.createdById);
    }
    let number = toCreate.length ? await reserveSellerSequence(tx, producerId, "ORDER", toCreate.length) : 0;
    for (const dayOrder of toCreate) {
      const relation = relations.get(dayOrder.relationId)!;
      const priced = priceDrafts(draftLines(dayOrder.lines, charges, fee), { taxesEnabled: true, depositsEnabled: true });
      const id = newId();
      const distributorId = relation.defaultDistribution === "DISTRIBUTOR" ? relation.defaultDistributorId : null;
      const distribution = relation.defaultDistribution === "DISTRIBUTOR" && !distributorId ? "SELF" : relation.defaultDistribution;
      const orderLines = priced.lines.map((line, position) => ({
        // The order's id and the line's place: unique, in the order's place of the index, and 60,000
        // fewer random ids to draw (~0.2 s of a validation).
        id: `${id}${position.toString(36).padStart(3, "0")}`, orderId: id, position, kind: line.kind, formatId: line.formatId, description: line.description, quantity: line.quantity,
        unitPrice4: line.unitPrice4, discountBps: line.discountBps, taxRateBps: line.taxRateBps, depositCents: line.depositCents, totalCents: line.totalCents,
      }));
      const submitted: Submitted = {
        lines: priced.lines.map((line, i) => ({ id: orderLines[i].id, kind: line.kind, formatId: line.formatId, description: line.description, quantity: line.quantity, unitPrice4: line.unitPrice4, discountBps: line.discountBps, taxRateBps: line.taxRateBps, depositCents: line.depositCents })),
        taxesEnabled: true,
        depositsEnabled: true,
        // The day order's prices are the customer's (special prices included): no group discount on top.
        applyGroupDiscount: false,
        note: "",
        deliveryDate: date,
        distribution,
        distributorId,
      };
      orders.push({
        id, sellerId: producerId, buyerId: dayOrder.customer.id, repId: relation.repId, distributorId, relationId: relation.id, number: number++, status: "ACCEPTED", version: 1,
        distribution, deliveryDate: date, note: "", currency: producer.currency, groupDiscountBps: relation.customerGroup?.discountBps ?? 0, taxesEnabled: true, depositsEnabled: true,
        minOrderCents: relation.minOrderCents, ...priced.totals, buyerName: dayOrder.customer.name, submitted: JSON.stringify(submitted), standingOrderId: dayOrder.standingOrderId,
        ...(dayOrder.standingOrderId === null && askedBy.has(dayOrder.relationId)
          ? { createdById: askedBy.get(dayOrder.relationId)!, createdByOrgId: dayOrder.customer.id }
          : { createdById: actor.userId, createdByOrgId: producerId }),
        acceptedAt: now, createdAt: now, updatedAt: now,
      });
      lines.push(...orderLines);
      created.push({ id, buyerId: dayOrder.customer.id, repId: relation.repId, distributorId, standingOrderId: dayOrder.standingOrderId });
      const historyLines: HistoryOrder["lines"] = orderLines.map((l) => ({ ...l, receivedQuantity: null }));
      history.push({ producerId, relationId: relation.id, retailerId: dayOrder.customer.id, date, orders: [{ id, parentOrderId: null, status: "ACCEPTED", totalCents: priced.totals.totalCents, lines: historyLines }] });
    }
    await insertRows(tx, "Order", ORDER_COLUMNS, orders);
    await insertRows(tx, "OrderLine", LINE_COLUMNS, lines);
    const events: Row<typeof EVENT_COLUMNS>[] = created.map((order) => ({
      id: newId(), orderId: order.id, type: "CREATED", actorId: actor.userId, actorName: actor.userName, actorOrgId: actor.orgId, actorOrgName: actor.orgName,
      changes: JSON.stringify({ intake: { date, validated: true }, standingOrderId: order.standingOrderId }), createdAt: now,
    }));
    await insertRows(tx, "OrderEvent", EVENT_COLUMNS, events);

    // 4. The differences, written into the placed orders they change.
    const amended = await applyDifferencesToPlaced(tx, actor, day, charges, now);
    await tx.deliveryDifference.updateMany({ where: { producerId, date, status: "RECEIVED" }, data: { status: "TAKEN_IN", takenInAt: now } });

    // 5. The day, frozen; the customers' delivered history.
    await tx.deliveryDay.create({ data: { producerId, date, validatedAt: now, validatedById: actor.userId, validatedByName: actor.userName, ordersCreated: orders.length } });
    const placedIds = day.orders.flatMap((o) => (o.order ? [o.order.id] : []));
    const placedNow = placedIds.length
      ? await tx.order.findMany({
          where: { id: { in: placedIds }, sellerId: producerId },
          select: { id: true, relationId: true, buyerId: true, parentOrderId: true, status: true, totalCents: true, lines: { orderBy: { position: "asc" }, select: { kind: true, formatId: true, description: true, quantity: true, receivedQuantity: true, unitPrice4: true, totalCents: true } } },
        })
      : [];
    for (const order of placedNow) history.push({ producerId, relationId: order.relationId, retailerId: order.buyerId, date, orders: [order] });
    await writeDeliveryHistory(tx, history);
    const intake = await loadIntakeBoard(tx, producerId, date, now);
    return { taken, amended, created, intake, ordersCreated: orders.length };
  }, { ...TX_OPTIONS, timeout: 120_000 });

  publishMoved(result.taken);
  for (const order of result.amended) publishOrderUpdated(order);
  for (const order of result.created) publishOrderUpdated({ orderId: order.id, version: 1, status: "ACCEPTED", partyOrgIds: partyOrgIdsOf({ sellerId: producerId, buyerId: order.buyerId, repId: order.repId, distributorId: order.distributorId }) });
  publishBakeryChange(producerId, date);
  return { date, takenIn: result.taken.map((o) => o.id), ordersCreated: result.ordersCreated, ordersAmended: result.amended.length, intake: result.intake };
}

/**
 * The placed orders whose customer entered differences get the day order's adjusted lines (the same
 * applyDeltas result the board and the notes show), their other lines (fees) kept, the version moved
 * on and an AMENDED event naming the differences.
 */
async function applyDifferencesToPlaced(tx: Tx, actor: OrgActor, day: Awaited<ReturnType<typeof loadDayOrders>>, charges: CatalogCharges, now: Date) {
  const touched = day.orders.filter((o) => o.order && o.differences.length > 0);
  const amended: { orderId: string; version: number; status: string; partyOrgIds: string[] }[] = [];
  for (const dayOrder of touched) {
    const order = await tx.order.findFirst({
      where: { id: dayOrder.order!.id, sellerId: actor.orgId, status: { in: ["PENDING", "ACCEPTED"] } },
      select: { id: true, version: true, status: true, sellerId: true, buyerId: true, repId: true, distributorId: true, taxesEnabled: true, depositsEnabled: true, lines: { orderBy: { position: "asc" } } },
    });
    if (!order) continue; // shipped or delivered already: its lines no longer change
    const before = storedLinesOf(order.lines);
    const beforeDrafts = draftsOf(order.lines);
    const unused = [...before.filter((l) => l.kind === "ITEM")];
    const items: LineDraft[] = dayOrder.lines.map((line) => {
      const index = unused.findIndex((l) => l.formatId === line.formatId);
      const old = index >= 0 ? unused.splice(index, 1)[0] : null;
      return old
        ? { ...old, quantity: line.quantity, receivedQuantity: old.receivedQuantity }
        : { kind: "ITEM", formatId: line.formatId, description: line.description, quantity: line.quantity, unitPrice4: line.unitPrice4, discountBps: 0, taxRateBps: charges.get(line.formatId)?.taxRateBps ?? 0, depositCents: charges.get(line.formatId)?.depositCents ?? 0 };
    });
    const after = [...items, ...before.filter((l) => l.kind !== "ITEM")];
    const priced = priceDrafts(after, { taxesEnabled: order.taxesEnabled, depositsEnabled: order.depositsEnabled });
    await writeLines(tx, order.id, before, priced.lines);
    const { count } = await tx.order.updateMany({ where: { id: order.id, version: order.version }, data: { ...priced.totals, version: { increment: 1 }, updatedAt: now } });
    if (count !== 1) throw new AppError("conflict", "error.conflict");
    await tx.orderEvent.create({
      data: {
        orderId: order.id, type: "AMENDED", actorId: actor.userId, actorName: actor.userName, actorOrgId: actor.orgId, actorOrgName: actor.orgName, createdAt: now,
        changes: JSON.stringify({ differences: dayOrder.differences.map((d) => d.id), lines: diffLines(beforeDrafts, after) }),
      },
    });
    amended.push({ orderId: order.id, version: order.version + 1, status: order.status, partyOrgIds: partyOrgIdsOf(order) });
  }
  return amended;
}
