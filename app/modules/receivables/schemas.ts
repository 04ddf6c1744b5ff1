// Receivables (seller side) and payables (retailer side): the ledger query and its answer.
import { z } from "zod";
import { isIsoDate } from "../order/dates";

export const LEDGER_ENTRY_TYPES = ["INVOICE", "CREDIT_NOTE", "PAYMENT", "PAYMENT_REVERSAL", "UNALLOCATED"] as const;
export type LedgerEntryType = (typeof LEDGER_ENTRY_TYPES)[number];

const optionalId = z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().min(1).max(64).optional());
const optionalDate = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z.string().refine(isIsoDate, "field.invalid").optional(),
);

/** Filters of a ledger: dates (YYYY-MM-DD, inclusive) and one type of entry; they hide rows, never change balances. */
export const ledgerFiltersSchema = z
  .object({
    from: optionalDate.describe("First day shown (YYYY-MM-DD)"),
    to: optionalDate.describe("Last day shown (YYYY-MM-DD)"),
    type: z.preprocess((v) => (v === "" ? undefined : v), z.enum(LEDGER_ENTRY_TYPES).optional()).describe("Only this type of entry"),
    // A rep agency or distributor serving the customer for several producers names the producer.
    seller: optionalId,
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "receivables.error.dateRange" });
export type LedgerFilters = z.output<typeof ledgerFiltersSchema>;

/** GET /api/v1/receivables: `customer` (the seller side) or `supplier` (the retailer's payables). */
export const receivablesQuerySchema = z
  .object({
    customer: optionalId.describe("Seller side: the customer organization"),
    seller: optionalId.describe("Rep agency or distributor serving the customer for several producers: which producer's ledger"),
    supplier: optionalId.describe("Retailer side (payables): the producer"),
    from: optionalDate.describe("First day shown (YYYY-MM-DD)"),
    to: optionalDate.describe("Last day shown (YYYY-MM-DD)"),
    type: z.preprocess((v) => (v === "" ? undefined : v), z.enum(LEDGER_ENTRY_TYPES).optional()).describe("Only this type of entry"),
  })
  .refine((q) => Boolean(q.customer) !== Boolean(q.supplier), { path: ["customer"], message: "receivables.error.customerOrSupplier" })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "receivables.error.dateRange" });

const orgRef = z.object({ id: z.string(), name: z.string() });

export const ledgerEntrySchema = z.object({
  date: z.string().describe("ISO timestamp: issue date of a document, payment date, or when a payment was deleted"),
  type: z.enum(LEDGER_ENTRY_TYPES).describe(
    "INVOICE (+), CREDIT_NOTE (−), PAYMENT (−); extensions: PAYMENT_REVERSAL (+, a deleted payment, on the day it was deleted), " +
      "UNALLOCATED (−, an online payment no open invoice could take)",
  ),
  id: z.string(),
  number: z.string().nullable().describe("Document number; a payment's reference; the Stripe session of an unallocated payment"),
  amountCents: z.number().int().describe("Signed: what the entry adds to (+) or takes from (−) the balance"),
  balanceCents: z.number().int().describe("The customer's balance after this entry (every entry counted, filters or not)"),
  invoiceId: z.string().nullable().describe("Extension: the invoice a credit note reduces"),
  orderId: z.string().nullable().describe("Extension: the order of an invoice or credit note"),
  dueDate: z.string().nullable().describe("Extension: an invoice's due date"),
  status: z.string().nullable().describe("Extension: an invoice's status"),
  openCents: z.number().int().nullable().describe("Extension: an invoice's open balance"),
  method: z.string().nullable().describe("Extension: a payment's method"),
  source: z.string().nullable().describe("Extension: MANUAL or STRIPE"),
});

export const ledgerResponseSchema = z.object({
  seller: orgRef,
  customer: orgRef,
  currency: z.string(),
  entries: z.array(ledgerEntrySchema),
  balanceCents: z.number().int().describe("What the customer owes now (negative: a credit in its favour)"),
  openingBalanceCents: z.number().int().describe("Extension: the balance before the first day shown (0 without `from`)"),
  ageing: z.object({
    currentCents: z.number().int().describe("Open balances not yet due or 0–29 days past due"),
    d30Cents: z.number().int().describe("30–59 days past due"),
    d60Cents: z.number().int().describe("60–89 days past due"),
    d90Cents: z.number().int().describe("90 days past due or more"),
  }),
  overdueCents: z.number().int().describe("Extension: open balances past their due date"),
  unallocatedCents: z.number().int().describe("Extension: online payments received that no open invoice could take"),
});
