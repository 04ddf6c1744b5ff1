// Shop orders, leftovers, production list and delivery notes (../shared/api.md, "Standing orders and production").
import type { ApiRouteSpec } from "../api/route-spec";
import {
  bakerySettingsInputSchema,
  bakerySettingsSchema,
  createShopOrderSchema,
  createShopSchema,
  deliveryNoteQuerySchema,
  leftoversInputSchema,
  leftoversQuerySchema,
  leftoversSchema,
  productionListSchema,
  productionQuerySchema,
  shopListSchema,
  shopOrderListSchema,
  shopOrderSchema,
  shopOrdersQuerySchema,
  shopSchema,
} from "./schemas";

const tag = "bakery";
const PDF = "application/pdf";

export const productionApiRoutes: ApiRouteSpec[] = [
  { method: "get", path: "/api/v1/shops", tag, summary: "The producer's shops (production:read).", response: shopListSchema },
  { method: "post", path: "/api/v1/shops", tag, summary: "Creates a shop of the producer (shop:write); names are unique per producer.", body: createShopSchema, response: shopSchema, status: 201 },
  {
    method: "post",
    path: "/api/v1/shop-orders",
    tag,
    summary:
      "Records a counter pre-order of one of the producer's shops (shop:write): items at catalog prices, the deposit paid (≤ total, else 400) and the " +
      "balance due at pickup. Shop orders feed the production list and are never invoiced: POST /api/v1/orders/{id}/invoice with a shop order's id answers 409 invalid_transition.",
    body: createShopOrderSchema,
    response: shopOrderSchema,
    status: 201,
  },
  { method: "get", path: "/api/v1/shop-orders", tag, summary: "Counter orders by pickup date and shop (production:read); without a date, the first 500.", query: shopOrdersQuerySchema, response: shopOrderListSchema },
  { method: "post", path: "/api/v1/shop-orders/{id}/{action}", tag, summary: "A counter order's status change: action is pickup or cancel (each described below); any other action answers 404.", response: shopOrderSchema },
  { method: "post", path: "/api/v1/shop-orders/{id}/pickup", tag, summary: "The customer picked the order up and paid the balance (OPEN → PICKED_UP, else 409 invalid_transition).", response: shopOrderSchema },
  { method: "post", path: "/api/v1/shop-orders/{id}/cancel", tag, summary: "Cancels an OPEN counter order (else 409 invalid_transition): it no longer counts for production.", response: shopOrderSchema },
  { method: "get", path: "/api/v1/leftovers/{date}", tag, summary: "What a shop had left at closing on the date (production:read).", query: leftoversQuerySchema, response: leftoversSchema },
  {
    method: "put",
    path: "/api/v1/leftovers/{date}",
    tag,
    summary:
      "Replaces a shop's leftovers of the date in one transaction (shop:write): the lines are what is left, a quantity of 0 removes a line. They are deducted from the " +
      "production of date + the leftover offset (settings), for the leftover families.",
    body: leftoversInputSchema,
    response: leftoversSchema,
  },
  {
    method: "get",
    path: "/api/v1/production/{date}",
    tag,
    summary:
      "The production list of a date (production:read), per product grouped by family: fromOrders (the day orders, differences applied), fromShop (OPEN and PICKED_UP " +
      "counter orders to pick up that date), leftovers (of date − the leftover offset, for the leftover families) and quantity = max(0, fromOrders + fromShop − leftovers). " +
      "`families` filters (absent: the producer's default families; empty: all).",
    query: productionQuerySchema,
    response: productionListSchema,
  },
  { method: "get", path: "/api/v1/production/{date}/production.pdf", tag, summary: "The production list as an A4 PDF for the bakehouse, in the producer's language.", query: productionQuerySchema, produces: PDF },
  {
    method: "get",
    path: "/api/v1/delivery-notes/{date}/{customerId}/delivery-note.pdf",
    tag,
    summary:
      "A customer's delivery note of the date (A4 PDF; customerId: the retailer organization): lines with unit prices in the producer's decimals, the slicing fee as its own line, " +
      "the total. 404 when the customer is not delivered that date. `print=eve`: printed the day before (J−1), said in the title.",
    query: deliveryNoteQuerySchema,
    produces: PDF,
  },
  { method: "get", path: "/api/v1/delivery-notes/{date}/all.pdf", tag, summary: "Every delivery note of the date in one PDF, in round order (round, place in the round, name).", query: deliveryNoteQuerySchema, produces: PDF },
  { method: "get", path: "/api/v1/bakery/settings", tag, summary: "The producer's bakery settings (production:read).", response: bakerySettingsSchema },
  {
    method: "put",
    path: "/api/v1/bakery/settings",
    tag,
    summary:
      "Saves the bakery settings (bakery:settings): slicing fee, unit price decimals (1–4), intake retention days, leftover offset J+n and families, default production families. " +
      "A producer that does not run the bakery module yet starts running it (every other bakery route of a producer without settings answers 404).",
    body: bakerySettingsInputSchema,
    response: bakerySettingsSchema,
  },
];
