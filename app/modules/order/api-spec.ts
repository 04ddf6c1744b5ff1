// The /api/v1/orders routes (../shared/api.md, "Orders"), described with the zod schemas that validate
// them; the OpenAPI document is generated from these descriptions.
import { z } from "zod";
import type { ApiRouteSpec } from "../api/route-spec";
import { LINE_KINDS } from "../pricing/totals";
import { amendOrderSchema, createOrderSchema, listOrdersQuerySchema, ORDER_TRANSITIONS, transitionInputSchema } from "./schemas";
import { ORDER_RULES, ORDER_STATUSES, type OrderAction, type OrderSide } from "./status-machine";
import { DISTRIBUTIONS, ORDER_VIEWS } from "./types";

const ORDER_ACTIONS_LIST = Object.keys(ORDER_RULES) as [OrderAction, ...OrderAction[]];
const ORDER_SIDES = ["seller", "buyer", "rep", "distributor"] as const satisfies readonly OrderSide[];

const orgRef = z.object({ id: z.string(), slug: z.string(), name: z.string() });
const userRef = z.object({ id: z.string(), name: z.string() });

export const orderLineApiSchema = z.object({
  id: z.string(),
  kind: z.enum(LINE_KINDS),
  formatId: z.string().nullable(),
  description: z.string(),
  quantity: z.number().int(),
  unitPrice4: z.number().int().describe("1/10,000 of the currency unit"),
  discountBps: z.number().int(),
  taxRateBps: z.number().int(),
  depositCents: z.number().int().describe("Per unit"),
  totalCents: z.number().int().describe("Net of discount, before tax and deposit"),
  receivedQuantity: z.number().int().nullable().describe("Extension: confirmed at delivery"),
});

export const orderApiSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  status: z.enum(ORDER_STATUSES),
  version: z.number().int(),
  seller: orgRef,
  buyer: orgRef,
  rep: orgRef.nullable(),
  distributor: orgRef.nullable(),
  distribution: z.enum(DISTRIBUTIONS),
  deliveryDate: z.string(),
  note: z.string(),
  lines: z.array(orderLineApiSchema),
  subtotalCents: z.number().int(),
  discountCents: z.number().int(),
  taxCents: z.number().int(),
  depositCents: z.number().int(),
  totalCents: z.number().int(),
  invoice: z.object({ id: z.string(), number: z.string(), status: z.string(), totalCents: z.number().int(), balanceCents: z.number().int() }).nullable(),
  lockedBy: userRef.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  // Extensions
  currency: z.string(),
  taxesEnabled: z.boolean(),
  depositsEnabled: z.boolean(),
  groupDiscountBps: z.number().int().describe("The customer group's discount when the order was placed"),
  minOrderCents: z.number().int().describe("The relation's soft minimum when the order was placed"),
  belowMinimum: z.boolean().describe("The goods after discounts are below the soft minimum (a warning, never a block)"),
  parentOrderId: z.string().nullable().describe("Set on an order created at delivery for extra quantities"),
  lockExpiresAt: z.string().nullable(),
  viewerSide: z.enum(ORDER_SIDES).describe("How the token's organization takes part"),
  actions: z.array(z.enum(ORDER_ACTIONS_LIST)).describe("What the token's user may do now"),
});

const orderListItemSchema = orderApiSchema.extend({
  lines: z.array(orderLineApiSchema).describe("Empty in lists: GET /api/v1/orders/{id} has the lines"),
  lineCount: z.number().int(),
});

const transitionResponseSchema = orderApiSchema.extend({
  extraOrderId: z.string().nullable().describe("deliver: the order created for quantities received above the ordered ones"),
});

const lockResponseSchema = z.object({ lockedBy: userRef, expiresAt: z.string() });

const historyResponseSchema = z.object({
  events: z.array(
    z.object({
      at: z.string(),
      actor: z.object({ id: z.string().nullable(), name: z.string() }),
      organization: z.object({ id: z.string().nullable(), name: z.string() }),
      type: z.string().describe("CREATED, AMENDED, ACCEPTED, REJECTED, CANCELLED, SHIPPED, DELIVERED, EXPIRED, RESTORED, …"),
      changes: z.record(z.string(), z.unknown()).describe("field: {before, after}; lines: {added, removed, changed}"),
    }),
  ),
});

const exportQuerySchema = listOrdersQuerySchema.omit({ cursor: true, limit: true });

export const orderApiRoutes: ApiRouteSpec[] = [
  {
    method: "post",
    path: "/api/v1/orders",
    tag: "orders",
    summary:
      "Places an order (status PENDING). A retailer names `seller`, the producer names `buyer`; the retailer's rep agency or a distributor of the producer names both. " +
      "Lines take the catalog's price, tax and deposit and the customer group's discount. An `Idempotency-Key` header makes a retry return the first order.",
    body: createOrderSchema,
    response: orderApiSchema,
    status: 201,
  },
  {
    method: "get",
    path: "/api/v1/orders",
    tag: "orders",
    summary: `The orders of the token's organization, newest first, by pages (nextCursor). view: ${ORDER_VIEWS.join(", ")}.`,
    query: listOrdersQuerySchema,
    response: z.object({ orders: z.array(orderListItemSchema), nextCursor: z.string().nullable() }),
  },
  {
    method: "get",
    path: "/api/v1/orders/export.csv",
    tag: "orders",
    summary: "The orders matching the list's filters as CSV (up to 50,000 rows): number, date, customer, seller, status, delivery date, distribution, amounts.",
    query: exportQuerySchema,
    produces: "text/csv",
  },
  {
    method: "get",
    path: "/api/v1/orders/{id}",
    tag: "orders",
    summary: "One order, with what the token's user may do now.",
    response: orderApiSchema,
  },
  {
    method: "patch",
    path: "/api/v1/orders/{id}",
    tag: "orders",
    summary:
      "Amends an order (seller side, until shipped): the full new line list, note, delivery date, distribution, taxes, deposits. " +
      "409 conflict on a stale version, 423 while another user holds the edit lock.",
    body: amendOrderSchema,
    response: orderApiSchema,
  },
  {
    method: "post",
    path: "/api/v1/orders/{id}/{action}",
    tag: "orders",
    summary: `A status change: action is one of ${ORDER_TRANSITIONS.join(", ")} (each is described on its own path below); any other action answers 404.`,
    body: transitionInputSchema,
    response: transitionResponseSchema,
  },
  ...ORDER_TRANSITIONS.map(
    (action): ApiRouteSpec => ({
      method: "post",
      path: `/api/v1/orders/{id}/${action}`,
      tag: "orders",
      summary: {
        accept: "Accepts a pending order (seller side).",
        reject: "Rejects a pending order (seller side); `reason` is kept in the history.",
        cancel: "Cancels a pending or accepted order (seller side).",
        ship: "Marks an accepted order shipped (seller or distributor).",
        deliver:
          "Confirms the delivery with the received quantities; more than ordered creates a DELIVERED order for the extra (extraOrderId), less stays on the line.",
        restore: "Brings the order back to what the buyer submitted.",
      }[action],
      body: transitionInputSchema,
      response: transitionResponseSchema,
    }),
  ),
  {
    method: "post",
    path: "/api/v1/orders/{id}/lock",
    tag: "orders",
    summary: "Takes or renews the 2-minute edit lock; 423 while another user holds it.",
    response: lockResponseSchema,
  },
  {
    method: "delete",
    path: "/api/v1/orders/{id}/lock",
    tag: "orders",
    summary: "Releases the caller's own edit lock (204).",
    status: 204,
  },
  {
    method: "get",
    path: "/api/v1/orders/{id}/history",
    tag: "orders",
    summary: "The order's history, oldest first: who, when, what changed (before → after).",
    response: historyResponseSchema,
  },
];
