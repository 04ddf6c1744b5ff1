// GET /api/v1/receivables (../shared/api.md, "Invoices, credit notes, payments, receivables").
import type { ApiRouteSpec } from "../api/route-spec";
import { ledgerResponseSchema, receivablesQuerySchema } from "./schemas";

export const receivablesApiRoutes: ApiRouteSpec[] = [
  {
    method: "get",
    path: "/api/v1/receivables",
    tag: "receivables",
    summary:
      "The ledger of one customer (seller side: `customer`) or of one supplier (retailer OWNER or ACCOUNTANT: `supplier`): every " +
      "invoice, credit note and payment in date order with the running balance, and the ageing of open invoices by days past due. " +
      "A rep agency or distributor sees the customers it serves. Filters (from, to, type) hide rows without changing balances.",
    query: receivablesQuerySchema,
    response: ledgerResponseSchema,
  },
];
