// The invoice, credit-note and payment routes (../shared/api.md, "Invoices, credit notes, payments"),
// described with the zod schemas that validate them; the OpenAPI document is generated from these.
import { z } from "zod";
import type { ApiRouteSpec } from "../api/route-spec";
import { invoicePaymentSchema, PAYMENT_METHODS, PAYMENT_SOURCES } from "../payment/schemas";
import { LINE_KINDS } from "../pricing/totals";
import { cancelInvoiceSchema, CREDIT_NOTE_KINDS, creditNoteSchema, INVOICE_STATUSES, publishInvoiceSchema } from "./schemas";

const int = () => z.number().int();

const party = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  taxNumber: z.string().nullable(),
});

const invoiceLine = z.object({
  id: z.string().describe("The id of the order line this frozen line copies"),
  kind: z.enum(LINE_KINDS),
  formatId: z.string().nullable(),
  description: z.string(),
  quantity: int(),
  unitPrice4: int().describe("1/10,000 of the currency unit"),
  discountBps: int(),
  taxRateBps: int(),
  depositCents: int().describe("Per unit"),
  totalCents: int().describe("Net of discount, before tax and deposit"),
  receivedQuantity: int().nullable().describe("Extension: confirmed at delivery"),
  creditedQuantity: int().describe("Extension: already credited by credit notes for goods not delivered"),
});

export const creditNoteApiSchema = z.object({
  id: z.string(),
  number: z.string().describe("AV-<year>-<6 digits>, gapless per seller"),
  invoiceId: z.string(),
  totalCents: int().describe("The amount credited (positive)"),
  note: z.string(),
  lines: z.array(
    z.object({
      lineId: z.string(),
      description: z.string(),
      quantity: int(),
      unitPrice4: int(),
      discountBps: int(),
      taxRateBps: int(),
      depositCents: int(),
      totalCents: int(),
    }),
  ),
  kind: z.enum(CREDIT_NOTE_KINDS),
  issuedAt: z.string(),
  currency: z.string(),
  subtotalCents: int(),
  discountCents: int(),
  taxCents: int(),
  depositCents: int(),
});

export const invoiceApiSchema = z.object({
  id: z.string(),
  number: z.string().describe("F-<year>-<6 digits>, gapless per seller"),
  orderId: z.string(),
  status: z.enum(INVOICE_STATUSES),
  issuedAt: z.string(),
  dueDate: z.string().describe("YYYY-MM-DD: issue date + the relation's payment terms"),
  lines: z.array(invoiceLine),
  totalCents: int(),
  creditedCents: int(),
  paidCents: int(),
  balanceCents: int(),
  // Extensions
  orderNumber: int(),
  currency: z.string(),
  locale: z.string().describe("The buyer's language at publication"),
  paymentTermsDays: int(),
  deliveryDate: z.string(),
  seller: party.describe("As at publication"),
  buyer: party.describe("As at publication"),
  subtotalCents: int(),
  discountCents: int(),
  taxCents: int(),
  depositCents: int(),
  taxesEnabled: z.boolean(),
  depositsEnabled: z.boolean(),
  paidAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  chainPosition: int().describe("Place in the seller's hash chain of invoices and credit notes"),
  contentHash: z.string().describe("SHA-256 of the canonical content (npm run verify-ledger)"),
  creditNotes: z.array(creditNoteApiSchema),
  payments: z.array(
    z.object({
      id: z.string(),
      amountCents: int().describe("The part settling this invoice"),
      paymentAmountCents: int().describe("The whole payment"),
      method: z.enum(PAYMENT_METHODS),
      reference: z.string(),
      paidAt: z.string(),
      source: z.enum(PAYMENT_SOURCES),
      deletedAt: z.string().nullable(),
    }),
  ),
  viewerSide: z.enum(["seller", "buyer", "rep", "distributor"]),
  actions: z.array(z.enum(["cancel", "creditNote", "recordPayment", "deletePayment"])).describe("What the token's user may do now"),
});

const paymentApiSchema = z.object({
  id: z.string(),
  invoiceId: z.string(),
  amountCents: int(),
  method: z.enum(PAYMENT_METHODS),
  reference: z.string(),
  paidAt: z.string(),
});

export const invoiceApiRoutes: ApiRouteSpec[] = [
  {
    method: "post",
    path: "/api/v1/orders/{id}/invoice",
    tag: "invoices",
    summary:
      "Publishes the invoice of a DELIVERED order (seller side, by role): next gapless number of the seller, frozen copy of the lines and totals, " +
      "due date from the payment terms. The order becomes INVOICED and frozen. 409 invalid_transition unless delivered, 409 conflict on a stale version, 423 while locked.",
    body: publishInvoiceSchema,
    response: invoiceApiSchema,
    status: 201,
  },
  {
    method: "get",
    path: "/api/v1/invoices/{id}",
    tag: "invoices",
    summary: "One invoice with its credit notes and payments (seller side; on the retailer side OWNER and ACCOUNTANT only).",
    response: invoiceApiSchema,
  },
  {
    method: "post",
    path: "/api/v1/invoices/{id}/cancel",
    tag: "invoices",
    summary:
      "Cancels the invoice by a full credit note (its number stays used); the order goes back to DELIVERED. " +
      "409 invalid_transition while the invoice has payments (delete them first) or credit notes.",
    body: cancelInvoiceSchema,
    response: invoiceApiSchema.extend({ creditNote: creditNoteApiSchema }),
  },
  {
    method: "post",
    path: "/api/v1/invoices/{id}/credit-notes",
    tag: "invoices",
    summary:
      "Issues a credit note (seller side): `lines` (goods not delivered, at the invoice's prices, discounts, taxes and deposits) or `amountCents`, " +
      "with a mandatory note. Above the open balance or the quantity left on a line → 400 naming the field. Retailer → 403. " +
      "An `Idempotency-Key` header makes a retry (even a concurrent one) return the first credit note (201); the same key on another invoice → 400 naming the header.",
    body: creditNoteSchema,
    response: creditNoteApiSchema,
    status: 201,
  },
  {
    method: "post",
    path: "/api/v1/invoices/{id}/payments",
    tag: "invoices",
    summary:
      "Records a payment (seller side); partial payments are fine, never above the balance (400). When credits and payments cover the total, the invoice and its order become PAID. " +
      "An `Idempotency-Key` header makes a retry (even a concurrent one) return the first payment (201); the same key on another invoice → 400 naming the header.",
    body: invoicePaymentSchema,
    response: paymentApiSchema,
    status: 201,
  },
];
