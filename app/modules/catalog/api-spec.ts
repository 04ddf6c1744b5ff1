import type { ApiRouteSpec } from "../api/route-spec";

/** Filled by the catalog work: every /api/v1/catalog route. */
export const catalogApiRoutes: ApiRouteSpec[] = [];
