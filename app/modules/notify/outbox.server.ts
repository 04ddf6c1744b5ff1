// Emails go through the outbox: written in the same transaction as the change that causes them,
// delivered afterwards by `deliverOutbox` (SMTP when SMTP_URL is set, else .eml files under
// DATA_DIR/mail), retried with a growing delay. Emails written inside busy transactions (orders)
// store a template and its props: rendering React Email takes milliseconds that must not be spent
// holding the database's write lock, so the worker renders them.
import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import ActionLinkEmail, { actionLinkSubject, type ActionLinkProps } from "../../../emails/action-link";
import OrderEventEmail, { orderEventSubject, type OrderEventEmailProps } from "../../../emails/order-event";
import InvoicePublishedEmail, { invoicePublishedSubject, type InvoicePublishedEmailProps } from "../../../emails/invoice-published";
import InvoiceOverdueEmail, { invoiceOverdueSubject, type InvoiceOverdueEmailProps } from "../../../emails/invoice-overdue";
import CreditNoteIssuedEmail, { creditNoteIssuedSubject, type CreditNoteIssuedEmailProps } from "../../../emails/credit-note-issued";
import PaymentReceivedEmail, { paymentReceivedSubject, type PaymentReceivedEmailProps } from "../../../emails/payment-received";
import { renderAttachment, type AttachmentSpec, type EmailAttachment } from "../invoice/documents.server";
import type { Tx } from "~/utils/db.server";
import { connectDb, getDb, sqlTimestamp, statement, type Sqlite } from "~/utils/db.server";
import { newId } from "~/utils/ids.server";
import { getEnv } from "~/utils/env.server";

export const FROM_ADDRESS = "Comptoir <no-reply@comptoir.local>";
const MAX_ATTEMPTS = 8;

export type RenderedEmail = { subject: string; html: string; text: string };

/**
 * An email's HTML and plain-text bodies. React Email's renderer (~19 MB of RSS) is loaded on the first
 * email, not when the server starts: a process that sends none never pays for it.
 */
export async function renderEmailBodies(element: JSX.Element): Promise<{ html: string; text: string }> {
  const { render } = await import("@react-email/render");
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}

export async function renderActionLinkEmail(props: ActionLinkProps): Promise<RenderedEmail> {
  return { subject: actionLinkSubject(props), ...(await renderEmailBodies(ActionLinkEmail(props))) };
}

export async function enqueueEmail(tx: Tx, to: string, email: RenderedEmail): Promise<void> {
  await tx.outboxEmail.create({ data: { to, subject: email.subject, html: email.html, text: email.text } });
}

/** The templates the worker renders; each takes its props only. */
const TEMPLATES = {
  "order-event": { component: OrderEventEmail, subject: orderEventSubject },
  "invoice-published": { component: InvoicePublishedEmail, subject: invoicePublishedSubject },
  "invoice-overdue": { component: InvoiceOverdueEmail, subject: invoiceOverdueSubject },
  "credit-note-issued": { component: CreditNoteIssuedEmail, subject: creditNoteIssuedSubject },
  "payment-received": { component: PaymentReceivedEmail, subject: paymentReceivedSubject },
} satisfies Record<string, { component: (props: never) => JSX.Element; subject: (props: never) => string }>;
export type TemplateName = keyof typeof TEMPLATES;
type TemplateProps = {
  "order-event": OrderEventEmailProps;
  "invoice-published": InvoicePublishedEmailProps;
  "invoice-overdue": InvoiceOverdueEmailProps;
  "credit-note-issued": CreditNoteIssuedEmailProps;
  "payment-received": PaymentReceivedEmailProps;
};

/** The key of the props JSON that lists the attachments (documents rendered at delivery, not stored here). */
const ATTACHMENTS_KEY = "$attachments";

/**
 * Writes an email to render later (the subject is cheap and computed now, for listings). Attachments
 * are specs of stored documents (e.g. an invoice PDF): the worker renders them when it sends the email.
 */
export async function enqueueTemplatedEmail<T extends TemplateName>(
  _tx: Tx,
  to: string,
  template: T,
  props: TemplateProps[T],
  attachments: AttachmentSpec[] = [],
): Promise<void> {
  insertTemplatedEmail(await connectDb(), to, template, props, attachments);
}

/** enqueueTemplatedEmail inside a raw transaction (app/utils/db.server.ts): same row, no await. */
export function insertTemplatedEmail<T extends TemplateName>(
  db: Sqlite,
  to: string,
  template: T,
  props: TemplateProps[T],
  attachments: AttachmentSpec[] = [],
): void {
  const stored = attachments.length ? { ...props, [ATTACHMENTS_KEY]: attachments } : props;
  const now = sqlTimestamp(new Date());
  statement(
    db,
    `INSERT INTO "OutboxEmail" ("id", "to", "subject", "html", "text", "template", "props", "status", "attempts", "nextAttemptAt", "createdAt")
     VALUES (?, ?, ?, '', '', ?, ?, 'PENDING', 0, ?, ?)`,
  ).run(newId(), to, TEMPLATES[template].subject(props as never), template, JSON.stringify(stored), now, now);
}

/** An outbox row's bodies, rendering its template (and its attachments) when it has one. */
export async function renderOutboxEmail(row: {
  html: string;
  text: string;
  template: string | null;
  props: string | null;
}): Promise<{ html: string; text: string; attachments: EmailAttachment[] }> {
  if (!row.template || !row.props) return { html: row.html, text: row.text, attachments: [] };
  const entry = TEMPLATES[row.template as TemplateName];
  if (!entry) throw new Error(`Unknown email template ${row.template}`);
  const { [ATTACHMENTS_KEY]: specs, ...props } = JSON.parse(row.props) as Record<string, unknown> & { [ATTACHMENTS_KEY]?: AttachmentSpec[] };
  const [bodies, attachments] = await Promise.all([renderEmailBodies(entry.component(props as never)), Promise.all((specs ?? []).map(renderAttachment))]);
  return { ...bodies, attachments };
}

export function mailDir(): string {
  return path.join(getEnv().dataDir, "mail");
}

type Transport = { send(message: { to: string; subject: string; html: string; text: string; attachments?: EmailAttachment[] }): Promise<void> };

function fileTransport(): Transport {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(message) {
      const info = await builder.sendMail({ from: FROM_ADDRESS, ...message });
      const dir = mailDir();
      fs.mkdirSync(dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const safeTo = message.to.replace(/[^a-zA-Z0-9@._-]/g, "_");
      fs.writeFileSync(path.join(dir, `${stamp}-${safeTo}-${Math.random().toString(36).slice(2, 8)}.eml`), info.message as Buffer);
    },
  };
}

export function smtpTransport(url: string): Transport {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(message) {
      await transporter.sendMail({ from: FROM_ADDRESS, ...message });
    },
  };
}

export function getTransport(): Transport {
  const { smtpUrl } = getEnv();
  return smtpUrl ? smtpTransport(smtpUrl) : fileTransport();
}

/**
 * Sends what is due; returns how many were sent. `signal` (the scheduler's lease) stops it before the
 * next email once another instance has taken the job over, so that instance does not send it twice.
 */
export async function deliverOutbox(transport: Transport = getTransport(), now = new Date(), options: { signal?: AbortSignal } = {}): Promise<number> {
  const db = getDb();
  const due = await db.outboxEmail.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: now } },
    orderBy: { createdAt: "asc" },
    take: 50,
  });
  let sent = 0;
  for (const email of due) {
    if (options.signal?.aborted) break;
    try {
      const body = await renderOutboxEmail(email);
      await transport.send({ to: email.to, subject: email.subject, html: body.html, text: body.text, attachments: body.attachments });
      await db.outboxEmail.update({ where: { id: email.id }, data: { status: "SENT", sentAt: new Date(), attempts: { increment: 1 } } });
      sent++;
    } catch (error) {
      const attempts = email.attempts + 1;
      await db.outboxEmail.update({
        where: { id: email.id },
        data: {
          attempts,
          lastError: String(error).slice(0, 500),
          status: attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING",
          nextAttemptAt: new Date(now.getTime() + 2 ** attempts * 15_000),
        },
      });
    }
  }
  return sent;
}
