// Emails go through the outbox: written in the same transaction as the change that causes them,
// delivered afterwards by `deliverOutbox` (SMTP when SMTP_URL is set, else .eml files under
// DATA_DIR/mail), retried with a growing delay.
import fs from "node:fs";
import path from "node:path";
import { render } from "@react-email/render";
import nodemailer from "nodemailer";
import ActionLinkEmail, { actionLinkSubject, type ActionLinkProps } from "../../../emails/action-link";
import type { Tx } from "~/utils/db.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

export const FROM_ADDRESS = "Comptoir <no-reply@comptoir.local>";
const MAX_ATTEMPTS = 8;

export type RenderedEmail = { subject: string; html: string; text: string };

export async function renderActionLinkEmail(props: ActionLinkProps): Promise<RenderedEmail> {
  const element = ActionLinkEmail(props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: actionLinkSubject(props), html, text };
}

export async function enqueueEmail(tx: Tx, to: string, email: RenderedEmail): Promise<void> {
  await tx.outboxEmail.create({ data: { to, subject: email.subject, html: email.html, text: email.text } });
}

export function mailDir(): string {
  return path.join(getEnv().dataDir, "mail");
}

type Transport = { send(message: { to: string; subject: string; html: string; text: string }): Promise<void> };

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

/** Sends what is due; returns how many were sent. */
export async function deliverOutbox(transport: Transport = getTransport(), now = new Date()): Promise<number> {
  const db = getDb();
  const due = await db.outboxEmail.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: now } },
    orderBy: { createdAt: "asc" },
    take: 50,
  });
  let sent = 0;
  for (const email of due) {
    try {
      await transport.send({ to: email.to, subject: email.subject, html: email.html, text: email.text });
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
