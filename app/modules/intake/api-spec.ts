// The morning intake: board, taking in, conflicts, validation, delivered history (../shared/api.md, "Standing orders and production").
import type { ApiRouteSpec } from "../api/route-spec";

export const intakeApiRoutes: ApiRouteSpec[] = [];
