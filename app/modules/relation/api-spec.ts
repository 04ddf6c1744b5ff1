import type { ApiRouteSpec } from "../api/route-spec";

/** Filled by the relations work: every /api/v1/relations route. */
export const relationApiRoutes: ApiRouteSpec[] = [];
