// Publishing the invoice of delivered orders — one (POST /api/v1/orders/:id/invoice, the order page, or
// automatically at delivery when the seller has `autoInvoiceOnDelivery` and the customer is invoiced per
// delivery), or every order of a billing period (./periodic-invoices.server.ts): in one transaction it
//   - takes the seller's next invoice number (gapless: SellerSequence INVOICE) and place in its chain,
//   - copies the lines and the totals (computeTotals, the one pricing function) into the invoice,
//     with the seller's and buyer's details as they are today and the due date from the relation's
//     payment terms, in the buyer's language,
//   - hashes the content (./ledger.server.ts), moves every order to INVOICED (frozen from then on: the
//     services answer 409 frozen and database triggers refuse changes), lists them in InvoiceOrder,
//     records it in their history and writes the emails to the outbox.
// An order is on at most one invoice that is not cancelled: checked in the transaction (409).
import { connectDb, getDb, sqlTimestamp, statement, writeTransaction, type Sqlite, type Tx } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { translate } from "~/utils/i18n";
import { newId } from "~/utils/ids.server";
import { parseInput } from "~/utils/validation";
import type { OrgActor } from "../org/actor";
import { takeSellerSequence } from "../org/sequences.server";
import { todayIso } from "../order/dates";
import { languageOfLocale } from "../order/notifications.server";
import { partyOrgIdsOf, publishOrderUpdated, type OrderUpdated } from "../order/order-events";
import { conflictError, insertOrderEvent, lockedError, saveNextStatus, type EventActor } from "../order/order-guard.server";
import { actorPermissions, validLock } from "../order/order-view.server";
import { INVOICE_MOVES, mayPublishInvoice } from "../order/status-machine";
import { orderSideOf } from "../order/visibility.server";
import { computeTotals, type LineKind } from "../pricing/totals";
import { requirePermission } from "../org/access.server";
import { loadInvoiceView, toInvoiceView, type InvoiceRow } from "./invoice-view.server";
import { invoiceHash, takeChainLink, type InvoiceContent, type LedgerLink } from "./ledger.server";
import { notifyInvoicePublishedSync } from "./notifications.server";
import { refreshSettlementSync } from "./settlement.server";
import { publishInvoiceSchema } from "./schemas";
import { invoiceNumber } from "./sequences.server";
import type { InvoiceView } from "./types";

type PartyDetails = { name: string; address: string | null; email: string | null; phone: string | null; taxNumber: string | null };

/** The details an invoice keeps of a party, as JSON (the PDF and the emails read them). */
export function partySnapshot(org: PartyDetails): string {
  return JSON.stringify({ name: org.name, address: org.address, email: org.email, phone: org.phone, taxNumber: org.taxNumber });
}

/** YYYY-MM-DD plus a number of days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A delivered order as publication reads it: the order, its lines, the parties' details and payment terms. */
export type OrderToInvoice = {
  id: string;
  sellerId: string;
  buyerId: string;
  repId: string | null;
  distributorId: string | null;
  number: number;
  status: string;
  version: number;
  currency: string;
  deliveryDate: string;
  note: string;
  distribution: string;
  groupDiscountBps: number;
  taxesEnabled: boolean;
  depositsEnabled: boolean;
  lockedById: string | null;
  lockedUntil: Date | null;
  lockedByName: string | null;
  paymentTermsDays: number;
  billingPeriod: string;
  relationId: string;
  buyerLocale: string;
  seller: PartyDetails;
  buyer: PartyDetails;
  partyNames: Map<string, string>;
  lines: OrderLineToInvoice[];
};
type OrderLineToInvoice = {
  id: string;
  kind: LineKind;
  formatId: string | null;
  description: string;
  quantity: number;
  receivedQuantity: number | null;
  unitPrice4: number;
  discountBps: number;
  taxRateBps: number;
  depositCents: number;
};

const party = (alias: string) =>
  ["name", "address", "email", "phone", "taxNumber"].map((column) => `${alias}."${column}" AS "${alias}_${column}"`).join(", ");
const ORDER_TO_INVOICE_SQL = `
  SELECT o.id, o.sellerId, o.buyerId, o.repId, o.distributorId, o.number, o.status, o.version, o.currency, o.deliveryDate, o.note,
         o.distribution, o.groupDiscountBps, o.taxesEnabled, o.depositsEnabled, o.lockedById, o.lockedUntil, lu.name AS lockedByName,
         r.paymentTermsDays, r.billingPeriod, o.relationId, b.locale AS buyerLocale, ${party("s")}, ${party("b")}, rep.name AS repName, d.name AS distributorName
  FROM "Order" o
  JOIN "Relation" r ON r.id = o.relationId
  JOIN "Organization" s ON s.id = o.sellerId
  JOIN "Organization" b ON b.id = o.buyerId
  LEFT JOIN "Organization" rep ON rep.id = o.repId
  LEFT JOIN "Organization" d ON d.id = o.distributorId
  LEFT JOIN "User" lu ON lu.id = o.lockedById
  WHERE o.id = ?`;

function partyColumns(row: Record<string, unknown>, alias: string): PartyDetails {
  const value = (column: string) => row[`${alias}_${column}`] as string | null;
  return { name: value("name") ?? "", address: value("address"), email: value("email"), phone: value("phone"), taxNumber: value("taxNumber") };
}

/** The order to invoice, read on the raw connection; null when there is no such order. */
export function loadOrderToInvoice(db: Sqlite, orderId: string): OrderToInvoice | null {
  const row = statement(db, ORDER_TO_INVOICE_SQL).get(orderId) as Record<string, unknown> | undefined;
  if (!row) return null;
  const text = (column: string) => row[column] as string;
  const optional = (column: string) => (row[column] as string | null) ?? null;
  const seller = partyColumns(row, "s");
  const buyer = partyColumns(row, "b");
  const partyNames = new Map<string, string>([
    [text("sellerId"), seller.name],
    [text("buyerId"), buyer.name],
  ]);
  if (row.repId) partyNames.set(text("repId"), optional("repName") ?? "");
  if (row.distributorId) partyNames.set(text("distributorId"), optional("distributorName") ?? "");
  const lines = statement(
    db,
    `SELECT id, kind, formatId, description, quantity, receivedQuantity, unitPrice4, discountBps, taxRateBps, depositCents
     FROM "OrderLine" WHERE orderId = ? ORDER BY position ASC, id ASC`,
  ).all(orderId) as OrderLineToInvoice[];
  return {
    id: text("id"),
    sellerId: text("sellerId"),
    buyerId: text("buyerId"),
    repId: optional("repId"),
    distributorId: optional("distributorId"),
    number: row.number as number,
    status: text("status"),
    version: row.version as number,
    currency: text("currency"),
    deliveryDate: text("deliveryDate"),
    note: text("note"),
    distribution: text("distribution"),
    groupDiscountBps: row.groupDiscountBps as number,
    taxesEnabled: Boolean(row.taxesEnabled),
    depositsEnabled: Boolean(row.depositsEnabled),
    lockedById: optional("lockedById"),
    lockedUntil: row.lockedUntil === null ? null : new Date(row.lockedUntil as string),
    lockedByName: optional("lockedByName"),
    paymentTermsDays: row.paymentTermsDays as number,
    billingPeriod: text("billingPeriod"),
    relationId: text("relationId"),
    buyerLocale: text("buyerLocale"),
    seller,
    buyer,
    partyNames,
    lines,
  };
}

/** The order fields an invoice copies. */
type InvoicedOrderFields = Pick<
  OrderToInvoice,
  "id" | "sellerId" | "buyerId" | "number" | "currency" | "deliveryDate" | "groupDiscountBps" | "taxesEnabled" | "depositsEnabled"
>;

/**
 * What an invoice of this order says — the content its hash covers: the lines as they are, priced by
 * computeTotals, the number of the year of issue, the due date from the payment terms, the parties'
 * snapshots and the place in the seller's chain. Publication and the benchmark's bulk load both build
 * invoices with it, so that `npm run verify-ledger` holds for either.
 */
export function invoiceContent(
  order: InvoicedOrderFields,
  lines: readonly OrderLineToInvoice[],
  issue: { sequence: number; chain: LedgerLink; issuedAt: Date; paymentTermsDays: number; seller: string; buyer: string },
): InvoiceContent {
  const priced = computeTotals(lines, { taxesEnabled: order.taxesEnabled, depositsEnabled: order.depositsEnabled });
  const issueDay = todayIso(issue.issuedAt);
  return {
    sellerId: order.sellerId,
    buyerId: order.buyerId,
    orderId: order.id,
    number: invoiceNumber(issue.sequence, Number(issueDay.slice(0, 4))),
    sequence: issue.sequence,
    currency: order.currency,
    issuedAt: issue.issuedAt,
    dueDate: addDays(issueDay, issue.paymentTermsDays),
    paymentTermsDays: issue.paymentTermsDays,
    orderNumber: order.number,
    deliveryDate: order.deliveryDate,
    seller: issue.seller,
    buyer: issue.buyer,
    groupDiscountBps: order.groupDiscountBps,
    taxesEnabled: order.taxesEnabled,
    depositsEnabled: order.depositsEnabled,
    lines: lines.map((l, i) => ({
      lineId: l.id,
      position: i + 1,
      kind: l.kind,
      formatId: l.formatId,
      description: l.description,
      quantity: l.quantity,
      receivedQuantity: l.receivedQuantity,
      unitPrice4: l.unitPrice4,
      discountBps: l.discountBps,
      taxRateBps: l.taxRateBps,
      depositCents: l.depositCents,
      totalCents: priced.lines[i].totalCents,
    })),
    ...priced.totals,
    ...issue.chain,
  };
}

const INSERT_INVOICE_SQL = `INSERT INTO "Invoice" ("id", "sellerId", "buyerId", "orderId", "sequence", "number", "status", "currency", "locale",
  "issuedAt", "dueDate", "paymentTermsDays", "orderNumber", "deliveryDate", "distribution", "note", "seller", "buyer", "groupDiscountBps",
  "taxesEnabled", "depositsEnabled", "subtotalCents", "discountCents", "taxCents", "depositCents", "totalCents", "creditedCents", "paidCents",
  "balanceCents", "chainPosition", "contentHash", "previousHash", "createdById", "createdByOrgId", "createdAt", "updatedAt")
  VALUES (?, ?, ?, ?, ?, ?, 'ISSUED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_INVOICE_LINE_SQL = `INSERT INTO "InvoiceLine" ("invoiceId", "lineId", "position", "kind", "formatId", "description", "quantity",
  "receivedQuantity", "unitPrice4", "discountBps", "taxRateBps", "depositCents", "totalCents") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * `invoice`: the new invoice as a read would return it (no credit note, no payment yet), to answer
 * with without reading it back; null when its settlement changed it (a total of 0: paid at once).
 */
export type Publication = { invoiceId: string; orderUpdates: OrderUpdated[]; invoice: InvoiceRow | null };

/** The orders among these that are already on an invoice that is not cancelled (with its number). */
export function liveInvoiceOf(db: Sqlite, orderIds: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  const query = statement(
    db,
    `SELECT io."orderId" AS "orderId", i."number" AS "number" FROM "InvoiceOrder" io JOIN "Invoice" i ON i."id" = io."invoiceId"
     WHERE io."orderId" = ? AND i."status" <> 'CANCELLED'`,
  );
  for (const orderId of orderIds) {
    const row = query.get(orderId) as { orderId: string; number: string } | undefined;
    if (row) found.set(row.orderId, row.number);
  }
  return found;
}

/** The heading every line of an invoice of several orders carries: which delivery, which order. */
function orderLinePrefix(order: OrderToInvoice): string {
  const language = languageOfLocale(order.buyerLocale) ?? "fr";
  let locale = order.buyerLocale;
  try {
    new Intl.DateTimeFormat(locale);
  } catch {
    locale = language;
  }
  // The buyer's calendar day (03/11/2026), as the rest of the invoice speaks its language.
  const date = new Intl.DateTimeFormat(locale, { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" }).format(new Date(`${order.deliveryDate}T00:00:00Z`));
  return translate(language, "periodic.linePrefix", { date, number: order.number });
}

/** The invoice lines of these orders: one order's lines as they are; several orders' lines in order, each with its heading. */
function linesOfOrders(orders: readonly OrderToInvoice[]): OrderLineToInvoice[] {
  if (orders.length === 1) return orders[0].lines;
  return orders.flatMap((order) => {
    const prefix = orderLinePrefix(order);
    return order.lines.map((line) => ({ ...line, description: `${prefix} ${line.description}` }));
  });
}

/**
 * Publishes one invoice of DELIVERED orders of one relation (one order, or every order of a billing
 * period, in the order given: the first one is `Invoice.orderId`), in the transaction open on the raw
 * connection. `by` is who publishes (null: automatically, for the seller, at delivery). The caller has
 * checked who may; this checks each order's status again, and that none is on a live invoice.
 */
export function publishInvoiceSync(
  db: Sqlite,
  orders: readonly OrderToInvoice[],
  input: { by: { userId: string; orgId: string } | null; eventActor: EventActor; now: Date },
): Publication {
  const order = orders[0];
  if (!order) throw new Error("publishInvoiceSync: no order");
  for (const o of orders) {
    if (!(INVOICE_MOVES.publish.from as readonly string[]).includes(o.status)) {
      throw new AppError("invalid_transition", "invoices.error.notDelivered", { status: o.status });
    }
    // One invoice covers the orders of one relation, priced with one set of options.
    if (o.relationId !== order.relationId || o.currency !== order.currency || o.taxesEnabled !== order.taxesEnabled || o.depositsEnabled !== order.depositsEnabled) {
      throw new AppError("invalid_transition", "periodic.error.mixedOrders");
    }
  }
  const invoiced = liveInvoiceOf(db, orders.map((o) => o.id));
  if (invoiced.size) throw new AppError("invalid_transition", "periodic.error.alreadyInvoiced", { number: [...invoiced.values()][0] });
  const invoiceLines = linesOfOrders(orders);
  const covered = orders.map((o, position) => ({ orderId: o.id, position }));
  const content: InvoiceContent = {
    ...invoiceContent(order, invoiceLines, {
      sequence: takeSellerSequence(db, order.sellerId, "INVOICE"),
      chain: takeChainLink(db, order.sellerId),
      issuedAt: input.now,
      paymentTermsDays: order.paymentTermsDays,
      seller: partySnapshot(order.seller),
      buyer: partySnapshot(order.buyer),
    }),
    orders: covered,
  };
  // Thrown inside the transaction: the number and the chain link just taken are given back.
  if (content.totalCents < 0) throw new AppError("invalid_transition", "invoices.error.negativeTotal");
  const { lines, orders: _covered, ...columns } = content;
  const data = {
    ...columns,
    id: newId(),
    status: "ISSUED",
    locale: order.buyerLocale,
    distribution: order.distribution,
    note: orders.length === 1 ? order.note : "",
    creditedCents: 0,
    paidCents: 0,
    balanceCents: content.totalCents,
    paidAt: null,
    cancelledAt: null,
    contentHash: invoiceHash(content),
    createdById: input.by?.userId ?? null,
    createdByOrgId: input.by?.orgId ?? order.sellerId,
    createdAt: input.now,
    updatedAt: input.now,
  };
  const at = sqlTimestamp(input.now);
  statement(db, INSERT_INVOICE_SQL).run(
    data.id, data.sellerId, data.buyerId, data.orderId, data.sequence, data.number, data.currency, data.locale,
    at, data.dueDate, data.paymentTermsDays, data.orderNumber, data.deliveryDate, data.distribution, data.note, data.seller, data.buyer,
    data.groupDiscountBps, data.taxesEnabled ? 1 : 0, data.depositsEnabled ? 1 : 0, data.subtotalCents, data.discountCents, data.taxCents,
    data.depositCents, data.totalCents, data.balanceCents, data.chainPosition, data.contentHash, data.previousHash,
    data.createdById, data.createdByOrgId, at, at,
  );
  const insertLine = statement(db, INSERT_INVOICE_LINE_SQL);
  for (const l of lines) {
    insertLine.run(
      data.id, l.lineId, l.position, l.kind, l.formatId, l.description, l.quantity, l.receivedQuantity, l.unitPrice4, l.discountBps,
      l.taxRateBps, l.depositCents, l.totalCents,
    );
  }
  const insertCovered = statement(db, `INSERT INTO "InvoiceOrder" ("invoiceId", "orderId", "position") VALUES (?, ?, ?)`);
  for (const c of covered) insertCovered.run(data.id, c.orderId, c.position);

  const published: OrderUpdated[] = orders.map((o) => {
    const version = saveNextStatus(db, o, "INVOICED", input.now);
    insertOrderEvent(db, {
      orderId: o.id,
      type: "INVOICED",
      actor: input.eventActor,
      changes: {
        status: { before: o.status, after: "INVOICED" },
        invoice: { id: data.id, number: data.number, totalCents: content.totalCents, ...(orders.length > 1 ? { orders: orders.length } : {}) },
        ...(input.by ? {} : { automatic: true }),
      },
      at: input.now,
    });
    return { orderId: o.id, version, status: "INVOICED", partyOrgIds: partyOrgIdsOf(o) };
  });
  notifyInvoicePublishedSync(db, data);
  // An invoice of nothing to pay (a total of 0) is settled at once; any other new invoice is open
  // (nothing credited or paid yet), so there is nothing to recompute.
  if (content.totalCents === 0) {
    const settled = refreshSettlementSync(db, [data.id], input.eventActor, input.now);
    return { invoiceId: data.id, orderUpdates: settled.length ? settled : published, invoice: null };
  }
  const row: InvoiceRow = {
    ...data,
    order: { sellerId: order.sellerId, buyerId: order.buyerId, repId: order.repId, distributorId: order.distributorId },
    lines: lines.map((l) => ({ ...l, invoiceId: data.id })),
    creditNotes: [],
    allocations: [],
  };
  return { invoiceId: data.id, orderUpdates: published, invoice: row };
}

/** Whether the id is one of the producer's shop counter orders (app/modules/production/shops.server.ts). */
export function isOwnShopOrder(db: Sqlite, producerId: string, id: string): boolean {
  return statement(db, `SELECT 1 AS "found" FROM "ShopOrder" WHERE "id" = ? AND "producerId" = ?`).get(id, producerId) !== undefined;
}

/**
 * POST /api/v1/orders/:id/invoice {version}: a shop order of the actor (409 invalid_transition) → visible (404) → DELIVERED (409 invalid_transition, also
 * when already invoiced) → seller side with `invoice:publish` (403) → current version (409
 * conflict) → nobody else holds the edit lock (423).
 *
 * One synchronous transaction of prepared statements on the raw connection (app/utils/db.server.ts),
 * like order creation: the answer is built from the rows written (docs/benchmarks.md).
 */
export async function publishInvoice(actor: OrgActor, orderId: string, input: unknown): Promise<InvoiceView> {
  const data = parseInput(publishInvoiceSchema, input);
  requirePermission(actor, "order:read");
  const now = new Date();
  const result = await writeTransaction((db) => {
    const order = loadOrderToInvoice(db, orderId);
    // A shop's counter order is never invoiced (it is paid at the counter): its id is refused as such, to its producer.
    if (!order && isOwnShopOrder(db, actor.orgId, orderId)) throw new AppError("invalid_transition", "production.error.shopOrderNotInvoiceable");
    const side = order ? orderSideOf(order, actor.orgId) : null;
    if (!order || !side) throw new AppError("not_found", "error.not_found");
    if (!(INVOICE_MOVES.publish.from as readonly string[]).includes(order.status)) {
      throw new AppError("invalid_transition", "invoices.error.notDelivered", { status: order.status });
    }
    if (!mayPublishInvoice(order.status, side, actorPermissions(actor))) throw new AppError("forbidden", "error.forbidden");
    if (order.version !== data.version) throw conflictError(order.version);
    const lock = validLock(order, now);
    if (lock && lock.id !== actor.userId) throw lockedError({ id: lock.id, name: order.lockedByName ?? "" }, lock.until);
    const eventActor: EventActor = { userId: actor.userId, userName: actor.userName, orgId: actor.orgId, orgName: order.partyNames.get(actor.orgId) ?? "" };
    const publication = publishInvoiceSync(db, [order], { by: { userId: actor.userId, orgId: actor.orgId }, eventActor, now });
    requirePermission(actor, "invoice:read"); // as reading it back would
    return publication;
  });
  result.orderUpdates.forEach(publishOrderUpdated);
  return result.invoice ? toInvoiceView(result.invoice, actor) : loadInvoiceView(getDb(), actor, result.invoiceId);
}

/**
 * At delivery, for a seller with `autoInvoiceOnDelivery`: publishes the invoices of the delivered
 * orders (the order and the one for extra quantities, if any) in the delivery's transaction (`tx`: the
 * raw statements join it) — for customers invoiced per delivery only: a weekly or monthly customer's
 * orders wait for their period's invoice. Returns the order moves to publish after the commit (none when the setting
 * is off). The history names the seller, not a user.
 */
export async function publishOnDelivery(_tx: Tx, sellerId: string, orderIds: readonly string[], now: Date): Promise<OrderUpdated[]> {
  const db = await connectDb();
  const seller = statement(db, `SELECT id, name, autoInvoiceOnDelivery FROM "Organization" WHERE id = ?`).get(sellerId) as
    | { id: string; name: string; autoInvoiceOnDelivery: number }
    | undefined;
  if (!seller?.autoInvoiceOnDelivery) return [];
  const eventActor: EventActor = { userId: null, userName: "Comptoir", orgId: seller.id, orgName: seller.name };
  const updates: OrderUpdated[] = [];
  for (const orderId of orderIds) {
    const order = loadOrderToInvoice(db, orderId);
    if (!order) throw new Error(`publishOnDelivery: order ${orderId} not found`);
    if (order.billingPeriod !== "PER_DELIVERY") continue;
    updates.push(...publishInvoiceSync(db, [order], { by: null, eventActor, now }).orderUpdates);
  }
  return updates;
}
