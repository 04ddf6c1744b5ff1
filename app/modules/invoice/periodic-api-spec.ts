// Periodic invoicing: one invoice for every delivered, not yet invoiced order of a billing period.
import type { ApiRouteSpec } from "../api/route-spec";

export const periodicInvoicingApiRoutes: ApiRouteSpec[] = [];
