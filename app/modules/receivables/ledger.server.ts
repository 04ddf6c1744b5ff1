// The ledger of one (seller, customer) pair: every invoice, credit note and payment in date order with
// the running balance, what is open by age, and what online payments left unallocated.
//   INVOICE          + its total, on its issue date (a cancelled invoice too: its cancellation credit
//                      note takes the same amount off)
//   CREDIT_NOTE      − its total, on its issue date
//   PAYMENT          − its amount, on its payment date (a deleted payment too, because it was received …)
//   PAYMENT_REVERSAL + the amount of a deleted payment, on the day it was deleted (… and then reversed:
//                      the trace stays, the balance is right after both)
//   UNALLOCATED      − the part of an online payment that no open invoice could take (paid otherwise
//                      meanwhile): a credit in the customer's favour until refunded or settled by hand
// Same-instant entries go invoices first, then credit notes, payments, reversals. The running balance
// counts every entry; the filters (dates, type) only hide rows, so a shown balance is always the real
// balance after that entry. Four indexed reads per ledger (Invoice, CreditNote, Payment and
// CheckoutSession on [sellerId, buyerId, date]) in one read transaction: no query per row.
import { getDb } from "~/utils/db.server";
import { parseInput } from "~/utils/validation";
import type { OrgActor } from "../org/actor";
import { startOfDay, startOfNextDay, todayIso } from "../order/dates";
import { ageingOf, daysPastDue, type Ageing } from "./ageing";
import { ledgerFiltersSchema, receivablesQuerySchema, type LedgerEntryType, type LedgerFilters } from "./schemas";
import { buyerScope, sellerScope, type LedgerScope } from "./scope.server";

export type LedgerEntry = {
  date: string;
  type: LedgerEntryType;
  id: string;
  number: string | null;
  amountCents: number;
  balanceCents: number;
  invoiceId: string | null;
  orderId: string | null;
  dueDate: string | null;
  status: string | null;
  openCents: number | null;
  method: string | null;
  source: string | null;
};

export type Ledger = {
  seller: { id: string; name: string };
  customer: { id: string; name: string };
  currency: string;
  entries: LedgerEntry[];
  balanceCents: number;
  openingBalanceCents: number;
  ageing: Ageing;
  overdueCents: number;
  unallocatedCents: number;
};

export type LedgerView = Ledger & { side: LedgerScope["side"]; openInvoices: OpenInvoiceRow[] };
export type OpenInvoiceRow = { id: string; orderId: string; number: string; issuedAt: string; dueDate: string; totalCents: number; balanceCents: number; daysPastDue: number };

const TYPE_RANK: Record<LedgerEntryType, number> = { INVOICE: 0, CREDIT_NOTE: 1, PAYMENT: 2, PAYMENT_REVERSAL: 3, UNALLOCATED: 4 };

const EMPTY = { invoiceId: null, orderId: null, dueDate: null, status: null, openCents: null, method: null, source: null };

/** GET /api/v1/receivables: `customer` for the seller side, `supplier` for the retailer's payables. */
export async function getReceivables(actor: OrgActor, query: unknown): Promise<Ledger> {
  const q = parseInput(receivablesQuerySchema, query);
  const scope = q.supplier ? await buyerScope(actor, q.supplier) : await sellerScope(actor, q.customer!, q.seller);
  const { openInvoices: _open, side: _side, ...ledger } = await buildLedger(scope, { from: q.from, to: q.to, type: q.type });
  return ledger;
}

/** The ledger of a customer (seller side), for the receivables page and its CSV. */
export async function getCustomerLedger(actor: OrgActor, customerId: string, filters: unknown): Promise<LedgerView> {
  const f = parseInput(ledgerFiltersSchema, filters);
  return buildLedger(await sellerScope(actor, customerId, f.seller), f);
}

/** The ledger of a supplier (retailer side), for the payables page. */
export async function getSupplierLedger(actor: OrgActor, supplierId: string, filters: unknown): Promise<LedgerView> {
  const f = parseInput(ledgerFiltersSchema, filters);
  return buildLedger(await buyerScope(actor, supplierId), f);
}

async function buildLedger(scope: LedgerScope, filters: LedgerFilters, today = todayIso()): Promise<LedgerView> {
  const pair = { sellerId: scope.seller.id, buyerId: scope.customer.id };
  const documents = scope.orderFilter ? { ...pair, order: scope.orderFilter } : pair;
  const db = getDb();
  const [invoices, creditNotes, payments, checkouts] = await db.$transaction([
    db.invoice.findMany({
      where: documents,
      select: { id: true, number: true, issuedAt: true, dueDate: true, status: true, totalCents: true, balanceCents: true, currency: true, orderId: true },
      orderBy: { issuedAt: "asc" },
    }),
    db.creditNote.findMany({
      where: documents,
      select: { id: true, number: true, issuedAt: true, totalCents: true, invoiceId: true, orderId: true },
      orderBy: { issuedAt: "asc" },
    }),
    // A rep agency or distributor: each payment counts for what it allocated to the invoices it sees.
    db.payment.findMany({
      where: scope.orderFilter ? { ...pair, allocations: { some: { invoice: documents } } } : pair,
      select: {
        id: true,
        amountCents: true,
        paidAt: true,
        reference: true,
        method: true,
        source: true,
        externalId: true,
        deletedAt: true,
        ...(scope.orderFilter ? { allocations: { where: { invoice: documents }, select: { amountCents: true } } } : {}),
      },
      orderBy: { paidAt: "asc" },
    }),
    db.checkoutSession.findMany({
      where: { ...pair, status: "OVERPAID" },
      select: { id: true, stripeSessionId: true, amountCents: true, completedAt: true, createdAt: true },
    }),
  ]);

  type Draft = Omit<LedgerEntry, "balanceCents"> & { at: number };
  const drafts: Draft[] = [];
  for (const i of invoices) {
    drafts.push({
      ...EMPTY,
      at: i.issuedAt.getTime(),
      date: i.issuedAt.toISOString(),
      type: "INVOICE",
      id: i.id,
      number: i.number,
      amountCents: i.totalCents,
      orderId: i.orderId,
      dueDate: i.dueDate,
      status: i.status,
      openCents: i.balanceCents,
    });
  }
  for (const c of creditNotes) {
    drafts.push({ ...EMPTY, at: c.issuedAt.getTime(), date: c.issuedAt.toISOString(), type: "CREDIT_NOTE", id: c.id, number: c.number, amountCents: -c.totalCents, invoiceId: c.invoiceId, orderId: c.orderId });
  }
  const paidBySession = new Map<string, number>();
  for (const row of payments) {
    const p = "allocations" in row && row.allocations ? { ...row, amountCents: row.allocations.reduce((sum, a) => sum + a.amountCents, 0) } : row;
    const common = { ...EMPTY, id: p.id, number: p.reference || null, method: p.method, source: p.source };
    drafts.push({ ...common, at: p.paidAt.getTime(), date: p.paidAt.toISOString(), type: "PAYMENT", amountCents: -p.amountCents });
    if (p.deletedAt) {
      drafts.push({ ...common, at: p.deletedAt.getTime(), date: p.deletedAt.toISOString(), type: "PAYMENT_REVERSAL", amountCents: p.amountCents });
    } else if (p.externalId) {
      paidBySession.set(p.externalId, p.amountCents);
    }
  }
  let unallocatedCents = 0;
  // Unallocated money belongs to no order: it shows in the producer's and the retailer's ledgers only.
  for (const c of scope.orderFilter ? [] : checkouts) {
    const rest = c.amountCents - (paidBySession.get(c.stripeSessionId) ?? 0);
    if (rest <= 0) continue;
    unallocatedCents += rest;
    const when = c.completedAt ?? c.createdAt;
    drafts.push({ ...EMPTY, at: when.getTime(), date: when.toISOString(), type: "UNALLOCATED", id: c.id, number: c.stripeSessionId, amountCents: -rest, source: "STRIPE" });
  }
  drafts.sort((a, b) => a.at - b.at || TYPE_RANK[a.type] - TYPE_RANK[b.type] || (a.number ?? a.id).localeCompare(b.number ?? b.id));

  const fromMs = filters.from ? startOfDay(filters.from).getTime() : -Infinity;
  const toMs = filters.to ? startOfNextDay(filters.to).getTime() : Infinity;
  let balance = 0;
  let openingBalanceCents = 0;
  const entries: LedgerEntry[] = [];
  for (const { at, ...draft } of drafts) {
    balance += draft.amountCents;
    if (at < fromMs) openingBalanceCents = balance;
    if (at < fromMs || at >= toMs || (filters.type && draft.type !== filters.type)) continue;
    entries.push({ ...draft, balanceCents: balance });
  }

  const { overdueCents, ...ageing } = ageingOf(invoices, today);
  const openInvoices = invoices
    .filter((i) => i.status === "ISSUED" && i.balanceCents > 0)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.issuedAt.getTime() - b.issuedAt.getTime())
    .map((i) => ({
      id: i.id,
      orderId: i.orderId,
      number: i.number,
      issuedAt: i.issuedAt.toISOString(),
      dueDate: i.dueDate,
      totalCents: i.totalCents,
      balanceCents: i.balanceCents,
      daysPastDue: daysPastDue(i.dueDate, today),
    }));

  return {
    side: scope.side,
    seller: scope.seller,
    customer: scope.customer,
    currency: invoices.at(-1)?.currency ?? scope.currency,
    entries,
    balanceCents: balance,
    openingBalanceCents,
    ageing,
    overdueCents,
    unallocatedCents,
    openInvoices,
  };
}
