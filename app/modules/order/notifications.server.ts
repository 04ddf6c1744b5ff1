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
import { insertTemplatedEmail } from "../notify/outbox.server";
import { usersWithEmailOffSync, type NotificationKind } from "../notify/preferences.server";
import { connectDb, statement, type Sqlite, type Tx } from "~/utils/db.server";
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

// Building an Intl formatter costs about half a millisecond: one per language, kept.
const deliveryDateFormats = new Map<Language, Intl.DateTimeFormat>();

function formatDeliveryDate(date: string, language: Language): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  let format = deliveryDateFormats.get(language);
  if (!format) deliveryDateFormats.set(language, (format = new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" })));
  return format.format(d);
}

/** The setting that governs an order email: a new order, or a change of its status. */
export function notificationKindOf(type: OrderEventType): NotificationKind {
  return type === "PLACED" ? "ORDER_NEW" : "ORDER_STATUS";
}

type OrgRow = { id: string; slug: string; name: string; locale: string };

/** A member of an organization to tell by email: its role there, address and languages. */
export type MemberToTell = { organizationId: string; role: Role; userId: string; email: string; userLocale: string | null; slug: string; orgLocale: string | null };

/** The members of these organizations, oldest membership first, on the raw connection (order and invoice emails). */
export function membersToTell(db: Sqlite, orgIds: readonly string[]): MemberToTell[] {
  return statement(
    db,
    `SELECT m.organizationId, m.role, u.id AS userId, u.email, u.locale AS userLocale, o.slug, o.locale AS orgLocale
     FROM "Membership" m JOIN "User" u ON u.id = m.userId JOIN "Organization" o ON o.id = m.organizationId
     WHERE m.organizationId IN (SELECT value FROM json_each(?))
     ORDER BY m.createdAt ASC, m.id ASC`,
  ).all(JSON.stringify(orgIds)) as MemberToTell[];
}

/** notifyOrderEventSync for code inside a Prisma transaction (`tx`): on the one connection, it joins it. */
export async function notifyOrderEvent(_tx: Tx, event: OrderEventNotification): Promise<void> {
  notifyOrderEventSync(await connectDb(), event);
}

/** Writes the event's emails to the outbox, in the transaction open on the connection. */
export function notifyOrderEventSync(db: Sqlite, event: OrderEventNotification): void {
  const order = statement(
    db,
    `SELECT id, number, deliveryDate, totalCents, currency, sellerId, buyerId, repId, distributorId FROM "Order" WHERE id = ?`,
  ).get(event.orderId) as
    | { id: string; number: number; deliveryDate: string; totalCents: number; currency: string; sellerId: string; buyerId: string; repId: string | null; distributorId: string | null }
    | undefined;
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

  const memberships = membersToTell(db, [...targets.keys()]);

  // One email per user, for the organization of highest priority it belongs to; none for a user who
  // turned this kind of email off (app/modules/notify/preferences.server.ts).
  const rank = (orgId: string) => SIDE_PRIORITY.indexOf(targets.get(orgId)!);
  const optedOut = usersWithEmailOffSync(db, [...new Set(memberships.map((m) => m.userId))], notificationKindOf(event.type));
  const notified = memberships
    .filter((m) => NOTIFIED_ROLES[targets.get(m.organizationId)!].includes(m.role) && !optedOut.has(m.userId))
    .sort((a, b) => rank(a.organizationId) - rank(b.organizationId));
  const recipients = new Map<string, { email: string; slug: string; language: Language }>();
  for (const m of notified) {
    if (recipients.has(m.userId)) continue;
    recipients.set(m.userId, { email: m.email, slug: m.slug, language: recipientLanguage(m.userLocale, m.orgLocale) });
  }
  if (recipients.size === 0) return;

  const orgById = statement(db, `SELECT id, slug, name, locale FROM "Organization" WHERE id IN (SELECT value FROM json_each(?))`);
  const orgs = new Map(
    (orgById.all(JSON.stringify([order.sellerId, order.buyerId, event.actorOrgId])) as OrgRow[]).map((o) => [o.id, o]),
  );
  const seller = orgs.get(order.sellerId)!;
  const buyer = orgs.get(order.buyerId)!;
  const actorOrgName = orgs.get(event.actorOrgId)?.name ?? "";
  const total = formatCents(order.totalCents, order.currency, seller.locale);
  for (const r of recipients.values()) {
    insertTemplatedEmail(db, r.email, "order-event", {
      type: event.type,
      language: r.language,
      orderNumber: order.number,
      sellerName: seller.name,
      buyerName: buyer.name,
      actorOrgName,
      deliveryDate: formatDeliveryDate(order.deliveryDate, r.language),
      total,
      url: `${getEnv().appUrl}/o/${encodeURIComponent(r.slug)}/orders/${order.id}`,
    });
  }
}
