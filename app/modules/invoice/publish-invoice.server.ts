// Publishing the invoice of a delivered order (POST /api/v1/orders/:id/invoice, the order page, or
// automatically at delivery when the seller has `autoInvoiceOnDelivery`): in one transaction it
//   - takes the seller's next invoice number (gapless: SellerSequence INVOICE) and place in its chain,
//   - copies the lines and the totals (computeTotals, the one pricing function) into the invoice,
//     with the seller's and buyer's details as they are today and the due date from the relation's
//     payment terms, in the buyer's language,
//   - hashes the content (./ledger.server.ts), moves the order to INVOICED (frozen from then on: the
//     services answer 409 frozen and database triggers refuse changes), records it in the history and
//     writes the emails to the outbox.
import { getDb, type Tx } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import type { OrgActor } from "../org/actor";
import { todayIso } from "../order/dates";
import { partyOrgIdsOf, publishOrderUpdated, type OrderUpdated } from "../order/order-events";
import {
  conflictError,
  eventActorOf,
  loadVisibleOrder,
  recordOrderEvent,
  requireNotLockedByOther,
  saveNextVersion,
  TX_OPTIONS,
  type EventActor,
} from "../order/order-guard.server";
import { actorPermissions } from "../order/order-view.server";
import { INVOICE_MOVES, mayPublishInvoice } from "../order/status-machine";
import { computeTotals, type LineKind } from "../pricing/totals";
import { requirePermission } from "../org/access.server";
import { loadInvoiceView, toInvoiceView, type InvoiceRow } from "./invoice-view.server";
import { invoiceHash, nextChainLink } from "./ledger.server";
import { notifyInvoicePublished } from "./notifications.server";
import { refreshSettlement } from "./settlement.server";
import { publishInvoiceSchema } from "./schemas";
import { invoiceNumber, nextSellerSequence } from "./sequences.server";
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

const partySelect = { id: true, name: true, address: true, email: true, phone: true, taxNumber: true, locale: true } as const;

/**
 * `invoice`: the new invoice as a read would return it (no credit note, no payment yet), to answer
 * with without reading it back; null when its settlement changed it (a total of 0: paid at once).
 */
export type Publication = { invoiceId: string; orderUpdates: OrderUpdated[]; invoice: InvoiceRow | null };

/**
 * Publishes the invoice of a DELIVERED order inside `tx`. `by` is who publishes (null: automatically,
 * for the seller, at delivery). The caller has checked who may; this checks the status again.
 */
export async function publishInvoiceInTx(
  tx: Tx,
  input: { orderId: string; by: { userId: string; orgId: string } | null; eventActor: EventActor; now: Date },
): Promise<Publication> {
  const order = await tx.order.findUniqueOrThrow({
    where: { id: input.orderId },
    include: {
      lines: { orderBy: [{ position: "asc" }, { id: "asc" }] },
      seller: { select: partySelect },
      buyer: { select: partySelect },
      relation: { select: { paymentTermsDays: true } },
    },
  });
  if (!(INVOICE_MOVES.publish.from as readonly string[]).includes(order.status)) {
    throw new AppError("invalid_transition", "invoices.error.notDelivered", { status: order.status });
  }
  const priced = computeTotals(
    order.lines.map((l) => ({ ...l, kind: l.kind as LineKind })),
    { taxesEnabled: order.taxesEnabled, depositsEnabled: order.depositsEnabled },
  );
  if (priced.totals.totalCents < 0) throw new AppError("invalid_transition", "invoices.error.negativeTotal");

  const today = todayIso(input.now);
  const sequence = await nextSellerSequence(tx, order.sellerId, "INVOICE");
  const chain = await nextChainLink(tx, order.sellerId);
  const lines = order.lines.map((l, i) => ({
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
  }));
  const content = {
    sellerId: order.sellerId,
    buyerId: order.buyerId,
    orderId: order.id,
    number: invoiceNumber(sequence, Number(today.slice(0, 4))),
    sequence,
    currency: order.currency,
    issuedAt: input.now,
    dueDate: addDays(today, order.relation.paymentTermsDays),
    paymentTermsDays: order.relation.paymentTermsDays,
    orderNumber: order.number,
    deliveryDate: order.deliveryDate,
    seller: partySnapshot(order.seller),
    buyer: partySnapshot(order.buyer),
    groupDiscountBps: order.groupDiscountBps,
    taxesEnabled: order.taxesEnabled,
    depositsEnabled: order.depositsEnabled,
    lines,
    ...priced.totals,
    ...chain,
  };
  const { lines: _lines, ...columns } = content;
  const data = {
    ...columns,
    locale: order.buyer.locale,
    distribution: order.distribution,
    note: order.note,
    balanceCents: priced.totals.totalCents,
    contentHash: invoiceHash(content),
    createdById: input.by?.userId ?? null,
    createdByOrgId: input.by?.orgId ?? order.sellerId,
  };
  const invoice = await tx.invoice.create({
    data: { ...data, lines: { createMany: { data: lines } } }, // one INSERT for all the lines
    select: { id: true, number: true, status: true, creditedCents: true, paidCents: true, paidAt: true, cancelledAt: true, createdAt: true, updatedAt: true },
  });

  const version = await saveNextVersion(tx, order, { status: "INVOICED", lockedById: null, lockedUntil: null });
  await recordOrderEvent(tx, {
    orderId: order.id,
    type: "INVOICED",
    actor: input.eventActor,
    changes: {
      status: { before: order.status, after: "INVOICED" },
      invoice: { id: invoice.id, number: invoice.number, totalCents: content.totalCents },
      ...(input.by ? {} : { automatic: true }),
    },
    at: input.now,
  });
  await notifyInvoicePublished(tx, invoice.id);
  const published: OrderUpdated = { orderId: order.id, version, status: "INVOICED", partyOrgIds: partyOrgIdsOf(order) };
  // An invoice of nothing to pay (a total of 0) is settled at once; any other new invoice is open
  // (nothing credited or paid yet), so there is nothing to recompute.
  const settled = content.totalCents === 0 ? await refreshSettlement(tx, [invoice.id], input.eventActor, input.now) : [];
  const row: InvoiceRow | null =
    content.totalCents === 0
      ? null
      : {
          ...data,
          ...invoice,
          order: { sellerId: order.sellerId, buyerId: order.buyerId, repId: order.repId, distributorId: order.distributorId },
          lines: lines.map((l) => ({ ...l, invoiceId: invoice.id })),
          creditNotes: [],
          allocations: [],
        };
  return { invoiceId: invoice.id, orderUpdates: settled.length ? settled : [published], invoice: row };
}

/** The seller's name, for automatic publication (the history names the seller, not a user). */
export async function sellerEventActor(tx: Tx, sellerId: string): Promise<EventActor> {
  const seller = await tx.organization.findUniqueOrThrow({ where: { id: sellerId }, select: { id: true, name: true } });
  return { userId: null, userName: "Comptoir", orgId: seller.id, orgName: seller.name };
}

/**
 * POST /api/v1/orders/:id/invoice {version}: visible (404) → DELIVERED (409 invalid_transition, also
 * when already invoiced) → seller side with `invoice:publish` (403) → current version (409
 * conflict) → nobody else holds the edit lock (423).
 */
export async function publishInvoice(actor: OrgActor, orderId: string, input: unknown): Promise<InvoiceView> {
  const data = parseInput(publishInvoiceSchema, input);
  const now = new Date();
  const db = getDb();
  const result = await db.$transaction(async (tx) => {
    const { order, side } = await loadVisibleOrder(tx, actor, orderId);
    if (!(INVOICE_MOVES.publish.from as readonly string[]).includes(order.status)) {
      throw new AppError("invalid_transition", "invoices.error.notDelivered", { status: order.status });
    }
    if (!mayPublishInvoice(order.status, side, actorPermissions(actor))) throw new AppError("forbidden", "error.forbidden");
    if (order.version !== data.version) throw conflictError(order.version);
    requireNotLockedByOther(order, actor, now);
    const publication = await publishInvoiceInTx(tx, {
      orderId: order.id,
      by: { userId: actor.userId, orgId: actor.orgId },
      eventActor: eventActorOf(actor, order),
      now,
    });
    requirePermission(actor, "invoice:read"); // as reading it back would
    const view = publication.invoice ? toInvoiceView(publication.invoice, actor) : await loadInvoiceView(tx, actor, publication.invoiceId);
    return { publication, view };
  }, TX_OPTIONS);
  result.publication.orderUpdates.forEach(publishOrderUpdated);
  return result.view;
}

/**
 * At delivery, for a seller with `autoInvoiceOnDelivery`: publishes the invoices of the delivered
 * orders (the order and the one for extra quantities, if any) in the delivery's transaction. Returns
 * the order moves to publish after the commit (none when the setting is off).
 */
export async function publishOnDelivery(tx: Tx, sellerId: string, orderIds: readonly string[], now: Date): Promise<OrderUpdated[]> {
  const seller = await tx.organization.findUnique({ where: { id: sellerId }, select: { autoInvoiceOnDelivery: true } });
  if (!seller?.autoInvoiceOnDelivery) return [];
  const eventActor = await sellerEventActor(tx, sellerId);
  const updates: OrderUpdated[] = [];
  for (const orderId of orderIds) {
    const publication = await publishInvoiceInTx(tx, { orderId, by: null, eventActor, now });
    updates.push(...publication.orderUpdates);
  }
  return updates;
}
