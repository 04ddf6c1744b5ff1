import type { ApiRouteSpec } from "../api/route-spec";

/** The invoice and credit note PDFs. */
export const invoiceDocumentsApiRoutes: ApiRouteSpec[] = [
  {
    method: "get",
    path: "/api/v1/invoices/{id}/invoice.pdf",
    tag: "invoices",
    summary:
      "The invoice as an A4 PDF, in the buyer's language, drawn from the published invoice only (frozen lines, taxes by rate, deposits, totals, payment terms and due date; what was credited or paid later is not on it). Parties of the order with invoice:read may read it (on the retailer side OWNER and ACCOUNTANT: STAFF gets 403); another organization's invoice answers 404.",
    produces: "application/pdf",
  },
  {
    method: "get",
    path: "/api/v1/credit-notes/{id}/credit-note.pdf",
    tag: "invoices",
    summary:
      "The credit note as an A4 PDF, in the buyer's language: its number, the invoice it credits, the reconciliation note, the credited lines or free amount and the totals. Same access as the invoice PDF.",
    produces: "application/pdf",
  },
];
