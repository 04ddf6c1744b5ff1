// Invoicing emails, written to the outbox inside the transaction that publishes the invoice, issues the
// credit note or records the payment (the outbox worker renders and sends them afterwards).
//
// Who is told, following the order notifications (app/modules/order/notifications.server.ts): the
// organization that acted never is — it made the change. Invoices are the business of
// - the buyer (retailer): OWNER and ACCOUNTANT — the only retailer roles that may read invoices
//   (permission `invoice:read`); STAFF and MANAGER follow the orders, not the bills;
// - the seller (producer), for the record, when someone else acted for it (its rep or distributor, or
//   the online payment: a Stripe payment has no acting organization): OWNER and ACCOUNTANT.
// Reps and distributors are not told: the receivable is the seller's.
// A user who belongs to both sides gets one email (as the seller).
//
// Language: the user's setting, else its organization's locale, else French. The invoice and credit note
// PDFs are attached as they are stored (in the buyer's language, Invoice.locale), rendered at delivery.
import { enqueueTemplatedEmail, insertTemplatedEmail } from "../notify/outbox.server";
import { usersWithEmailOffSync } from "../notify/preferences.server";
import { membersToTell, recipientLanguage } from "../order/notifications.server";
import { connectDb, type Sqlite, type Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import type { Language } from "~/utils/i18n";
import { formatCents } from "~/utils/money";
import type { Role } from "~/utils/permissions";

type InvoiceSide = "seller" | "buyer";

export const INVOICE_NOTIFIED_ROLES: Record<InvoiceSide, readonly Role[]> = {
  seller: ["OWNER", "ACCOUNTANT"],
  buyer: ["OWNER", "ACCOUNTANT"],
};

export type InvoiceRecipient = { userId: string; email: string; slug: string; language: Language };

/**
 * The members to tell of the seller and the buyer, one entry per user (the seller's first), leaving out
 * the organization that acted (null: nobody acted, e.g. an online payment or a scheduled reminder).
 * Runs on the raw connection, inside the transaction open on it.
 */
export function invoiceRecipientsSync(
  db: Sqlite,
  parties: { sellerId: string; buyerId: string },
  actorOrgId: string | null,
  sides: readonly InvoiceSide[] = ["seller", "buyer"],
): InvoiceRecipient[] {
  const targets = new Map(
    sides
      .map((side) => [side === "seller" ? parties.sellerId : parties.buyerId, side] as const)
      .filter(([orgId]) => orgId !== actorOrgId)
      .reverse(), // the seller's side wins when both are the same organization
  );
  if (!targets.size) return [];
  const memberships = membersToTell(db, [...targets.keys()]);
  const rank = (orgId: string) => (orgId === parties.sellerId ? 0 : 1);
  const notified = memberships
    .filter((m) => INVOICE_NOTIFIED_ROLES[targets.get(m.organizationId)!].includes(m.role))
    .sort((a, b) => rank(a.organizationId) - rank(b.organizationId));
  const recipients = new Map<string, InvoiceRecipient>();
  for (const m of notified) {
    if (recipients.has(m.userId)) continue;
    recipients.set(m.userId, { userId: m.userId, email: m.email, slug: m.slug, language: recipientLanguage(m.userLocale, m.orgLocale) });
  }
  // Those who switched invoice emails off in their notification settings are left out.
  const off = usersWithEmailOffSync(db, [...recipients.keys()], "INVOICE");
  return [...recipients.values()].filter((r) => !off.has(r.userId));
}

/** invoiceRecipientsSync for code inside a Prisma transaction (`tx`): on the one connection, it joins it. */
export async function invoiceRecipients(
  _tx: Tx,
  parties: { sellerId: string; buyerId: string },
  actorOrgId: string | null,
  sides: readonly InvoiceSide[] = ["seller", "buyer"],
): Promise<InvoiceRecipient[]> {
  return invoiceRecipientsSync(await connectDb(), parties, actorOrgId, sides);
}

/** A YYYY-MM-DD date or an instant as a long date in the recipient's language (UTC: no day shift). */
// Building an Intl formatter costs about half a millisecond, inside the publishing transaction: one per language, kept.
const emailDateFormats = new Map<Language, Intl.DateTimeFormat>();

export function emailDate(value: string | Date, language: Language): string {
  const date = typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  let format = emailDateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language === "fr" ? "fr-FR" : "en-GB", { dateStyle: "long", timeZone: "UTC" });
    emailDateFormats.set(language, format);
  }
  return format.format(date);
}

/** Money in the recipient's language (fr-FR or en-GB conventions). */
export function emailMoney(cents: number, currency: string, language: Language): string {
  return formatCents(cents, currency, language === "fr" ? "fr-FR" : "en-GB");
}

export function orderUrl(slug: string, orderId: string): string {
  return `${getEnv().appUrl}/o/${encodeURIComponent(slug)}/orders/${orderId}`;
}

/** The name in a party snapshot (JSON written at publication). */
export function snapshotName(snapshot: string): string {
  try {
    const parsed = JSON.parse(snapshot) as { name?: unknown };
    return typeof parsed.name === "string" ? parsed.name : "";
  } catch {
    return "";
  }
}

/** What the "invoice published" email tells, as publication wrote it. */
export type PublishedInvoice = {
  id: string;
  number: string;
  sellerId: string;
  buyerId: string;
  orderId: string;
  orderNumber: number;
  currency: string;
  totalCents: number;
  issuedAt: Date;
  dueDate: string;
  seller: string;
  buyer: string;
  createdByOrgId: string | null;
};

/** Writes the "invoice published" emails (the PDF attached) to the outbox, in the open transaction. */
export function notifyInvoicePublishedSync(db: Sqlite, invoice: PublishedInvoice): void {
  for (const r of invoiceRecipientsSync(db, invoice, invoice.createdByOrgId)) {
    insertTemplatedEmail(
      db,
      r.email,
      "invoice-published",
      {
        language: r.language,
        invoiceNumber: invoice.number,
        orderNumber: invoice.orderNumber,
        sellerName: snapshotName(invoice.seller),
        buyerName: snapshotName(invoice.buyer),
        total: emailMoney(invoice.totalCents, invoice.currency, r.language),
        issueDate: emailDate(invoice.issuedAt, r.language),
        dueDate: emailDate(invoice.dueDate, r.language),
        url: orderUrl(r.slug, invoice.orderId),
      },
      [{ kind: "invoice-pdf", id: invoice.id }],
    );
  }
}

/** notifyInvoicePublishedSync of a stored invoice, inside a Prisma transaction (`tx`). */
export async function notifyInvoicePublished(tx: Tx, invoiceId: string): Promise<void> {
  const invoice = await tx.invoice.findUnique({
    where: { id: invoiceId },
    select: {
      id: true,
      number: true,
      sellerId: true,
      buyerId: true,
      orderId: true,
      orderNumber: true,
      currency: true,
      totalCents: true,
      issuedAt: true,
      dueDate: true,
      seller: true,
      buyer: true,
      createdByOrgId: true,
    },
  });
  if (!invoice) throw new Error(`notifyInvoicePublished: invoice ${invoiceId} not found`);
  notifyInvoicePublishedSync(await connectDb(), invoice);
}

export async function notifyCreditNoteIssued(tx: Tx, creditNoteId: string): Promise<void> {
  const creditNote = await tx.creditNote.findUnique({
    where: { id: creditNoteId },
    select: {
      id: true,
      number: true,
      sellerId: true,
      buyerId: true,
      orderId: true,
      currency: true,
      totalCents: true,
      note: true,
      seller: true,
      buyer: true,
      createdByOrgId: true,
      invoice: { select: { number: true, orderNumber: true } },
    },
  });
  if (!creditNote) throw new Error(`notifyCreditNoteIssued: credit note ${creditNoteId} not found`);
  const recipients = await invoiceRecipients(tx, creditNote, creditNote.createdByOrgId);
  for (const r of recipients) {
    await enqueueTemplatedEmail(
      tx,
      r.email,
      "credit-note-issued",
      {
        language: r.language,
        creditNoteNumber: creditNote.number,
        invoiceNumber: creditNote.invoice.number,
        orderNumber: creditNote.invoice.orderNumber,
        sellerName: snapshotName(creditNote.seller),
        buyerName: snapshotName(creditNote.buyer),
        total: emailMoney(creditNote.totalCents, creditNote.currency, r.language),
        note: creditNote.note,
        url: orderUrl(r.slug, creditNote.orderId),
      },
      [{ kind: "credit-note-pdf", id: creditNote.id }],
    );
  }
}

const PAYMENT_METHODS = ["CASH", "CHEQUE", "TRANSFER", "CARD", "OTHER"] as const;

export async function notifyPaymentReceived(tx: Tx, paymentId: string): Promise<void> {
  const payment = await tx.payment.findUnique({
    where: { id: paymentId },
    select: {
      id: true,
      sellerId: true,
      buyerId: true,
      amountCents: true,
      currency: true,
      method: true,
      reference: true,
      paidAt: true,
      createdByOrgId: true,
      sellerOrg: { select: { name: true } },
      buyerOrg: { select: { name: true } },
      allocations: {
        select: { amountCents: true, invoice: { select: { number: true, orderId: true, issuedAt: true } } },
      },
    },
  });
  if (!payment) throw new Error(`notifyPaymentReceived: payment ${paymentId} not found`);
  const allocations = [...payment.allocations].sort((a, b) => a.invoice.issuedAt.getTime() - b.invoice.issuedAt.getTime());
  const firstOrderId = allocations[0]?.invoice.orderId;
  const method = (PAYMENT_METHODS as readonly string[]).includes(payment.method) ? (payment.method as (typeof PAYMENT_METHODS)[number]) : "OTHER";
  const recipients = await invoiceRecipients(tx, payment, payment.createdByOrgId);
  for (const r of recipients) {
    await enqueueTemplatedEmail(tx, r.email, "payment-received", {
      language: r.language,
      sellerName: payment.sellerOrg.name,
      buyerName: payment.buyerOrg.name,
      amount: emailMoney(payment.amountCents, payment.currency, r.language),
      method,
      reference: payment.reference,
      paidAt: emailDate(payment.paidAt, r.language),
      invoices: allocations.map((a) => ({ number: a.invoice.number, amount: emailMoney(a.amountCents, payment.currency, r.language) })),
      url: firstOrderId ? orderUrl(r.slug, firstOrderId) : `${getEnv().appUrl}/o/${encodeURIComponent(r.slug)}/orders`,
    });
  }
}
