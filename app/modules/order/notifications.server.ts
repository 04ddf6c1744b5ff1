// Order event emails, written to the outbox inside the transaction of the change that causes them.
//
// Who is told (the acting organization never is — it made the change):
// - PLACED: the seller, the rep and the distributor named on the order, and the buyer when someone
//   else placed the order on its behalf;
// - ACCEPTED, REJECTED, SHIPPED, DELIVERED: the buyer, and the seller-side parties (seller, rep,
//   distributor) other than the one that acted.
// Which members of those organizations:
// - seller (producer) and rep agency: OWNER, MANAGER, SALES — the people who take and decide orders;
// - distributor: OWNER, MANAGER, SALES, STAFF — its staff carry and deliver the goods;
// - buyer (retailer): OWNER, MANAGER, STAFF — the people who place and receive orders. ACCOUNTANT is
//   left out: invoices, not order progress, are its business.
// A user who belongs to several parties gets one email (for the first of seller, rep, distributor, buyer).
//
// Language: the user's setting, else the language of its organization's locale (fr/en), else French.
// The emails are written with their template and props; the outbox worker renders them after the
// transaction (rendering would hold the database's write lock).
import type { OrderEventType } from "../../../emails/order-event";
import { enqueueTemplatedEmail } from "../notify/outbox.server";
import type { Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { isLanguage, type Language } from "~/utils/i18n";
import { formatCents } from "~/utils/money";
import type { Role } from "~/utils/permissions";

export type OrderEventNotification = { type: OrderEventType; orderId: string; actorOrgId: string };

type PartySide = "seller" | "rep" | "distributor" | "buyer";

export const NOTIFIED_ROLES: Record<PartySide, readonly Role[]> = {
  seller: ["OWNER", "MANAGER", "SALES"],
  rep: ["OWNER", "MANAGER", "SALES"],
  distributor: ["OWNER", "MANAGER", "SALES", "STAFF"],
  buyer: ["OWNER", "MANAGER", "STAFF"],
};

/** Which parties hear about an event (before the acting organization is taken out). */
const NOTIFIED_SIDES: Record<OrderEventType, readonly PartySide[]> = {
  PLACED: ["seller", "rep", "distributor", "buyer"],
  ACCEPTED: ["buyer", "seller", "rep", "distributor"],
  REJECTED: ["buyer", "seller", "rep", "distributor"],
  SHIPPED: ["buyer", "seller", "rep", "distributor"],
  DELIVERED: ["buyer", "seller", "rep", "distributor"],
};

const SIDE_PRIORITY: readonly PartySide[] = ["seller", "rep", "distributor", "buyer"];

/** "fr-FR" → "fr", "en-GB" → "en", anything else → null. */
export function languageOfLocale(locale: string | null | undefined): Language | null {
  const lang = (locale ?? "").toLowerCase().slice(0, 2);
  return isLanguage(lang) ? lang : null;
}

export function recipientLanguage(userLocale: string | null | undefined, orgLocale: string | null | undefined): Language {
  if (isLanguage(userLocale)) return userLocale;
  return languageOfLocale(orgLocale) ?? "fr";
}

function formatDeliveryDate(date: string, language: Language): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(d);
}

export async function notifyOrderEvent(tx: Tx, event: OrderEventNotification): Promise<void> {
  const org = { select: { id: true, slug: true, name: true, locale: true, currency: true } } as const;
  const order = await tx.order.findUnique({
    where: { id: event.orderId },
    select: {
      id: true,
      number: true,
      deliveryDate: true,
      totalCents: true,
      currency: true,
      sellerId: true,
      buyerId: true,
      repId: true,
      distributorId: true,
      seller: org,
      buyer: org,
      rep: org,
      distributor: org,
    },
  });
  if (!order) throw new Error(`notifyOrderEvent: order ${event.orderId} not found`);

  const partyOrg: Record<PartySide, string | null> = {
    seller: order.sellerId,
    rep: order.repId,
    distributor: order.distributorId,
    buyer: order.buyerId,
  };
  // The organizations to tell, each with the roles to tell there.
  const targets = new Map<string, PartySide>();
  for (const side of SIDE_PRIORITY) {
    const orgId = partyOrg[side];
    if (!orgId || orgId === event.actorOrgId || targets.has(orgId)) continue;
    if (!NOTIFIED_SIDES[event.type].includes(side)) continue;
    targets.set(orgId, side);
  }
  if (targets.size === 0) return;

  const memberships = await tx.membership.findMany({
    where: {
      OR: [...targets].map(([organizationId, side]) => ({ organizationId, role: { in: [...NOTIFIED_ROLES[side]] } })),
    },
    select: {
      organizationId: true,
      user: { select: { id: true, email: true, locale: true } },
      organization: { select: { slug: true, locale: true } },
    },
    orderBy: { createdAt: "asc" },
  });

  // One email per user, for the organization of highest priority it belongs to.
  const rank = (orgId: string) => SIDE_PRIORITY.indexOf(targets.get(orgId)!);
  memberships.sort((a, b) => rank(a.organizationId) - rank(b.organizationId));
  const recipients = new Map<string, { email: string; slug: string; language: Language }>();
  for (const m of memberships) {
    if (recipients.has(m.user.id)) continue;
    recipients.set(m.user.id, {
      email: m.user.email,
      slug: m.organization.slug,
      language: recipientLanguage(m.user.locale, m.organization.locale),
    });
  }
  if (recipients.size === 0) return;

  const actorOrgName =
    [order.seller, order.buyer, order.rep, order.distributor].find((o) => o?.id === event.actorOrgId)?.name ??
    (await tx.organization.findUnique({ where: { id: event.actorOrgId }, select: { name: true } }))?.name ??
    "";
  const total = formatCents(order.totalCents, order.currency, order.seller.locale);
  for (const r of recipients.values()) {
    await enqueueTemplatedEmail(tx, r.email, "order-event", {
      type: event.type,
      language: r.language,
      orderNumber: order.number,
      sellerName: order.seller.name,
      buyerName: order.buyer.name,
      actorOrgName,
      deliveryDate: formatDeliveryDate(order.deliveryDate, r.language),
      total,
      url: `${getEnv().appUrl}/o/${encodeURIComponent(r.slug)}/orders/${order.id}`,
    });
  }
}
