// The PDFs of invoices and credit notes, drawn only from the stored, published rows (never from the
// live order) in the buyer's language (Invoice.locale / CreditNote.locale). A published document never
// changes, so its PDF is drawn once and kept under DATA_DIR/documents/<orderId>/ (invoice-<id>.pdf,
// credit-note-<id>.pdf): later requests, emails and bulk exports read the file.
//
// Who may read them: the parties of the order (seller, buyer, rep, distributor) with `invoice:read` —
// on the retailer side OWNER and ACCOUNTANT only (STAFF: 403). Another organization's id answers 404.
import type { Prisma } from "@prisma/client";
import { z } from "zod";
import type { PdfLanguage } from "~/pdf/common";
import type { CreditNoteKind } from "~/pdf/credit-note";
import type { PdfParty } from "~/pdf/document-parts";
import { asLineKind, documentLocale } from "~/pdf/document-props";
import type { DocumentLine } from "~/pdf/invoice";
import { getDb } from "~/utils/db.server";
import { sharedPdfPool, type PdfRenderer } from "../document-export/pdf-pool.server";
import { notFound } from "~/utils/errors";
import { actorCan, requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { readStored, writeStored } from "../order/documents.server";
import { languageOfLocale } from "../order/notifications.server";
import { orderVisibleTo } from "../order/visibility.server";

export type PdfFile = { filename: string; bytes: Uint8Array };

/** An email attachment as the outbox stores it: which document, rendered when the email is sent. */
export type AttachmentSpec = { kind: "invoice-pdf" | "credit-note-pdf"; id: string };
export type EmailAttachment = { filename: string; contentType: string; content: Buffer };

/** The invoices an organization may see: those of the orders it is a party of. */
export function invoiceVisibleTo(orgId: string): Prisma.InvoiceWhereInput {
  return { order: orderVisibleTo(orgId) };
}

export function creditNoteVisibleTo(orgId: string): Prisma.CreditNoteWhereInput {
  return { order: orderVisibleTo(orgId) };
}

// ---- Stored rows → PDF props

const partySnapshot = z.object({
  name: z.string().catch(""),
  address: z.string().nullish().catch(null),
  email: z.string().nullish().catch(null),
  phone: z.string().nullish().catch(null),
  taxNumber: z.string().nullish().catch(null),
});

/** A party snapshot (JSON written at publication) as the PDF shows it. */
export function parseParty(snapshot: string): PdfParty {
  let raw: unknown = {};
  try {
    raw = JSON.parse(snapshot);
  } catch {
    raw = {};
  }
  const parsed = partySnapshot.safeParse(raw);
  return parsed.success ? parsed.data : { name: "" };
}

function documentLanguage(locale: string): PdfLanguage {
  return languageOfLocale(locale) ?? "fr";
}

const lineFields = {
  kind: true,
  description: true,
  quantity: true,
  unitPrice4: true,
  discountBps: true,
  taxRateBps: true,
  depositCents: true,
  totalCents: true,
} as const;

/** What an invoice PDF is drawn from (one query, with its lines). */
export const invoicePdfSelect = {
  id: true,
  orderId: true,
  number: true,
  locale: true,
  currency: true,
  issuedAt: true,
  dueDate: true,
  paymentTermsDays: true,
  orderNumber: true,
  deliveryDate: true,
  note: true,
  seller: true,
  buyer: true,
  taxesEnabled: true,
  depositsEnabled: true,
  subtotalCents: true,
  discountCents: true,
  taxCents: true,
  depositCents: true,
  totalCents: true,
  lines: { orderBy: { position: "asc" }, select: lineFields },
} as const satisfies Prisma.InvoiceSelect;
export type InvoicePdfRow = Prisma.InvoiceGetPayload<{ select: typeof invoicePdfSelect }>;

export const creditNotePdfSelect = {
  id: true,
  orderId: true,
  number: true,
  kind: true,
  note: true,
  locale: true,
  currency: true,
  issuedAt: true,
  seller: true,
  buyer: true,
  subtotalCents: true,
  discountCents: true,
  taxCents: true,
  depositCents: true,
  totalCents: true,
  lines: {
    orderBy: { position: "asc" },
    select: { lineId: true, description: true, quantity: true, unitPrice4: true, discountBps: true, taxRateBps: true, depositCents: true, totalCents: true },
  },
  invoice: { select: { number: true, issuedAt: true, orderNumber: true, taxesEnabled: true, depositsEnabled: true, lines: { select: { lineId: true, kind: true } } } },
} as const satisfies Prisma.CreditNoteSelect;
export type CreditNotePdfRow = Prisma.CreditNoteGetPayload<{ select: typeof creditNotePdfSelect }>;

function toDocumentLine(line: Omit<DocumentLine, "kind"> & { kind: string }): DocumentLine {
  return { ...line, kind: asLineKind(line.kind) };
}

export function invoiceFilename(invoice: { number: string; locale: string }): string {
  return `${documentLanguage(invoice.locale) === "fr" ? "facture" : "invoice"}-${invoice.number}.pdf`;
}

export function creditNoteFilename(creditNote: { number: string; locale: string }): string {
  return `${documentLanguage(creditNote.locale) === "fr" ? "avoir" : "credit-note"}-${creditNote.number}.pdf`;
}

function invoiceKey(invoice: { id: string; orderId: string }): string {
  return `${invoice.orderId}/invoice-${invoice.id}.pdf`;
}

function creditNoteKey(creditNote: { id: string; orderId: string }): string {
  return `${creditNote.orderId}/credit-note-${creditNote.id}.pdf`;
}


/** The invoice's PDF: the stored file, else drawn now and stored. */
export async function invoicePdf(invoice: InvoicePdfRow, render: PdfRenderer = sharedPdfPool()): Promise<PdfFile> {
  const filename = invoiceFilename(invoice);
  const key = invoiceKey(invoice);
  const stored = readStored(key);
  if (stored) return { filename, bytes: stored };
  const language = documentLanguage(invoice.locale);
  const bytes = await render.invoice({
    language,
    locale: documentLocale(invoice.locale, language),
    currency: invoice.currency,
    number: invoice.number,
    issuedAt: invoice.issuedAt,
    dueDate: invoice.dueDate,
    paymentTermsDays: invoice.paymentTermsDays,
    orderNumber: invoice.orderNumber,
    deliveryDate: invoice.deliveryDate,
    seller: parseParty(invoice.seller),
    buyer: parseParty(invoice.buyer),
    lines: invoice.lines.map(toDocumentLine),
    taxesEnabled: invoice.taxesEnabled,
    depositsEnabled: invoice.depositsEnabled,
    totals: invoice,
    note: invoice.note,
    orders: await coveredOrders(invoice),
  });
  writeStored(key, bytes);
  return { filename, bytes };
}

/** The orders an invoice covers (InvoiceOrder), with their numbers and delivery dates. */
async function coveredOrders(invoice: { id: string; orderId: string }): Promise<{ number: number; deliveryDate: string }[]> {
  const db = getDb();
  const covered = await db.invoiceOrder.findMany({ where: { invoiceId: invoice.id }, select: { orderId: true } });
  if (covered.length <= 1) return [];
  return db.order.findMany({ where: { id: { in: covered.map((c) => c.orderId) } }, select: { number: true, deliveryDate: true } });
}

const CREDIT_NOTE_KINDS: readonly CreditNoteKind[] = ["LINES", "AMOUNT", "CANCELLATION"];

/** The credit note's PDF: the stored file, else drawn now and stored. */
export async function creditNotePdf(creditNote: CreditNotePdfRow, render: PdfRenderer = sharedPdfPool()): Promise<PdfFile> {
  const filename = creditNoteFilename(creditNote);
  const key = creditNoteKey(creditNote);
  const stored = readStored(key);
  if (stored) return { filename, bytes: stored };
  const language = documentLanguage(creditNote.locale);
  // A credit note line is an invoice line (same id): its kind (item, fee, rebate) is the invoice line's.
  const kindOf = new Map(creditNote.invoice.lines.map((l) => [l.lineId, l.kind]));
  const bytes = await render.creditNote({
    language,
    locale: documentLocale(creditNote.locale, language),
    currency: creditNote.currency,
    number: creditNote.number,
    kind: CREDIT_NOTE_KINDS.find((k) => k === creditNote.kind) ?? "AMOUNT",
    issuedAt: creditNote.issuedAt,
    invoiceNumber: creditNote.invoice.number,
    invoiceIssuedAt: creditNote.invoice.issuedAt,
    orderNumber: creditNote.invoice.orderNumber,
    seller: parseParty(creditNote.seller),
    buyer: parseParty(creditNote.buyer),
    lines: creditNote.lines.map(({ lineId, ...l }) => toDocumentLine({ ...l, kind: kindOf.get(lineId) ?? "ITEM" })),
    taxesEnabled: creditNote.invoice.taxesEnabled,
    depositsEnabled: creditNote.invoice.depositsEnabled,
    totals: creditNote,
    note: creditNote.note,
  });
  writeStored(key, bytes);
  return { filename, bytes };
}

// ---- Reading, for an organization

export async function getInvoicePdf(actor: OrgActor, invoiceId: string): Promise<PdfFile> {
  requirePermission(actor, "invoice:read");
  const invoice = await getDb().invoice.findFirst({ where: { id: invoiceId, ...invoiceVisibleTo(actor.orgId) }, select: invoicePdfSelect });
  if (!invoice) throw notFound("error.not_found");
  return invoicePdf(invoice);
}

export async function getCreditNotePdf(actor: OrgActor, creditNoteId: string): Promise<PdfFile> {
  requirePermission(actor, "invoice:read");
  const creditNote = await getDb().creditNote.findFirst({
    where: { id: creditNoteId, ...creditNoteVisibleTo(actor.orgId) },
    select: creditNotePdfSelect,
  });
  if (!creditNote) throw notFound("error.not_found");
  return creditNotePdf(creditNote);
}

export type InvoiceDocumentEntry = {
  kind: "INVOICE" | "CREDIT_NOTE";
  id: string;
  number: string;
  filename: string;
  status: string | null;
  issuedAt: string;
};

/**
 * The invoices and credit notes of an order (newest first) for its Documents tab; empty for a member
 * who may not read invoices. The caller has checked that the order is visible to the actor.
 */
export async function listInvoiceDocuments(actor: OrgActor, orderId: string): Promise<InvoiceDocumentEntry[]> {
  if (!actorCan(actor, "invoice:read")) return [];
  const db = getDb();
  const [invoices, creditNotes] = await Promise.all([
    // An invoice of a billing period covers several orders (InvoiceOrder): each one's tab lists it.
    db.invoice.findMany({
      where: { OR: [{ orderId }, { orders: { some: { orderId } } }], ...invoiceVisibleTo(actor.orgId) },
      select: { id: true, number: true, locale: true, status: true, issuedAt: true },
    }),
    db.creditNote.findMany({ where: { OR: [{ orderId }, { invoice: { orders: { some: { orderId } } } }], ...creditNoteVisibleTo(actor.orgId) }, select: { id: true, number: true, locale: true, issuedAt: true } }),
  ]);
  const entries: InvoiceDocumentEntry[] = [
    ...invoices.map((i) => ({ kind: "INVOICE" as const, id: i.id, number: i.number, filename: invoiceFilename(i), status: i.status, issuedAt: i.issuedAt.toISOString() })),
    ...creditNotes.map((c) => ({ kind: "CREDIT_NOTE" as const, id: c.id, number: c.number, filename: creditNoteFilename(c), status: null, issuedAt: c.issuedAt.toISOString() })),
  ];
  return entries.sort((a, b) => b.issuedAt.localeCompare(a.issuedAt) || b.number.localeCompare(a.number));
}

// ---- Email attachments (the outbox worker, no actor: the email was addressed when it was written)

export async function renderAttachment(spec: AttachmentSpec): Promise<EmailAttachment> {
  const db = getDb();
  const file =
    spec.kind === "invoice-pdf"
      ? await db.invoice.findUnique({ where: { id: spec.id }, select: invoicePdfSelect }).then((row) => (row ? invoicePdf(row) : null))
      : await db.creditNote.findUnique({ where: { id: spec.id }, select: creditNotePdfSelect }).then((row) => (row ? creditNotePdf(row) : null));
  if (!file) throw new Error(`Attachment ${spec.kind} ${spec.id} not found`);
  return { filename: file.filename, contentType: "application/pdf", content: Buffer.from(file.bytes) };
}
