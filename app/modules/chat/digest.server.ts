// Chat digests: a member who has not read an order's messages 10 minutes after the first unread one
// gets ONE email for that order, listing what it has not read — not one per message. The unread row
// (ChatUnread) carries the state: `digestedAt` is set when the email is written, and the row goes when
// the user reads the conversation, so the next unread message starts a new streak (and a new digest
// 10 minutes later). A user who turned message emails off gets none (the row is marked all the same).
//
// A job runs this every minute (server/scheduler.ts, under a lease: one instance at a time). `now` is
// a parameter so that tests move the clock. Emails are rendered before the transaction that writes
// them to the outbox; that transaction marks the row only if it is still undigested, so that two
// runs can never send the same digest twice.
import ChatDigestEmail, { chatDigestSubject, type ChatDigestEmailProps } from "../../../emails/chat-digest";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { recipientLanguage } from "../order/notifications.server";
import { enqueueEmail, renderEmailBodies } from "../notify/outbox.server";
import { usersWithEmailOff } from "../notify/preferences.server";

export const DIGEST_DELAY_MS = 10 * 60_000;
/** The latest unread messages an email quotes. */
const QUOTED = 5;
const BATCH = 100;
const EXCERPT = 500;

function excerpt(body: string): string {
  return body.length > EXCERPT ? `${body.slice(0, EXCERPT - 1)}…` : body;
}

/**
 * Writes the digests due at `now`; returns how many emails were written. `signal` (the scheduler's
 * lease) stops it before the next digest once another instance has taken over.
 */
export async function sendChatDigests(now: Date = new Date(), options: { signal?: AbortSignal } = {}): Promise<number> {
  const db = getDb();
  const cutoff = new Date(now.getTime() - DIGEST_DELAY_MS);
  const due = await db.chatUnread.findMany({
    where: { digestedAt: null, firstUnreadAt: { lte: cutoff }, count: { gt: 0 } },
    orderBy: { firstUnreadAt: "asc" },
    take: BATCH,
    select: {
      userId: true,
      orderId: true,
      orgId: true,
      firstUnreadAt: true,
      user: { select: { email: true, locale: true, memberships: { select: { organizationId: true, organization: { select: { slug: true, locale: true } } } } } },
      order: { select: { number: true, seller: { select: { name: true } }, buyer: { select: { name: true } } } },
    },
  });
  if (due.length === 0) return 0;
  const optedOut = await usersWithEmailOff(db, [...new Set(due.map((d) => d.userId))], "MESSAGE");
  const appUrl = getEnv().appUrl;
  let written = 0;
  for (const row of due) {
    if (options.signal?.aborted) break;
    const membership = row.user.memberships.find((m) => m.organizationId === row.orgId);
    let email: { to: string; subject: string; html: string; text: string } | null = null;
    // Left the organization, or no message emails: nothing to send, the streak is settled all the same.
    if (membership && !optedOut.has(row.userId)) {
      const unread = await db.chatMessage.findMany({
        where: { orderId: row.orderId, authorId: { not: row.userId }, receipts: { none: { userId: row.userId } } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { body: true, createdAt: true, authorOrgName: true, author: { select: { name: true } }, attachments: { select: { filename: true } } },
      });
      if (unread.length > 0) {
        const language = recipientLanguage(row.user.locale, membership.organization.locale);
        // The organizations are French and Belgian for now: Paris time, its zone named in the email.
        const time = new Intl.DateTimeFormat(membership.organization.locale, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris", timeZoneName: "short" });
        const props: ChatDigestEmailProps = {
          language,
          orderNumber: row.order.number,
          sellerName: row.order.seller.name,
          buyerName: row.order.buyer.name,
          count: unread.length,
          messages: unread
            .slice(0, QUOTED)
            .reverse()
            .map((m) => ({ author: m.author.name, organization: m.authorOrgName, body: excerpt(m.body), time: time.format(m.createdAt), files: m.attachments.map((a) => a.filename) })),
          url: `${appUrl}/o/${encodeURIComponent(membership.organization.slug)}/orders/${row.orderId}?tab=messages`,
          settingsUrl: `${appUrl}/account/notifications`,
        };
        email = { to: row.user.email, subject: chatDigestSubject(props), ...(await renderEmailBodies(ChatDigestEmail(props))) };
      }
    }
    const sent = await db.$transaction(async (tx) => {
      const { count } = await tx.chatUnread.updateMany({
        where: { userId: row.userId, orderId: row.orderId, digestedAt: null, firstUnreadAt: row.firstUnreadAt },
        data: { digestedAt: now },
      });
      if (count !== 1 || !email) return false;
      await enqueueEmail(tx, email.to, email);
      return true;
    });
    if (sent) written++;
  }
  return written;
}
