// Overdue invoice reminders (the daily job: `sendOverdueReminders`, `npm run jobs:reminders`).
//
// The rule: an invoice still ISSUED with a balance to pay is overdue the day after its due date. Its
// buyer (OWNER and ACCOUNTANT, as for every invoicing email) is reminded on the first run on or after
// that day, then again when 7 days have passed since the last reminder, at most MAX_REMINDERS times.
// Each reminder is recorded (InvoiceReminder, unique per invoice and day) in the transaction that
// writes its emails: a second run the same day — or two runs at once — sends nothing more.
// Days are business days in the server's time zone (see app/modules/order/dates.ts).
import { getDb } from "~/utils/db.server";
import { enqueueTemplatedEmail } from "../notify/outbox.server";
import { todayIso } from "../order/dates";
import { emailDate, emailMoney, invoiceRecipients, orderUrl, snapshotName } from "./notifications.server";

export const REMINDER_INTERVAL_DAYS = 7;
export const MAX_REMINDERS = 6;
const BATCH = 200;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export type ReminderRun = { reminded: number; emails: number };

/**
 * Sends the reminders due on `now`'s business day; returns how many invoices were reminded and how
 * many emails written. `signal` (the scheduler's lease) stops it before the next invoice once another
 * instance has taken over.
 */
export async function sendOverdueReminders(now: Date, options: { signal?: AbortSignal } = {}): Promise<ReminderRun> {
  const db = getDb();
  const today = todayIso(now);
  const result: ReminderRun = { reminded: 0, emails: 0 };
  let cursor: string | undefined;
  for (;;) {
    const invoices = await db.invoice.findMany({
      where: { status: "ISSUED", balanceCents: { gt: 0 }, dueDate: { lt: today }, ...(cursor ? { id: { gt: cursor } } : {}) },
      select: { id: true, dueDate: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (!invoices.length) break;
    cursor = invoices[invoices.length - 1].id;

    const sent = await db.invoiceReminder.groupBy({
      by: ["invoiceId"],
      where: { invoiceId: { in: invoices.map((i) => i.id) } },
      _count: { _all: true },
      _max: { sentOn: true },
    });
    const history = new Map(sent.map((s) => [s.invoiceId, { count: s._count._all, last: s._max.sentOn }]));
    for (const invoice of invoices) {
      if (options.signal?.aborted) return result;
      const past = history.get(invoice.id);
      if (past && (past.count >= MAX_REMINDERS || (past.last && daysBetween(past.last, today) < REMINDER_INTERVAL_DAYS))) continue;
      const emails = await remind(invoice.id, today);
      if (emails !== null) {
        result.reminded++;
        result.emails += emails;
      }
    }
    if (invoices.length < BATCH) break;
  }
  return result;
}

/** One invoice's reminder, in one transaction; null when it is no longer due (paid, or reminded meanwhile). */
async function remind(invoiceId: string, today: string): Promise<number | null> {
  return getDb().$transaction(async (tx) => {
    const invoice = await tx.invoice.findUnique({
      where: { id: invoiceId },
      select: {
        id: true,
        number: true,
        status: true,
        sellerId: true,
        buyerId: true,
        orderId: true,
        orderNumber: true,
        currency: true,
        totalCents: true,
        balanceCents: true,
        dueDate: true,
        seller: true,
        buyer: true,
      },
    });
    if (!invoice || invoice.status !== "ISSUED" || invoice.balanceCents <= 0 || invoice.dueDate >= today) return null;
    const already = await tx.invoiceReminder.findUnique({ where: { invoiceId_sentOn: { invoiceId, sentOn: today } }, select: { id: true } });
    if (already) return null;
    const daysOverdue = daysBetween(invoice.dueDate, today);
    const recipients = await invoiceRecipients(tx, invoice, null, ["buyer"]);
    await tx.invoiceReminder.create({ data: { invoiceId, sentOn: today, daysOverdue, recipients: recipients.length } });
    for (const r of recipients) {
      await enqueueTemplatedEmail(tx, r.email, "invoice-overdue", {
        language: r.language,
        invoiceNumber: invoice.number,
        orderNumber: invoice.orderNumber,
        sellerName: snapshotName(invoice.seller),
        buyerName: snapshotName(invoice.buyer),
        balance: emailMoney(invoice.balanceCents, invoice.currency, r.language),
        total: emailMoney(invoice.totalCents, invoice.currency, r.language),
        dueDate: emailDate(invoice.dueDate, r.language),
        daysOverdue,
        url: orderUrl(r.slug, invoice.orderId),
      });
    }
    return recipients.length;
  });
}
