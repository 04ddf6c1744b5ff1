// Shop orders, leftovers, production list and delivery notes (../shared/api.md, "Standing orders and production").
import type { ApiRouteSpec } from "../api/route-spec";

export const productionApiRoutes: ApiRouteSpec[] = [];
