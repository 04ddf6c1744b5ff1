// The invoice object of the API (../shared/api.md, "Invoices, credit notes, payments") and the invoice
// page: the contract's fields first, then extensions.
import type { PaymentMethod, PaymentSource } from "../payment/schemas";
import type { LineKind } from "../pricing/totals";
import type { OrderSide } from "../order/status-machine";
import type { CreditNoteKind, InvoiceStatus } from "./schemas";

/** A party as it was at publication. */
export type PartySnapshot = { id: string; name: string; address: string | null; email: string | null; phone: string | null; taxNumber: string | null };

/** A frozen line; `id` is the id of the order line it copies. */
export type InvoiceLineView = {
  id: string;
  kind: LineKind;
  formatId: string | null;
  description: string;
  quantity: number;
  unitPrice4: number;
  discountBps: number;
  taxRateBps: number;
  depositCents: number;
  totalCents: number;
  // Extensions
  receivedQuantity: number | null;
  /** Already credited by credit notes for goods not delivered. */
  creditedQuantity: number;
};

export type CreditNoteLineView = {
  lineId: string;
  description: string;
  quantity: number;
  unitPrice4: number;
  discountBps: number;
  taxRateBps: number;
  depositCents: number;
  totalCents: number;
};

/** POST /api/v1/invoices/:id/credit-notes answers this (contract: id, number, invoiceId, totalCents, note, lines). */
export type CreditNoteView = {
  id: string;
  number: string;
  invoiceId: string;
  totalCents: number;
  note: string;
  lines: CreditNoteLineView[];
  // Extensions
  kind: CreditNoteKind;
  issuedAt: string;
  currency: string;
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  depositCents: number;
};

export type InvoicePaymentView = {
  id: string;
  /** The part of the payment that settles this invoice. */
  amountCents: number;
  /** The whole payment (it may settle several invoices). */
  paymentAmountCents: number;
  method: PaymentMethod;
  reference: string;
  paidAt: string;
  source: PaymentSource;
  deletedAt: string | null;
};

export type InvoiceAction = "cancel" | "creditNote" | "recordPayment" | "deletePayment";

export type InvoiceView = {
  id: string;
  number: string;
  orderId: string;
  status: InvoiceStatus;
  issuedAt: string;
  dueDate: string;
  lines: InvoiceLineView[];
  totalCents: number;
  creditedCents: number;
  paidCents: number;
  balanceCents: number;
  // Extensions
  orderNumber: number;
  currency: string;
  locale: string;
  paymentTermsDays: number;
  deliveryDate: string;
  seller: PartySnapshot;
  buyer: PartySnapshot;
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  depositCents: number;
  taxesEnabled: boolean;
  depositsEnabled: boolean;
  paidAt: string | null;
  cancelledAt: string | null;
  chainPosition: number;
  contentHash: string;
  creditNotes: CreditNoteView[];
  payments: InvoicePaymentView[];
  viewerSide: OrderSide;
  /** What the viewing user may do now. */
  actions: InvoiceAction[];
};

/** The cancellation answers the cancelled invoice and the full credit note it issued. */
export type CancelledInvoiceView = InvoiceView & { creditNote: CreditNoteView };
