// zod schemas of the invoice services, shared by the invoice page and the JSON API
// (../shared/api.md, "Invoices, credit notes, payments"). Numbers may come as JSON numbers or as digit
// strings (form posts); anything else is 400 validation_failed naming the field.
import { z } from "zod";
import { MAX_DOCUMENT_CENTS } from "~/utils/money";
import { dateSchema, MAX_QUANTITY, versionSchema } from "../order/schemas";
import { billingPeriodSchema } from "./billing-period";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const digitsToNumber = (v: unknown) => (typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v.trim()) : v);

export const INVOICE_STATUSES = ["ISSUED", "PAID", "CANCELLED"] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export const CREDIT_NOTE_KINDS = ["LINES", "AMOUNT", "CANCELLATION"] as const;
export type CreditNoteKind = (typeof CREDIT_NOTE_KINDS)[number];

/** POST /api/v1/orders/:id/invoice */
export const publishInvoiceSchema = z.object({ version: versionSchema });

/** POST /api/v1/invoices/:id/cancel */
export const cancelInvoiceSchema = z.object({
  reason: z.preprocess(blankToUndefined, z.string().trim().max(1000).optional()).describe("Kept as the cancellation credit note's note"),
});

/** POST /api/v1/invoices/:id/credit-notes: exactly one of `lines` and `amountCents`. */
export const creditNoteSchema = z.object({
  lines: z
    .array(
      z.object({
        lineId: z.string().trim().min(1).max(64).describe("An invoice.lines[].id"),
        quantity: z.preprocess(digitsToNumber, z.number().int().min(1).max(MAX_QUANTITY)),
      }),
    )
    .min(1)
    .max(500)
    .optional()
    .describe("Goods not delivered: invoice lines and quantities, credited at the invoice's prices, discounts, taxes and deposits"),
  amountCents: z.preprocess(blankToUndefined, z.preprocess(digitsToNumber, z.number().int().min(1).max(MAX_DOCUMENT_CENTS)).optional()).describe("A free amount, taxes included"),
  note: z.string().trim().min(1).max(2000).describe("The reconciliation note (mandatory)"),
});
export type CreditNoteInput = z.output<typeof creditNoteSchema>;

// ---- Periodic invoicing (./periodic-invoices.server.ts, ./periodic-api-spec.ts)

const idList = z.preprocess(
  (v) => (typeof v === "string" ? [v] : v),
  z.array(z.string().trim().min(1).max(64)).min(1).max(2000),
);

/** GET /api/v1/invoicing/periods?period=&date= (the page's filter too). */
export const invoicingPeriodsQuerySchema = z.object({
  period: z.preprocess(blankToUndefined, billingPeriodSchema.default("MONTHLY")).describe("The kind of period: PER_DELIVERY, WEEKLY (ISO week) or MONTHLY (default)"),
  date: z.preprocess(blankToUndefined, dateSchema.optional()).describe("A date in the period, YYYY-MM-DD (default: today)"),
});

/** POST /api/v1/invoicing/periods/invoice */
export const invoicePeriodSchema = z
  .object({
    relations: idList.optional().describe("The customer relations to invoice (default: every weekly or monthly customer with something to invoice)"),
    from: dateSchema.describe("First delivery date of the period, YYYY-MM-DD"),
    to: dateSchema.describe("Last delivery date of the period, YYYY-MM-DD"),
  })
  .refine((v) => v.from <= v.to, { path: ["to"], message: "periodic.error.range" });

/** PUT /api/v1/relations/:id/billing-period */
export const billingPeriodInputSchema = z.object({ billingPeriod: billingPeriodSchema.describe("PER_DELIVERY, WEEKLY or MONTHLY") });

/** The retailer's invoices by year (GET ?year=). */
export const invoiceYearQuerySchema = z.object({
  year: z.preprocess(blankToUndefined, z.preprocess(digitsToNumber, z.number().int().min(2000).max(2999).optional())).describe("The year of issue (default: the latest year with invoices)"),
});

/** The periodic-invoicing page's "Invoice the selected" form: at least one customer ticked. */
export const invoiceSelectedFormSchema = z
  .object({
    relations: z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(z.string().trim().min(1).max(64)).min(1, "periodic.error.noneSelected").max(2000)),
    from: dateSchema,
    to: dateSchema,
  })
  .refine((v) => v.from <= v.to, { path: ["to"], message: "periodic.error.range" });

/** The periodic-invoicing page's per-customer billing-period form. */
export const billingPeriodFormSchema = billingPeriodInputSchema.extend({ relationId: z.string().trim().min(1).max(64) });
