import { apiRoute, jsonResponse, methodNotAllowed } from "~/http/api.server";
import { buildOpenApiDocument } from "~/modules/api/openapi.server";
import { getEnv } from "~/utils/env.server";

export const loader = apiRoute(async () => jsonResponse(buildOpenApiDocument(getEnv().appUrl)));

// Without an action, Remix itself answers other methods: a 405 outside the contract, with a stack.
export const action = apiRoute(async () => methodNotAllowed(["GET"]));
