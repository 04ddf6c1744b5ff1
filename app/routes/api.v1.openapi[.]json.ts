import { apiRoute, jsonResponse } from "~/http/api.server";
import { buildOpenApiDocument } from "~/modules/api/openapi.server";
import { getEnv } from "~/utils/env.server";

export const loader = apiRoute(async () => jsonResponse(buildOpenApiDocument(getEnv().appUrl)));
