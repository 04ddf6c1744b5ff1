// The home page's money tiles: how many invoices wait and for how much, counted and summed by the
// database (one grouped read each, never the rows):
// - the seller side's overdue invoices (ISSUED, a balance, due before today), on the receivables it
//   may read (./scope.server.ts): a producer's own, through Invoice [sellerId, status, dueDate]; a rep
//   agency's or distributor's, through its INVOICED orders (Order [repId|distributorId, status, …]:
//   an open invoice's order is INVOICED), kept to the customers it serves as on the receivables page;
// - a retailer's invoices to pay (OWNER and ACCOUNTANT), through its INVOICED orders
//   (Order [buyerId, status, …]), so that its paid invoices are never read.
// Null when the actor may not see them (its role or its kind of organization).
import type { Prisma } from "@prisma/client";
import { getDb } from "~/utils/db.server";
import { actorCan } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { todayIso } from "../order/dates";
import { orderFilterOf, servedRelationsWhere } from "./scope.server";

/** How many invoices, and their open balance per currency (a rep may serve producers in several). */
export type DueSummary = { count: number; totals: { currency: string; cents: number }[] };

const OPEN: Prisma.InvoiceWhereInput = { status: "ISSUED", balanceCents: { gt: 0 } };

type Group = { currency: string; _count: { _all: number }; _sum: { balanceCents: number | null } };

function summaryOf(groups: readonly Group[]): DueSummary {
  const totals = new Map<string, number>();
  let count = 0;
  for (const g of groups) {
    count += g._count._all;
    totals.set(g.currency, (totals.get(g.currency) ?? 0) + (g._sum.balanceCents ?? 0));
  }
  return { count, totals: [...totals].map(([currency, cents]) => ({ currency, cents })).sort((a, b) => a.currency.localeCompare(b.currency)) };
}

/** The overdue invoices of the seller side (producer, rep agency, distributor) with `receivables:read`. */
export async function summarizeOverdueReceivables(actor: OrgActor, today = todayIso()): Promise<DueSummary | null> {
  const served = servedRelationsWhere(actor);
  if (!served || !actorCan(actor, "receivables:read")) return null;
  const db = getDb();
  const overdue: Prisma.InvoiceWhereInput = { ...OPEN, dueDate: { lt: today } };
  if (actor.orgKind === "PRODUCER") {
    const groups = await db.invoice.groupBy({ by: ["currency"], where: { ...overdue, sellerId: actor.orgId }, _count: { _all: true }, _sum: { balanceCents: true } });
    return summaryOf(groups);
  }
  const relations = await db.relation.findMany({ where: served, select: { producerId: true, partnerId: true } });
  if (relations.length === 0) return { count: 0, totals: [] };
  const pairs = new Set(relations.map((r) => `${r.producerId}|${r.partnerId}`));
  const groups = await db.invoice.groupBy({
    by: ["sellerId", "buyerId", "currency"],
    where: { ...overdue, order: { ...orderFilterOf(actor), status: "INVOICED" } },
    _count: { _all: true },
    _sum: { balanceCents: true },
  });
  return summaryOf(groups.filter((g) => pairs.has(`${g.sellerId}|${g.buyerId}`)));
}

/** The open invoices a retailer has to pay, for the members who see its payables. */
export async function summarizePayables(actor: OrgActor): Promise<DueSummary | null> {
  if (actor.orgKind !== "RETAILER" || !actorCan(actor, "receivables:read")) return null;
  const groups = await getDb().invoice.groupBy({
    by: ["currency"],
    // The invoice's buyer is its order's: read from the order side, its paid invoices stay unread.
    where: { ...OPEN, order: { buyerId: actor.orgId, status: "INVOICED" } },
    _count: { _all: true },
    _sum: { balanceCents: true },
  });
  return summaryOf(groups);
}
