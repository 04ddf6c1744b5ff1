// Credit notes (POST /api/v1/invoices/:id/credit-notes): only the seller side (seller, rep,
// distributor, by role) issues them, against an open invoice, with a mandatory reconciliation note:
//   - for goods not delivered: invoice lines and quantities, credited at the invoice's own unit
//     prices, discounts (line and group, already folded into the line's rate), taxes and deposits
//     with the invoice's flags — the very computeTotals of the order — never more than the quantity
//     invoiced minus what earlier credit notes already credited on that line;
//   - for a free amount (taxes included).
// Never above the open balance. Numbered gapless per seller (AV-<year>-<6 digits>), chained and hashed
// like invoices; the invoice's settlement follows (PAID when credits and payments cover it).
import { getDb, type Tx } from "~/utils/db.server";
import { AppError, validationError, type FieldErrors } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import { findKeyedRecord, keyReusedElsewhere, parseIdempotencyKey, rememberKey } from "../idempotency/keys.server";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { todayIso } from "../order/dates";
import { publishOrderUpdated, type OrderUpdated } from "../order/order-events";
import { recordOrderEvent, TX_OPTIONS, type EventActor } from "../order/order-guard.server";
import { computeTotals, type LineKind, type OrderTotals } from "../pricing/totals";
import { creditedQuantities, invoiceEventActor, loadVisibleInvoice, requireSellerSide, toCreditNoteView, type InvoiceRow } from "./invoice-view.server";
import { creditNoteHash, nextChainLink } from "./ledger.server";
import { notifyCreditNoteIssued } from "./notifications.server";
import { creditNoteSchema, type CreditNoteKind } from "./schemas";
import { creditNoteNumber, nextSellerSequence } from "./sequences.server";
import { refreshSettlement } from "./settlement.server";
import type { CreditNoteView } from "./types";

type InvoiceLineRow = InvoiceRow["lines"][number];
type CreditedLine = { line: InvoiceLineRow; quantity: number };

/** Prices credited quantities exactly as the invoice priced its lines. */
export function priceCreditedLines(invoice: Pick<InvoiceRow, "taxesEnabled" | "depositsEnabled">, credited: readonly CreditedLine[]) {
  const priced = computeTotals(
    credited.map(({ line, quantity }) => ({ ...line, kind: line.kind as LineKind, quantity })),
    { taxesEnabled: invoice.taxesEnabled, depositsEnabled: invoice.depositsEnabled },
  );
  const lines = credited.map(({ line, quantity }, i) => ({
    lineId: line.lineId,
    position: i + 1,
    description: line.description,
    quantity,
    unitPrice4: line.unitPrice4,
    discountBps: line.discountBps,
    taxRateBps: line.taxRateBps,
    depositCents: line.depositCents,
    totalCents: priced.lines[i].totalCents,
  }));
  return { lines, totals: priced.totals };
}

type NewCreditNote = {
  invoice: InvoiceRow;
  kind: CreditNoteKind;
  note: string;
  lines: ReturnType<typeof priceCreditedLines>["lines"];
  totals: OrderTotals;
  by: { userId: string; orgId: string };
  eventActor: EventActor;
  now: Date;
};

/** Numbers, chains, hashes and writes a credit note, records it in the order history and the outbox. */
export async function writeCreditNote(tx: Tx, input: NewCreditNote): Promise<{ id: string; number: string }> {
  const { invoice } = input;
  const sequence = await nextSellerSequence(tx, invoice.sellerId, "CREDIT_NOTE");
  const chain = await nextChainLink(tx, invoice.sellerId);
  const content = {
    sellerId: invoice.sellerId,
    buyerId: invoice.buyerId,
    invoiceId: invoice.id,
    orderId: invoice.orderId,
    number: creditNoteNumber(sequence, Number(todayIso(input.now).slice(0, 4))),
    sequence,
    kind: input.kind,
    note: input.note,
    currency: invoice.currency,
    issuedAt: input.now,
    // The parties as the invoice names them: a credit note corrects that invoice.
    seller: invoice.seller,
    buyer: invoice.buyer,
    lines: input.lines,
    ...input.totals,
    ...chain,
  };
  const creditNote = await tx.creditNote.create({
    data: {
      ...content,
      lines: { create: input.lines },
      locale: invoice.locale,
      contentHash: creditNoteHash(content),
      createdById: input.by.userId,
      createdByOrgId: input.by.orgId,
    },
    select: { id: true, number: true },
  });
  await recordOrderEvent(tx, {
    orderId: invoice.orderId,
    type: "CREDIT_NOTE_ISSUED",
    actor: input.eventActor,
    changes: {
      creditNote: { id: creditNote.id, number: creditNote.number, kind: input.kind, totalCents: input.totals.totalCents, note: input.note },
      invoice: invoice.number,
    },
    at: input.now,
  });
  await notifyCreditNoteIssued(tx, creditNote.id);
  return creditNote;
}

/** 403 unless the seller side may issue credit notes. */
async function loadInvoiceToCredit(tx: Tx, actor: OrgActor, invoiceId: string): Promise<InvoiceRow> {
  requirePermission(actor, "credit-note:create");
  const { invoice, side } = await loadVisibleInvoice(tx, actor, invoiceId);
  requireSellerSide(side);
  return invoice;
}

/** 403 unless the seller side may issue credit notes; 409 unless the invoice is open. */
async function loadCreditableInvoice(tx: Tx, actor: OrgActor, invoiceId: string): Promise<InvoiceRow> {
  const invoice = await loadInvoiceToCredit(tx, actor, invoiceId);
  if (invoice.status === "CANCELLED") throw new AppError("invalid_transition", "invoices.error.cancelled");
  return invoice;
}

/**
 * POST /api/v1/invoices/:id/credit-notes. With an idempotency key, a retry by the same organization
 * (even at the same time) returns the first credit note instead of issuing a second one.
 */
export async function issueCreditNote(actor: OrgActor, invoiceId: string, input: unknown, opts: { idempotencyKey?: string } = {}): Promise<CreditNoteView> {
  const key = parseIdempotencyKey(opts.idempotencyKey);
  const data = parseInput(creditNoteSchema, input);
  if ((data.lines === undefined) === (data.amountCents === undefined)) {
    throw validationError({ lines: "invoices.error.linesOrAmount", amountCents: "invoices.error.linesOrAmount" });
  }
  const now = new Date();
  const result = await getDb().$transaction(async (tx) => {
    const scope = key ? { orgId: actor.orgId, kind: "CREDIT_NOTE" as const, key } : null;
    const invoice = await loadInvoiceToCredit(tx, actor, invoiceId);
    // Checked before the invoice's state: the first request may have settled it (PAID) already.
    const firstId = scope ? await findKeyedRecord(tx, scope) : null;
    if (firstId) {
      const first = await tx.creditNote.findUniqueOrThrow({ where: { id: firstId }, include: { lines: true } });
      if (first.invoiceId !== invoice.id) keyReusedElsewhere();
      return { view: toCreditNoteView(first), orderUpdates: [] as OrderUpdated[] };
    }
    if (invoice.status === "CANCELLED") throw new AppError("invalid_transition", "invoices.error.cancelled");
    let kind: CreditNoteKind;
    let priced: ReturnType<typeof priceCreditedLines>;
    if (data.lines) {
      kind = "LINES";
      priced = priceCreditedLines(invoice, creditedLinesOf(invoice, data.lines));
      if (priced.totals.totalCents <= 0) throw validationError({ lines: "invoices.error.nothingToCredit" });
      if (priced.totals.totalCents > invoice.balanceCents) throw validationError({ lines: "invoices.error.overBalance" }, "invoices.error.overBalance");
    } else {
      kind = "AMOUNT";
      const amountCents = data.amountCents!;
      if (amountCents > invoice.balanceCents) throw validationError({ amountCents: "invoices.error.overBalance" }, "invoices.error.overBalance");
      priced = { lines: [], totals: { subtotalCents: amountCents, discountCents: 0, taxCents: 0, depositCents: 0, totalCents: amountCents } };
    }
    const eventActor = invoiceEventActor(actor);
    const creditNote = await writeCreditNote(tx, {
      invoice,
      kind,
      note: data.note,
      lines: priced.lines,
      totals: priced.totals,
      by: { userId: actor.userId, orgId: actor.orgId },
      eventActor,
      now,
    });
    if (scope) await rememberKey(tx, { ...scope, userId: actor.userId, recordId: creditNote.id });
    const orderUpdates: OrderUpdated[] = await refreshSettlement(tx, [invoice.id], eventActor, now);
    const row = await tx.creditNote.findUniqueOrThrow({ where: { id: creditNote.id }, include: { lines: true } });
    return { view: toCreditNoteView(row), orderUpdates };
  }, TX_OPTIONS);
  result.orderUpdates.forEach(publishOrderUpdated);
  return result.view;
}

/** The requested lines, checked against the invoice: each an invoice line, within what is left to credit. */
function creditedLinesOf(invoice: InvoiceRow, requested: readonly { lineId: string; quantity: number }[]): CreditedLine[] {
  const byId = new Map(invoice.lines.map((l) => [l.lineId, l]));
  const already = creditedQuantities(invoice.creditNotes);
  const fields: FieldErrors = {};
  const seen = new Set<string>();
  const credited: CreditedLine[] = [];
  requested.forEach((r, i) => {
    const line = byId.get(r.lineId);
    if (!line) fields[`lines.${i}.lineId`] = "invoices.error.lineNotFound";
    else if (line.kind === "REBATE" || seen.has(r.lineId)) fields[`lines.${i}.lineId`] = "field.invalid";
    else if (r.quantity > line.quantity - (already.get(r.lineId) ?? 0)) fields[`lines.${i}.quantity`] = "invoices.error.overQuantity";
    else credited.push({ line, quantity: r.quantity });
    seen.add(r.lineId);
  });
  if (Object.keys(fields).length) throw validationError(fields);
  return credited;
}

export type ProposedCreditNote = {
  invoiceId: string;
  lines: { lineId: string; description: string; invoiced: number; received: number; quantity: number }[];
  totalCents: number;
};

/**
 * The credit note the delivery calls for: the quantities received short of the invoiced ones (recorded
 * at delivery), less what was already credited — prefilled on the invoice page. Null when nothing is
 * missing or the invoice cannot take a credit note.
 */
export async function proposedCreditNote(actor: OrgActor, invoiceId: string): Promise<ProposedCreditNote | null> {
  return getDb().$transaction(async (tx) => {
    const invoice = await loadCreditableInvoice(tx, actor, invoiceId);
    const already = creditedQuantities(invoice.creditNotes);
    const missing = invoice.lines
      .filter((l) => l.kind !== "REBATE" && l.receivedQuantity !== null && l.receivedQuantity < l.quantity)
      .map((l) => ({ line: l, quantity: l.quantity - l.receivedQuantity! - (already.get(l.lineId) ?? 0) }))
      .filter((c) => c.quantity > 0);
    if (!missing.length || invoice.status !== "ISSUED") return null;
    const priced = priceCreditedLines(invoice, missing);
    if (priced.totals.totalCents <= 0 || priced.totals.totalCents > invoice.balanceCents) return null;
    return {
      invoiceId: invoice.id,
      lines: missing.map(({ line, quantity }) => ({
        lineId: line.lineId,
        description: line.description,
        invoiced: line.quantity,
        received: line.receivedQuantity!,
        quantity,
      })),
      totalCents: priced.totals.totalCents,
    };
  });
}
