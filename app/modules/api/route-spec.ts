// Each module describes its API routes with the zod schemas that validate them; the OpenAPI
// document is generated from these descriptions (never written by hand).
import type { z } from "zod";

export type ApiRouteSpec = {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** OpenAPI path template, e.g. /api/v1/orders/{id} */
  path: string;
  summary: string;
  tag: string;
  /** false for public routes (health, token creation, webhooks). */
  auth?: boolean;
  query?: z.ZodObject;
  body?: z.ZodType;
  response?: z.ZodType;
  /** Success status (200 by default). */
  status?: number;
  /** Content type of the success response when not JSON (PDF, CSV). */
  produces?: string;
};
