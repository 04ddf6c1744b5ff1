// Who owes what: the customers of the seller side with an open balance (the receivables list), and the
// suppliers of a retailer with what it owes each (the payables page). Open = invoices ISSUED with a
// balance; overdue = the part past its due date (see ./ageing.ts). Two grouped reads on
// Invoice [sellerId, status, dueDate] (or [buyerId, …]), then the names: no query per customer.
import type { Prisma } from "@prisma/client";
import { getDb } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { todayIso } from "../order/dates";
import { orderFilterOf, servedRelationsWhere } from "./scope.server";

export type PartyBalance = {
  seller: { id: string; name: string };
  customer: { id: string; name: string };
  openCents: number;
  overdueCents: number;
  openInvoices: number;
  currency: string;
};

type Pair = { sellerId: string; buyerId: string };
const key = (p: Pair) => `${p.sellerId}|${p.buyerId}`;

/**
 * Open balances of the invoices matching `party` (one seller or one buyer), kept to `pairs` when given
 * (a rep agency or distributor: only the customers it serves, for the producer it serves them for).
 */
async function balancesOf(party: Prisma.InvoiceWhereInput, pairs: Pair[] | null, today: string): Promise<PartyBalance[]> {
  if (pairs?.length === 0) return [];
  const db = getDb();
  const where = { ...party, status: "ISSUED", balanceCents: { gt: 0 } };
  const [open, overdue] = await Promise.all([
    db.invoice.groupBy({ by: ["sellerId", "buyerId", "currency"], where, _sum: { balanceCents: true }, _count: { _all: true } }),
    db.invoice.groupBy({ by: ["sellerId", "buyerId"], where: { ...where, dueDate: { lt: today } }, _sum: { balanceCents: true } }),
  ]);
  const wanted = pairs ? new Set(pairs.map(key)) : null;
  const rows = wanted ? open.filter((r) => wanted.has(key(r))) : open;
  if (rows.length === 0) return [];
  const overdueBy = new Map(overdue.map((r) => [key(r), r._sum.balanceCents ?? 0]));
  const orgIds = [...new Set(rows.flatMap((r) => [r.sellerId, r.buyerId]))];
  const names = new Map((await db.organization.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]));
  return rows
    .map((r) => ({
      seller: { id: r.sellerId, name: names.get(r.sellerId) ?? "" },
      customer: { id: r.buyerId, name: names.get(r.buyerId) ?? "" },
      openCents: r._sum.balanceCents ?? 0,
      overdueCents: overdueBy.get(key(r)) ?? 0,
      openInvoices: r._count._all,
      currency: r.currency,
    }))
    .sort((a, b) => b.openCents - a.openCents || a.customer.name.localeCompare(b.customer.name));
}

/** The customers the seller side is owed by, largest balance first. */
export async function listCustomerBalances(actor: OrgActor, today = todayIso()): Promise<PartyBalance[]> {
  requirePermission(actor, "receivables:read");
  const where = servedRelationsWhere(actor);
  if (!where) throw new AppError("not_found", "error.not_found");
  if (actor.orgKind === "PRODUCER") return balancesOf({ sellerId: actor.orgId }, null, today);
  const relations = await getDb().relation.findMany({ where, select: { producerId: true, partnerId: true } });
  const pairs = relations.map((r) => ({ sellerId: r.producerId, buyerId: r.partnerId! }));
  const party = {
    sellerId: { in: [...new Set(pairs.map((p) => p.sellerId))] },
    buyerId: { in: [...new Set(pairs.map((p) => p.buyerId))] },
    order: orderFilterOf(actor)!, // only the invoices it may open (./scope.server.ts)
  };
  return balancesOf(party, pairs, today);
}

/** The suppliers a retailer owes, largest balance first (OWNER and ACCOUNTANT only). */
export async function listSupplierBalances(actor: OrgActor, today = todayIso()): Promise<PartyBalance[]> {
  requirePermission(actor, "receivables:read");
  if (actor.orgKind !== "RETAILER") throw new AppError("not_found", "error.not_found");
  return balancesOf({ buyerId: actor.orgId }, null, today);
}

/** The suppliers a retailer buys from, for the payables page's choice (with or without a balance). */
export async function listSuppliers(actor: OrgActor): Promise<{ id: string; name: string }[]> {
  requirePermission(actor, "receivables:read");
  if (actor.orgKind !== "RETAILER") throw new AppError("not_found", "error.not_found");
  const relations = await getDb().relation.findMany({
    where: { kind: "RETAIL", status: { in: ["ACTIVE", "ENDED"] }, partnerId: actor.orgId },
    select: { producer: { select: { id: true, name: true } } },
    orderBy: { producer: { name: "asc" } },
  });
  return relations.map((r) => r.producer);
}
