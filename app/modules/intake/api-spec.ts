// The morning intake: board, taking in, conflicts, validation, delivered history (../shared/api.md, "Standing orders and production").
import type { ApiRouteSpec } from "../api/route-spec";
import {
  historyQuerySchema,
  historyResponseSchema,
  intakeBoardSchema,
  rebuildHistorySchema,
  rebuildResultSchema,
  resolveConflictSchema,
  takeInResultSchema,
  takeInSchema,
  validateResultSchema,
} from "./schemas";

const tag = "bakery";

export const intakeApiRoutes: ApiRouteSpec[] = [
  {
    method: "get",
    path: "/api/v1/intake/{date}",
    tag,
    summary:
      "The producer's intake board of a delivery date: active customers; orders placed on the web, by staff or by a rep, received / taken in / " +
      "to take in; standing-order proposals waiting; differences received / taken in / to take in; the conflicts (a customer with more than one " +
      "live order for the date) and the detail lists. Taken-in orders of a date older than the retention (bakery settings) leave the lists (`purged`); nothing is deleted.",
    response: intakeBoardSchema,
  },
  {
    method: "post",
    path: "/api/v1/intake/{date}",
    tag,
    summary:
      "Takes orders in (accepts them: PENDING → ACCEPTED), all of the date's pending ones or `orderIds`, in one transaction. Orders in conflict are " +
      "left untouched and reported. Taking in all also takes in the date's received differences. 409 once the date is validated.",
    body: takeInSchema,
    response: takeInResultSchema,
  },
  {
    method: "post",
    path: "/api/v1/intake/{date}/conflicts/{customerId}",
    tag,
    summary:
      "Resolves a customer's conflict: keeps `keepOrderId` (taken in if pending) and refuses (pending) or cancels (accepted) the customer's other " +
      "orders of the date, the history saying why. 400 when `keepOrderId` is not one of them; 409 invalid_transition when there is no conflict.",
    body: resolveConflictSchema,
    response: intakeBoardSchema,
  },
  {
    method: "post",
    path: "/api/v1/intake/{date}/validate",
    tag,
    summary:
      "Validates the date in one transaction: takes in what is left, makes every standing day order a numbered ACCEPTED order (standingOrderId, " +
      "the slicing fee line), writes the differences into the placed orders, freezes the date and writes the customers' delivered history. " +
      "409 invalid_transition while a conflict is open or once validated.",
    response: validateResultSchema,
  },
  {
    method: "get",
    path: "/api/v1/deliveries/history",
    tag,
    summary:
      "The delivered history (extension): per customer and validated date, what the delivery note said and what was delivered, newest first. " +
      "A retailer sees its own (one producer with `producer`); a producer its customers' (one with `customer`).",
    query: historyQuerySchema,
    response: historyResponseSchema,
  },
  {
    method: "post",
    path: "/api/v1/deliveries/history/rebuild",
    tag,
    summary:
      "Recomputes the delivered history of the last 60 days (and of the dates validated ahead) from the orders of the validated dates, in one " +
      "transaction: a retailer its own (`producer` to limit it), a producer its customers' (`customer` to limit it).",
    body: rebuildHistorySchema,
    response: rebuildResultSchema,
  },
];
