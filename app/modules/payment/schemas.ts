// Payments recorded by the seller side (../shared/api.md, "Invoices, credit notes, payments").
import { z } from "zod";
import { MAX_DOCUMENT_CENTS } from "~/utils/money";

export const PAYMENT_METHODS = ["CASH", "CHEQUE", "TRANSFER", "CARD", "OTHER"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_SOURCES = ["MANUAL", "STRIPE"] as const;
export type PaymentSource = (typeof PAYMENT_SOURCES)[number];

const digitsToNumber = (v: unknown) => (typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v.trim()) : v);
const amountCents = z
  .preprocess(digitsToNumber, z.number().int().min(1).max(MAX_DOCUMENT_CENTS))
  .describe("1 to 1,000,000,000,000 cents (10,000,000,000.00), and at most the balance");
const reference = z.string().trim().max(200).optional().default("");
/** A date (YYYY-MM-DD, noon UTC so that it stays the same day everywhere) or a full timestamp. */
const paidAt = z
  .union([z.iso.date().transform((d) => new Date(`${d}T12:00:00Z`)), z.iso.datetime({ offset: true }).transform((d) => new Date(d))])
  .optional();

/** POST /api/v1/invoices/:id/payments */
export const invoicePaymentSchema = z.object({
  amountCents,
  method: z.enum(PAYMENT_METHODS),
  reference,
  paidAt: z.preprocess((v) => (v === "" ? undefined : v), paidAt),
});
export type InvoicePaymentInput = z.output<typeof invoicePaymentSchema>;

/** One payment of a customer over several of its open invoices (oldest due first unless given). */
export const customerPaymentSchema = z.object({
  buyerId: z.string().min(1).describe("The customer"),
  sellerId: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).optional()).describe("The producer paid (default: the acting organization)"),
  amountCents,
  method: z.enum(PAYMENT_METHODS),
  reference,
  paidAt: z.preprocess((v) => (v === "" ? undefined : v), paidAt),
  allocations: z.array(z.object({ invoiceId: z.string().min(1), amountCents })).min(1).max(500).optional(),
});
export type CustomerPaymentInput = z.output<typeof customerPaymentSchema>;

export type PaymentView = {
  id: string;
  invoiceId: string;
  amountCents: number;
  method: PaymentMethod;
  reference: string;
  paidAt: string;
};
