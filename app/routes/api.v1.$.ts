import { apiRoute, errorResponse } from "~/http/api.server";
import { AppError } from "~/utils/errors";

// Unknown API paths answer the contract's JSON 404, not an HTML page.
const notFound = apiRoute(async () => errorResponse(new AppError("not_found", "No such API route")));
export const loader = notFound;
export const action = notFound;
