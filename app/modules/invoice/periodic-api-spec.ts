// Periodic invoicing: one invoice for every delivered, not yet invoiced order of a billing period
// (app/modules/invoice/periodic-invoices.server.ts). Producer side, `invoice:publish`.
import { z } from "zod";
import type { ApiRouteSpec } from "../api/route-spec";
import { BILLING_PERIODS } from "./billing-period";
import { billingPeriodInputSchema, invoicePeriodSchema, invoicingPeriodsQuerySchema } from "./schemas";

const int = () => z.number().int();
const customer = z.object({ id: z.string().describe("The retailer organization"), name: z.string() });
const periodOrder = z.object({ id: z.string(), number: int(), deliveryDate: z.string(), totalCents: int() });

const periodsResponse = z.object({
  period: z.enum(BILLING_PERIODS),
  date: z.string(),
  from: z.string().describe("First day of the period"),
  to: z.string().describe("Last day of the period"),
  label: z.string().describe("2026-12-04, 2026-W49 or 2026-12"),
  customers: z.array(
    z.object({
      relationId: z.string(),
      customer,
      billingPeriod: z.enum(BILLING_PERIODS),
      orderCount: int().describe("Delivered orders of the period on no live invoice"),
      totalCents: int(),
      orders: z.array(periodOrder),
    }),
  ),
});

const invoicingResponse = z.object({
  from: z.string(),
  to: z.string(),
  invoices: z.array(
    z.object({ id: z.string(), number: z.string(), relationId: z.string(), customer, orders: z.array(periodOrder), totalCents: int() }),
  ),
  skipped: z.array(
    z.object({
      relationId: z.string(),
      customer: customer.nullable(),
      reason: z.string().describe("nothing_to_invoice, not_found, locked (an order is being edited), invalid_transition"),
      message: z.string().describe("A message key"),
      params: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
});

export const periodicInvoicingApiRoutes: ApiRouteSpec[] = [
  {
    method: "get",
    path: "/api/v1/invoicing/periods",
    tag: "invoices",
    summary:
      "The billing period containing `date` (per delivery, ISO week Monday–Sunday, or calendar month) and, per retail customer, its own " +
      "billing period and the period's delivered orders that are on no invoice yet (count, total, the orders).",
    query: invoicingPeriodsQuerySchema,
    response: periodsResponse,
  },
  {
    method: "post",
    path: "/api/v1/invoicing/periods/invoice",
    tag: "invoices",
    summary:
      "Publishes, per customer, one invoice of every delivered order of [from, to] on no invoice yet (an invoice per order for a customer " +
      "invoiced per delivery), with the same gapless numbers, hash chain, PDF, credit notes and payments as any invoice. Without `relations`: " +
      "every weekly or monthly customer with something to invoice. A customer that cannot be invoiced is listed in `skipped` with the reason; " +
      "two concurrent runs never put an order on two invoices.",
    body: invoicePeriodSchema,
    response: invoicingResponse,
  },
  {
    method: "put",
    path: "/api/v1/relations/{id}/billing-period",
    tag: "invoices",
    summary: "Sets how a retail customer is invoiced: PER_DELIVERY (an invoice per order, also automatically at delivery), WEEKLY or MONTHLY.",
    body: billingPeriodInputSchema,
    response: z.object({ relationId: z.string(), customer, billingPeriod: z.enum(BILLING_PERIODS) }),
  },
];
