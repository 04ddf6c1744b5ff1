import type { ApiRouteSpec } from "../api/route-spec";

/** The order documents' API routes. */
export const orderDocumentsApiRoutes: ApiRouteSpec[] = [
  {
    method: "get",
    path: "/api/v1/orders/{id}/purchase-order.pdf",
    tag: "orders",
    summary:
      "The order's purchase order as an A4 PDF, in the seller's language, with the totals of the current version. Generated on the first request after each change of the order and kept until the next one. Any party of the order may read it; another organization's order answers 404.",
    produces: "application/pdf",
  },
];
