// Standing orders, proposals, calendars, day orders and differences (../shared/api.md, "Standing orders and production").
import type { ApiRouteSpec } from "../api/route-spec";

export const standingApiRoutes: ApiRouteSpec[] = [];
