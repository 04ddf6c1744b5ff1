// Reading an invoice: the parties of its order see it (the order's visibility), by role
// (`invoice:read`: on the retailer side only OWNER and ACCOUNTANT); anything else answers 404.
import type { Prisma } from "@prisma/client";
import { getDb, type Tx } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { actorCan, requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import type { EventActor } from "../order/order-guard.server";
import type { OrderSide } from "../order/status-machine";
import { orderSideOf, orderVisibleTo } from "../order/visibility.server";
import type { PaymentMethod, PaymentSource } from "../payment/schemas";
import type { LineKind } from "../pricing/totals";
import type { CreditNoteKind, InvoiceStatus } from "./schemas";
import type { CreditNoteView, InvoiceAction, InvoiceLineView, InvoicePaymentView, InvoiceView, PartySnapshot } from "./types";

const partySides = { select: { sellerId: true, buyerId: true, repId: true, distributorId: true } } as const;

export const invoiceViewInclude = {
  order: partySides,
  lines: { orderBy: [{ position: "asc" }, { lineId: "asc" }] },
  creditNotes: { orderBy: [{ issuedAt: "asc" }, { sequence: "asc" }], include: { lines: { orderBy: { position: "asc" } } } },
  allocations: { include: { payment: true }, orderBy: { payment: { paidAt: "asc" } } },
} satisfies Prisma.InvoiceInclude;

export type InvoiceRow = Prisma.InvoiceGetPayload<{ include: typeof invoiceViewInclude }>;
type CreditNoteRow = Prisma.CreditNoteGetPayload<{ include: { lines: true } }>;

/** The parties' sides that act on invoices: the seller, its rep and its distributor. */
export const SELLER_SIDES: readonly OrderSide[] = ["seller", "rep", "distributor"];

export function partyOf(snapshot: string, id: string): PartySnapshot {
  let parsed: Partial<Record<keyof PartySnapshot, unknown>> = {};
  try {
    parsed = JSON.parse(snapshot) as typeof parsed;
  } catch {
    // A snapshot is written by publication only; an unreadable one shows as an empty party.
  }
  const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
  return { id, name: text(parsed.name) ?? "", address: text(parsed.address), email: text(parsed.email), phone: text(parsed.phone), taxNumber: text(parsed.taxNumber) };
}

export function toCreditNoteView(row: CreditNoteRow): CreditNoteView {
  return {
    id: row.id,
    number: row.number,
    invoiceId: row.invoiceId,
    totalCents: row.totalCents,
    note: row.note,
    lines: [...row.lines]
      .sort((a, b) => a.position - b.position)
      .map((l) => ({
        lineId: l.lineId,
        description: l.description,
        quantity: l.quantity,
        unitPrice4: l.unitPrice4,
        discountBps: l.discountBps,
        taxRateBps: l.taxRateBps,
        depositCents: l.depositCents,
        totalCents: l.totalCents,
      })),
    kind: row.kind as CreditNoteKind,
    issuedAt: row.issuedAt.toISOString(),
    currency: row.currency,
    subtotalCents: row.subtotalCents,
    discountCents: row.discountCents,
    taxCents: row.taxCents,
    depositCents: row.depositCents,
  };
}

/** Quantities already credited per invoice line (by credit notes for goods not delivered). */
export function creditedQuantities(creditNotes: readonly { kind: string; lines: readonly { lineId: string; quantity: number }[] }[]): Map<string, number> {
  const credited = new Map<string, number>();
  for (const note of creditNotes) {
    if (note.kind !== "LINES") continue;
    for (const line of note.lines) credited.set(line.lineId, (credited.get(line.lineId) ?? 0) + line.quantity);
  }
  return credited;
}

function invoiceActions(row: InvoiceRow, side: OrderSide, actor: OrgActor): InvoiceAction[] {
  if (!SELLER_SIDES.includes(side)) return [];
  const actions: InvoiceAction[] = [];
  const hasPayments = row.allocations.some((a) => !a.payment.deletedAt);
  if (row.status !== "CANCELLED" && !hasPayments && row.creditNotes.length === 0 && actorCan(actor, "invoice:cancel")) actions.push("cancel");
  if (row.status === "ISSUED" && row.balanceCents > 0) {
    if (actorCan(actor, "credit-note:create")) actions.push("creditNote");
    if (actorCan(actor, "payment:record")) actions.push("recordPayment");
  }
  if (hasPayments && row.sellerId === actor.orgId && actorCan(actor, "payment:delete")) actions.push("deletePayment");
  return actions;
}

export function toInvoiceView(row: InvoiceRow, actor: OrgActor): InvoiceView {
  const side = orderSideOf(row.order, actor.orgId) ?? "buyer";
  const credited = creditedQuantities(row.creditNotes);
  const lines: InvoiceLineView[] = row.lines.map((l) => ({
    id: l.lineId,
    kind: l.kind as LineKind,
    formatId: l.formatId,
    description: l.description,
    quantity: l.quantity,
    unitPrice4: l.unitPrice4,
    discountBps: l.discountBps,
    taxRateBps: l.taxRateBps,
    depositCents: l.depositCents,
    totalCents: l.totalCents,
    receivedQuantity: l.receivedQuantity,
    creditedQuantity: credited.get(l.lineId) ?? 0,
  }));
  const payments: InvoicePaymentView[] = row.allocations.map((a) => ({
    id: a.payment.id,
    amountCents: a.amountCents,
    paymentAmountCents: a.payment.amountCents,
    method: a.payment.method as PaymentMethod,
    reference: a.payment.reference,
    paidAt: a.payment.paidAt.toISOString(),
    source: a.payment.source as PaymentSource,
    deletedAt: a.payment.deletedAt?.toISOString() ?? null,
  }));
  return {
    id: row.id,
    number: row.number,
    orderId: row.orderId,
    status: row.status as InvoiceStatus,
    issuedAt: row.issuedAt.toISOString(),
    dueDate: row.dueDate,
    lines,
    totalCents: row.totalCents,
    creditedCents: row.creditedCents,
    paidCents: row.paidCents,
    balanceCents: row.balanceCents,
    orderNumber: row.orderNumber,
    currency: row.currency,
    locale: row.locale,
    paymentTermsDays: row.paymentTermsDays,
    deliveryDate: row.deliveryDate,
    seller: partyOf(row.seller, row.sellerId),
    buyer: partyOf(row.buyer, row.buyerId),
    subtotalCents: row.subtotalCents,
    discountCents: row.discountCents,
    taxCents: row.taxCents,
    depositCents: row.depositCents,
    taxesEnabled: row.taxesEnabled,
    depositsEnabled: row.depositsEnabled,
    paidAt: row.paidAt?.toISOString() ?? null,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    chainPosition: row.chainPosition,
    contentHash: row.contentHash,
    creditNotes: row.creditNotes.map(toCreditNoteView),
    payments,
    viewerSide: side,
    actions: invoiceActions(row, side, actor),
  };
}

/** An invoice of an order the actor's organization takes part in, or 404; `invoice:read` first (403). */
export async function loadVisibleInvoice(tx: Tx, actor: OrgActor, invoiceId: string): Promise<{ invoice: InvoiceRow; side: OrderSide }> {
  requirePermission(actor, "invoice:read");
  const invoice = await tx.invoice.findFirst({ where: { id: invoiceId, order: orderVisibleTo(actor.orgId) }, include: invoiceViewInclude });
  if (!invoice) throw new AppError("not_found", "error.not_found");
  return { invoice, side: orderSideOf(invoice.order, actor.orgId)! };
}

/** How the order history names the user acting on an invoice, with its organization. */
export function invoiceEventActor(actor: OrgActor): EventActor {
  return { userId: actor.userId, userName: actor.userName, orgId: actor.orgId, orgName: actor.orgName };
}

/** 403 unless the actor acts for the seller side of the order (seller, rep, distributor). */
export function requireSellerSide(side: OrderSide): void {
  if (!SELLER_SIDES.includes(side)) throw new AppError("forbidden", "error.forbidden");
}

export async function loadInvoiceView(tx: Tx, actor: OrgActor, invoiceId: string): Promise<InvoiceView> {
  const { invoice } = await loadVisibleInvoice(tx, actor, invoiceId);
  return toInvoiceView(invoice, actor);
}

/** GET /api/v1/invoices/:id */
export async function getInvoice(actor: OrgActor, invoiceId: string): Promise<InvoiceView> {
  return loadInvoiceView(getDb(), actor, invoiceId);
}
