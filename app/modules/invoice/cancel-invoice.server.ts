// Cancelling an invoice (POST /api/v1/invoices/:id/cancel): the seller side, by role
// (`invoice:cancel`), issues a full credit note (kind CANCELLATION: every line, every amount) — the
// invoice keeps its number, and its content, and becomes CANCELLED — and its orders (every order it
// covers: one, or a billing period's) go back to DELIVERED, unfrozen for correction and free to be
// invoiced again; publishing again issues a new number.
//
// Refused (409 invalid_transition) while the invoice carries payments (delete them first: the money
// must not vanish with the invoice) or credit notes (the invoice is already being reconciled: a
// cancellation note for the full amount would credit twice; issue a credit note for the rest instead).
import { getDb } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { translate } from "~/utils/i18n";
import { parseInput } from "~/utils/validation";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { partyOrgIdsOf, publishOrderUpdated } from "../order/order-events";
import { recordOrderEvent, TX_OPTIONS } from "../order/order-guard.server";
import { languageOfLocale } from "../order/notifications.server";
import { INVOICE_MOVES } from "../order/status-machine";
import { priceCreditedLines, writeCreditNote } from "./credit-notes.server";
import { invoiceEventActor, loadInvoiceView, loadVisibleInvoice, requireSellerSide, toCreditNoteView } from "./invoice-view.server";
import { cancelInvoiceSchema } from "./schemas";
import type { CancelledInvoiceView } from "./types";

export async function cancelInvoice(actor: OrgActor, invoiceId: string, input: unknown): Promise<CancelledInvoiceView> {
  const data = parseInput(cancelInvoiceSchema, input);
  const now = new Date();
  const result = await getDb().$transaction(async (tx) => {
    requirePermission(actor, "invoice:cancel");
    const { invoice, side } = await loadVisibleInvoice(tx, actor, invoiceId);
    requireSellerSide(side);
    if (invoice.status === "CANCELLED") throw new AppError("invalid_transition", "invoices.error.cancelled");
    if (invoice.allocations.some((a) => !a.payment.deletedAt)) throw new AppError("invalid_transition", "invoices.error.cancelHasPayments");
    if (invoice.creditNotes.length) throw new AppError("invalid_transition", "invoices.error.cancelHasCreditNotes");
    const covered = await tx.invoiceOrder.findMany({ where: { invoiceId: invoice.id }, orderBy: [{ position: "asc" }, { orderId: "asc" }], select: { orderId: true } });
    const orderIds = covered.length ? covered.map((c) => c.orderId) : [invoice.orderId];
    const found = await tx.order.findMany({
      where: { id: { in: orderIds }, sellerId: invoice.sellerId },
      select: { id: true, status: true, version: true, sellerId: true, buyerId: true, repId: true, distributorId: true },
    });
    const orders = orderIds.map((id) => found.find((o) => o.id === id)).filter((o) => o !== undefined);
    for (const order of orders) {
      if (!(INVOICE_MOVES.cancelInvoice.from as readonly string[]).includes(order.status)) {
        throw new AppError("invalid_transition", "error.invalid_transition", { status: order.status });
      }
    }

    const eventActor = invoiceEventActor(actor);
    const priced = priceCreditedLines(invoice, invoice.lines.map((line) => ({ line, quantity: line.quantity })));
    const language = languageOfLocale(invoice.locale) ?? "fr";
    const creditNote = await writeCreditNote(tx, {
      invoice,
      kind: "CANCELLATION",
      note: data.reason ?? translate(language, "invoices.cancellationNote", { number: invoice.number }),
      lines: priced.lines,
      // The invoice's own totals: the cancellation credits exactly what was invoiced.
      totals: { subtotalCents: invoice.subtotalCents, discountCents: invoice.discountCents, taxCents: invoice.taxCents, depositCents: invoice.depositCents, totalCents: invoice.totalCents },
      by: { userId: actor.userId, orgId: actor.orgId },
      eventActor,
      now,
    });
    await tx.invoice.update({
      where: { id: invoice.id },
      data: { status: "CANCELLED", cancelledAt: now, creditedCents: invoice.totalCents, balanceCents: 0, paidAt: null },
    });
    for (const order of orders) {
      await tx.order.update({ where: { id: order.id }, data: { status: INVOICE_MOVES.cancelInvoice.to, version: { increment: 1 } } });
      await recordOrderEvent(tx, {
        orderId: order.id,
        type: "INVOICE_CANCELLED",
        actor: eventActor,
        changes: {
          status: { before: order.status, after: INVOICE_MOVES.cancelInvoice.to },
          invoice: invoice.number,
          creditNote: creditNote.number,
          ...(data.reason ? { reason: data.reason } : {}),
        },
        at: now,
      });
    }
    const view = await loadInvoiceView(tx, actor, invoice.id);
    const creditNoteRow = await tx.creditNote.findUniqueOrThrow({ where: { id: creditNote.id }, include: { lines: true } });
    return {
      view: { ...view, creditNote: toCreditNoteView(creditNoteRow) },
      updates: orders.map((order) => ({ orderId: order.id, version: order.version + 1, status: INVOICE_MOVES.cancelInvoice.to, partyOrgIds: partyOrgIdsOf(order) })),
    };
  }, TX_OPTIONS);
  result.updates.forEach(publishOrderUpdated);
  return result.view;
}
