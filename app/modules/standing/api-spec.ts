// Standing orders, proposals, calendars, day orders and differences (../shared/api.md, "Standing orders and production").
import type { ApiRouteSpec } from "../api/route-spec";
import {
  acceptProposalSchema,
  calendarInputSchema,
  calendarResponseSchema,
  closuresInputSchema,
  closuresResponseSchema,
  deliveriesQuerySchema,
  deliveriesResponseSchema,
  differenceInputSchema,
  differenceListSchema,
  differenceResponseSchema,
  planningInputSchema,
  planningResponseSchema,
  proposalInputSchema,
  proposalListSchema,
  proposalQuerySchema,
  proposalResponseSchema,
  rejectProposalSchema,
  relationQuerySchema,
  standingOrderInputSchema,
  standingOrderResponseSchema,
} from "./schemas";

const tag = "standing-orders";

export const standingApiRoutes: ApiRouteSpec[] = [
  {
    method: "get",
    path: "/api/v1/standing-orders",
    tag,
    summary:
      "A customer's standing order as it applies today (either party of the retail relation; someone else's relation: 404): its lines per ISO " +
      "weekday (all seven keys), delivery round and place, special prices, every version (who, when, what changed) and the next version when one starts later.",
    query: relationQuerySchema,
    response: standingOrderResponseSchema,
  },
  {
    method: "put",
    path: "/api/v1/standing-orders",
    tag,
    summary:
      "The producer writes the next version (a version is never edited) from effectiveFrom (default today, never in the past). Formats must be " +
      "the producer's active ones, once per weekday, quantities 1–1,000,000; round, place and prices left out stay as they were. The retailer side proposes instead (403).",
    query: relationQuerySchema,
    body: standingOrderInputSchema,
    response: standingOrderResponseSchema,
  },
  {
    method: "post",
    path: "/api/v1/standing-orders/proposals",
    tag,
    summary: "The retailer proposes a new standing order; its previous proposal still waiting for the relation is withdrawn. The current version applies until the producer takes it in.",
    body: proposalInputSchema,
    response: proposalResponseSchema,
    status: 201,
  },
  {
    method: "get",
    path: "/api/v1/standing-orders/proposals",
    tag,
    summary: "Proposals, newest first: a producer's customers', a retailer's own; each with the current standing order beside it.",
    query: proposalQuerySchema,
    response: proposalListSchema,
  },
  {
    method: "post",
    path: "/api/v1/standing-orders/proposals/{id}/accept",
    tag,
    summary: "The producer takes a waiting proposal in from a date: it becomes the next version, keeping the round, place and special prices. Already decided: 409 invalid_transition.",
    body: acceptProposalSchema,
    response: proposalResponseSchema,
  },
  {
    method: "post",
    path: "/api/v1/standing-orders/proposals/{id}/reject",
    tag,
    summary: "The producer rejects a waiting proposal with a reason the retailer sees. Already decided: 409 invalid_transition.",
    body: rejectProposalSchema,
    response: proposalResponseSchema,
  },
  {
    method: "get",
    path: "/api/v1/relations/{id}/calendar",
    tag,
    summary: "A customer's open ISO weekdays and closures (date ranges with a note), for either party.",
    response: calendarResponseSchema,
  },
  {
    method: "put",
    path: "/api/v1/relations/{id}/calendar",
    tag,
    summary: "The producer sets the customer's open weekdays and replaces its closures (from ≤ to, note ≤ 200 characters) at once.",
    body: calendarInputSchema,
    response: calendarResponseSchema,
  },
  {
    method: "get",
    path: "/api/v1/bakery/closures",
    tag,
    summary: "Extension: the producer's own closed days (no delivery to anyone).",
    response: closuresResponseSchema,
  },
  {
    method: "put",
    path: "/api/v1/bakery/closures",
    tag,
    summary: "Extension: replaces the producer's own closed days.",
    body: closuresInputSchema,
    response: closuresResponseSchema,
  },
  {
    method: "get",
    path: "/api/v1/bakery/products/{id}/planning",
    tag,
    summary: "Extension: the ISO weekdays a product is made.",
    response: planningResponseSchema,
  },
  {
    method: "put",
    path: "/api/v1/bakery/products/{id}/planning",
    tag,
    summary: "Extension: sets the ISO weekdays a product is made; a standing order's line counts only on those days.",
    body: planningInputSchema,
    response: planningResponseSchema,
  },
  {
    method: "get",
    path: "/api/v1/deliveries/{date}",
    tag,
    summary:
      "A date's day orders in round order: each open customer's standing order unless an order was placed for the date, with the differences " +
      "applied until validation. A producer sees every customer; a retailer names the producer and sees its own. Bad date: 400.",
    query: deliveriesQuerySchema,
    response: deliveriesResponseSchema,
  },
  {
    method: "get",
    path: "/api/v1/deliveries/{date}/differences",
    tag,
    summary: "The differences entered for a date: a producer's customers', a retailer's own (producer named).",
    query: deliveriesQuerySchema,
    response: differenceListSchema,
  },
  {
    method: "post",
    path: "/api/v1/deliveries/{date}/differences",
    tag,
    summary: "The retailer enters a difference (+/− per item) for a date; once the producer validated the date, or for a past date: 409 invalid_transition.",
    body: differenceInputSchema,
    response: differenceResponseSchema,
    status: 201,
  },
];

