// Periodic invoicing (the bakery's month-end): each retail relation has a billing period
// (./billing-period.ts). One invoice covers every DELIVERED order of the relation whose delivery date
// is in the period and that is on no live invoice, published by the one publication of
// ./publish-invoice.server.ts (gapless numbers, hash chain, PDF, emails; every order INVOICED,
// InvoiceOrder rows). Customers invoiced per delivery keep an invoice per order.
//
// Each relation's invoice is one write on the raw connection (writeTransaction): it selects the orders
// inside its transaction, so two concurrent runs never put an order on two invoices — the second one
// finds nothing left to invoice. A relation that cannot be invoiced is reported in `skipped` and does
// not stop the others.
import { z } from "zod";
import { getDb, statement, writeTransaction, connectDb, type Sqlite } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import { requireProducerAction } from "../bakery/access.server";
import { actorCan } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { todayIso } from "../order/dates";
import { publishOrderUpdated, type OrderUpdated } from "../order/order-events";
import type { EventActor } from "../order/order-guard.server";
import { validLock } from "../order/order-view.server";
import { BILLING_PERIODS, periodOf, type BillingPeriod, type Period } from "./billing-period";
import { loadOrderToInvoice, publishInvoiceSync, type OrderToInvoice } from "./publish-invoice.server";
import { billingPeriodInputSchema, invoicePeriodSchema, invoicingPeriodsQuerySchema, invoiceYearQuerySchema } from "./schemas";

export type PeriodOrder = { id: string; number: number; deliveryDate: string; totalCents: number };
export type PeriodCustomer = {
  relationId: string;
  customer: { id: string; name: string };
  billingPeriod: BillingPeriod;
  orderCount: number;
  totalCents: number;
  orders: PeriodOrder[];
};
export type InvoicingPeriods = Period & { period: BillingPeriod; date: string; customers: PeriodCustomer[] };

export type PeriodInvoice = { id: string; number: string; relationId: string; customer: { id: string; name: string }; orders: PeriodOrder[]; totalCents: number };
/** `reason`: nothing_to_invoice, not_found, locked, invalid_transition…; `message`: a message key, with its `params`. */
export type PeriodSkip = { relationId: string; customer: { id: string; name: string } | null; reason: string; message: string; params?: Record<string, unknown> };
export type PeriodInvoicing = { from: string; to: string; invoices: PeriodInvoice[]; skipped: PeriodSkip[] };

const relationRow = z.object({
  id: z.string(),
  status: z.string(),
  billingPeriod: z.enum(BILLING_PERIODS).catch("PER_DELIVERY"),
  partnerId: z.string(),
  partnerName: z.string(),
});
const orderRow = z.object({ id: z.string(), relationId: z.string(), number: z.number(), deliveryDate: z.string(), totalCents: z.number() });

/** The producer's retail customers (standard SQL), by name. */
function retailRelations(db: Sqlite, producerId: string): z.output<typeof relationRow>[] {
  const rows = statement(
    db,
    `SELECT r."id", r."status", r."billingPeriod", r."partnerId", p."name" AS "partnerName"
     FROM "Relation" r JOIN "Organization" p ON p."id" = r."partnerId"
     WHERE r."producerId" = ? AND r."kind" = 'RETAIL' ORDER BY p."name" ASC, r."id" ASC`,
  ).all(producerId);
  return z.array(relationRow).parse(rows);
}

/**
 * The orders to invoice: DELIVERED, delivered in [from, to], on no live invoice, in delivery order —
 * of one relation, or of every relation of the producer (standard SQL).
 */
function ordersToInvoice(db: Sqlite, producerId: string, from: string, to: string, relationId?: string): z.output<typeof orderRow>[] {
  const rows = statement(
    db,
    `SELECT o."id", o."relationId", o."number", o."deliveryDate", o."totalCents" FROM "Order" o
     WHERE o."sellerId" = ? AND o."status" = 'DELIVERED' AND o."deliveryDate" >= ? AND o."deliveryDate" <= ?
       ${relationId ? `AND o."relationId" = ?` : ""}
       AND NOT EXISTS (SELECT 1 FROM "InvoiceOrder" io JOIN "Invoice" i ON i."id" = io."invoiceId"
                       WHERE io."orderId" = o."id" AND i."status" <> 'CANCELLED')
     ORDER BY o."deliveryDate" ASC, o."number" ASC`,
  ).all(producerId, from, to, ...(relationId ? [relationId] : []));
  return z.array(orderRow).parse(rows);
}

/** GET /api/v1/invoicing/periods?period=&date=: per customer, its billing period and what the period has to invoice. */
export async function getInvoicingPeriods(actor: OrgActor, query: unknown): Promise<InvoicingPeriods> {
  const producerId = requireProducerAction(actor, "invoice:publish");
  const input = parseInput(invoicingPeriodsQuerySchema, query);
  const date = input.date ?? todayIso();
  const period = periodOf(date, input.period);
  const db = await connectDb();
  const orders = ordersToInvoice(db, producerId, period.from, period.to);
  const byRelation = new Map<string, PeriodOrder[]>();
  for (const o of orders) {
    const list = byRelation.get(o.relationId) ?? [];
    list.push({ id: o.id, number: o.number, deliveryDate: o.deliveryDate, totalCents: o.totalCents });
    byRelation.set(o.relationId, list);
  }
  const customers = retailRelations(db, producerId)
    .filter((r) => r.status === "ACTIVE" || byRelation.has(r.id))
    .map((r) => {
      const list = byRelation.get(r.id) ?? [];
      return {
        relationId: r.id,
        customer: { id: r.partnerId, name: r.partnerName },
        billingPeriod: r.billingPeriod,
        orderCount: list.length,
        totalCents: list.reduce((sum, o) => sum + o.totalCents, 0),
        orders: list,
      };
    });
  return { period: input.period, date, ...period, customers };
}

type Outcome = { invoices: PeriodInvoice[]; updates: OrderUpdated[]; skip: PeriodSkip | null };

/** One relation's invoices of the period, in its own transaction (the orders are selected inside it). */
function invoiceRelationSync(
  db: Sqlite,
  producerId: string,
  relation: z.output<typeof relationRow>,
  period: { from: string; to: string },
  publisher: { by: { userId: string; orgId: string }; eventActor: EventActor; now: Date },
): Outcome {
  const customer = { id: relation.partnerId, name: relation.partnerName };
  const selected = ordersToInvoice(db, producerId, period.from, period.to, relation.id);
  if (!selected.length) return { invoices: [], updates: [], skip: { relationId: relation.id, customer, reason: "nothing_to_invoice", message: "periodic.skip.nothing" } };
  const orders: OrderToInvoice[] = selected.map((o) => {
    const order = loadOrderToInvoice(db, o.id);
    if (!order) throw new Error(`invoiceRelation: order ${o.id} not found`);
    return order;
  });
  const locked = orders.map((o) => ({ lock: validLock(o, publisher.now), name: o.lockedByName })).find((l) => l.lock && l.lock.id !== publisher.by.userId);
  if (locked) throw new AppError("locked", "periodic.error.locked", { name: locked.name ?? "" });
  // Per delivery: an invoice per order, as at delivery; weekly and monthly: one for the period.
  const groups = relation.billingPeriod === "PER_DELIVERY" ? orders.map((o) => [o]) : [orders];
  const invoices: PeriodInvoice[] = [];
  const updates: OrderUpdated[] = [];
  for (const group of groups) {
    const publication = publishInvoiceSync(db, group, publisher);
    const { number, totalCents } = statement(db, `SELECT "number", "totalCents" FROM "Invoice" WHERE "id" = ?`).get(publication.invoiceId) as { number: string; totalCents: number };
    invoices.push({
      id: publication.invoiceId,
      number,
      relationId: relation.id,
      customer,
      orders: group.map((o) => ({ id: o.id, number: o.number, deliveryDate: o.deliveryDate, totalCents: selected.find((s) => s.id === o.id)!.totalCents })),
      totalCents,
    });
    updates.push(...publication.orderUpdates);
  }
  return { invoices, updates, skip: null };
}

/**
 * POST /api/v1/invoicing/periods/invoice {relations?, from, to}: one invoice per relation for the
 * period (per order for a customer invoiced per delivery), numbered consecutively in customer-name
 * order. Without `relations`: every weekly or monthly customer with something to invoice.
 */
export async function invoicePeriod(actor: OrgActor, input: unknown): Promise<PeriodInvoicing> {
  const producerId = requireProducerAction(actor, "invoice:publish");
  const data = parseInput(invoicePeriodSchema, input);
  const db = await connectDb();
  const all = retailRelations(db, producerId);
  const skipped: PeriodSkip[] = [];
  let chosen: typeof all;
  if (data.relations) {
    const wanted = [...new Set(data.relations)];
    chosen = all.filter((r) => wanted.includes(r.id));
    for (const id of wanted) {
      if (!chosen.some((r) => r.id === id)) skipped.push({ relationId: id, customer: null, reason: "not_found", message: "error.not_found" });
    }
  } else {
    const pending = new Set(ordersToInvoice(db, producerId, data.from, data.to).map((o) => o.relationId));
    chosen = all.filter((r) => r.billingPeriod !== "PER_DELIVERY" && pending.has(r.id));
  }
  const now = new Date();
  const publisher = {
    by: { userId: actor.userId, orgId: actor.orgId },
    eventActor: { userId: actor.userId, userName: actor.userName, orgId: actor.orgId, orgName: actor.orgName },
    now,
  };
  // Queued together: one commit for all, each relation in its own savepoint (writeTransaction).
  const outcomes = await Promise.all(
    chosen.map((relation) =>
      writeTransaction((tx) => invoiceRelationSync(tx, producerId, relation, data, publisher)).catch((error: unknown): Outcome => {
        if (!(error instanceof AppError)) throw error;
        return {
          invoices: [],
          updates: [],
          skip: { relationId: relation.id, customer: { id: relation.partnerId, name: relation.partnerName }, reason: error.code, message: error.message, ...(error.details ? { params: error.details } : {}) },
        };
      }),
    ),
  );
  const invoices: PeriodInvoice[] = [];
  for (const outcome of outcomes) {
    invoices.push(...outcome.invoices);
    outcome.updates.forEach(publishOrderUpdated);
    if (outcome.skip) skipped.push(outcome.skip);
  }
  return { from: data.from, to: data.to, invoices, skipped };
}

/** PUT /api/v1/relations/:id/billing-period {billingPeriod}: the producer sets how a customer is invoiced. */
export async function setBillingPeriod(
  actor: OrgActor,
  relationId: string,
  input: unknown,
): Promise<{ relationId: string; customer: { id: string; name: string }; billingPeriod: BillingPeriod }> {
  const producerId = requireProducerAction(actor, "invoice:publish");
  const { billingPeriod } = parseInput(billingPeriodInputSchema, input);
  return getDb().$transaction(async (tx) => {
    const relation = await tx.relation.findFirst({ where: { id: relationId, producerId, kind: "RETAIL" }, select: { id: true, partner: { select: { id: true, name: true } } } });
    if (!relation?.partner) throw new AppError("not_found", "error.not_found");
    await tx.relation.update({ where: { id: relation.id }, data: { billingPeriod } });
    return { relationId: relation.id, customer: relation.partner, billingPeriod };
  });
}

// ---- The retailer's invoices by year (the seed's supervisor access: OWNER and ACCOUNTANT)

export type YearInvoice = {
  id: string;
  number: string;
  issuedAt: string;
  status: string;
  totalCents: number;
  balanceCents: number;
  currency: string;
  producer: { id: string; name: string };
  orders: { id: string; number: number; deliveryDate: string }[];
};
export type InvoicesByYear = { year: number | null; years: number[]; invoices: YearInvoice[] };

/** The retailer's invoices of one year (default: the latest year with invoices), newest first, with the orders each covers. */
export async function getInvoicesByYear(actor: OrgActor, query: unknown): Promise<InvoicesByYear> {
  if (actor.orgKind !== "RETAILER") throw new AppError("forbidden", "error.forbidden");
  if (!actorCan(actor, "invoice:read")) throw new AppError("forbidden", "error.forbidden");
  const input = parseInput(invoiceYearQuerySchema, query);
  const db = getDb();
  const dates = await db.invoice.findMany({ where: { buyerId: actor.orgId }, select: { issuedAt: true }, distinct: ["issuedAt"] });
  const years = [...new Set(dates.map((d) => d.issuedAt.getFullYear()))].sort((a, b) => b - a);
  const year = input.year ?? years[0] ?? null;
  if (year === null) return { year: null, years, invoices: [] };
  const rows = await db.invoice.findMany({
    where: { buyerId: actor.orgId, issuedAt: { gte: new Date(year, 0, 1), lt: new Date(year + 1, 0, 1) } },
    orderBy: [{ issuedAt: "desc" }, { number: "desc" }],
    select: {
      id: true,
      number: true,
      issuedAt: true,
      status: true,
      totalCents: true,
      balanceCents: true,
      currency: true,
      orderId: true,
      sellerOrg: { select: { id: true, name: true } },
      orders: { select: { orderId: true, position: true }, orderBy: { position: "asc" } },
    },
  });
  const orderIds = [...new Set(rows.flatMap((r) => (r.orders.length ? r.orders.map((o) => o.orderId) : [r.orderId])))];
  const orders = new Map<string, { id: string; number: number; deliveryDate: string }>();
  for (let start = 0; start < orderIds.length; start += 500) {
    const found = await db.order.findMany({ where: { id: { in: orderIds.slice(start, start + 500) }, buyerId: actor.orgId }, select: { id: true, number: true, deliveryDate: true } });
    for (const o of found) orders.set(o.id, o);
  }
  return {
    year,
    years: years.includes(year) ? years : [...years, year].sort((a, b) => b - a),
    invoices: rows.map((r) => ({
      id: r.id,
      number: r.number,
      issuedAt: r.issuedAt.toISOString(),
      status: r.status,
      totalCents: r.totalCents,
      balanceCents: r.balanceCents,
      currency: r.currency,
      producer: r.sellerOrg,
      orders: (r.orders.length ? r.orders.map((o) => o.orderId) : [r.orderId]).flatMap((id) => orders.get(id) ?? []),
    })),
  };
}

/**
 * The orders an invoice the actor has just read (getInvoice checked it may) covers, in order, when it
 * covers more than one (a billing period's invoice); empty for an invoice of one order.
 */
export async function coveredOrdersOf(invoice: { id: string; seller: { id: string } }): Promise<{ id: string; number: number; deliveryDate: string }[]> {
  const db = getDb();
  const covered = await db.invoiceOrder.findMany({ where: { invoiceId: invoice.id }, orderBy: [{ position: "asc" }, { orderId: "asc" }], select: { orderId: true } });
  if (covered.length <= 1) return [];
  const orders = await db.order.findMany({ where: { id: { in: covered.map((c) => c.orderId) }, sellerId: invoice.seller.id }, select: { id: true, number: true, deliveryDate: true } });
  return covered.flatMap((c) => orders.find((o) => o.id === c.orderId) ?? []);
}
