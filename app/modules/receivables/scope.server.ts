// Whose ledger an organization may read. A ledger is one (seller, customer) pair:
// - a producer: each of its customers (a retail relation with it, whatever the relation's status);
// - a rep agency: the customers it is the assigned rep of, for the producer of that relation; a
//   distributor: the customers it is the default distributor of. Their ledger holds only the invoices
//   and credit notes of orders they take part in (the invoices they may open), and the part of each
//   payment allocated to those invoices; when they serve one customer for several producers, `seller`
//   names the producer (400 without it);
// - a retailer (payables): each producer it buys from, OWNER and ACCOUNTANT only (403 otherwise).
// Anything else answers 404, never another tenant's data.
import type { Prisma } from "@prisma/client";
import { getDb } from "~/utils/db.server";
import { AppError, validationError } from "~/utils/errors";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";

export type LedgerSide = "seller" | "buyer";
export type LedgerScope = {
  side: LedgerSide;
  seller: { id: string; name: string };
  customer: { id: string; name: string };
  currency: string;
  /** Rep agency, distributor: only documents of the orders it takes part in. */
  orderFilter: Prisma.OrderWhereInput | null;
};

export function orderFilterOf(actor: OrgActor): Prisma.OrderWhereInput | null {
  if (actor.orgKind === "REP_AGENCY") return { repId: actor.orgId };
  if (actor.orgKind === "DISTRIBUTOR") return { distributorId: actor.orgId };
  return null;
}

// Relations that have traded (an ended relation keeps its ledger); invitations never have one.
const TRADED = ["ACTIVE", "ENDED"];

/** The retail relations through which the actor serves customers as the seller side. */
export function servedRelationsWhere(actor: OrgActor): Prisma.RelationWhereInput | null {
  switch (actor.orgKind) {
    case "PRODUCER":
      return { kind: "RETAIL", status: { in: TRADED }, producerId: actor.orgId, partnerId: { not: null } };
    case "REP_AGENCY":
      return { kind: "RETAIL", status: { in: TRADED }, repId: actor.orgId, partnerId: { not: null } };
    case "DISTRIBUTOR":
      return { kind: "RETAIL", status: { in: TRADED }, defaultDistributorId: actor.orgId, partnerId: { not: null } };
    default:
      return null;
  }
}

const notFound = () => new AppError("not_found", "error.not_found");
const relationSelect = {
  producer: { select: { id: true, name: true, currency: true } },
  partner: { select: { id: true, name: true } },
} satisfies Prisma.RelationSelect;

export async function sellerScope(actor: OrgActor, customerId: string, sellerId?: string): Promise<LedgerScope> {
  requirePermission(actor, "receivables:read");
  const where = servedRelationsWhere(actor);
  if (!where) throw notFound();
  const relations = await getDb().relation.findMany({
    where: { AND: [where, { partnerId: customerId }, sellerId ? { producerId: sellerId } : {}] },
    select: relationSelect,
    take: 50,
  });
  if (relations.length === 0) throw notFound();
  const producers = new Set(relations.map((r) => r.producer.id));
  if (producers.size > 1) throw validationError({ seller: "receivables.error.whichSeller" });
  const { producer, partner } = relations[0];
  return { side: "seller", seller: { id: producer.id, name: producer.name }, customer: partner!, currency: producer.currency, orderFilter: orderFilterOf(actor) };
}

export async function buyerScope(actor: OrgActor, supplierId: string): Promise<LedgerScope> {
  requirePermission(actor, "receivables:read");
  if (actor.orgKind !== "RETAILER") throw notFound();
  const relation = await getDb().relation.findFirst({
    where: { kind: "RETAIL", status: { in: TRADED }, producerId: supplierId, partnerId: actor.orgId },
    select: relationSelect,
  });
  if (!relation) throw notFound();
  return { side: "buyer", seller: { id: relation.producer.id, name: relation.producer.name }, customer: relation.partner!, currency: relation.producer.currency, orderFilter: null };
}
