import type { ApiRouteSpec } from "../api/route-spec";
import { catalogApiQuerySchema, catalogApiResponseSchema } from "./schemas";

/** Every /api/v1/catalog route. */
export const catalogApiRoutes: ApiRouteSpec[] = [
  {
    method: "get",
    path: "/api/v1/catalog",
    tag: "catalog",
    summary:
      "A producer's catalog. Partners (retailer, distributor, rep agency) name a producer they have an active relation with and see its active products and formats — a retailer with its customer group's discount in discountBps. A producer may omit `producer` to get its own catalog, inactive items included (with `active`).",
    query: catalogApiQuerySchema,
    response: catalogApiResponseSchema,
  },
];
