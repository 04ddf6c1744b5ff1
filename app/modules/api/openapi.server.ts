// GET /api/v1/openapi.json: an OpenAPI 3.1 document generated from the modules' route descriptions
// and the very zod schemas that validate requests.
import { z } from "zod";
import { accountApiRoutes } from "../api-token/api-spec";
import { catalogApiRoutes } from "../catalog/api-spec";
import { chatApiRoutes } from "../chat/api-spec";
import { orderApiRoutes } from "../order/api-spec";
import { orderDocumentsApiRoutes } from "../order/documents-api-spec";
import { invoiceApiRoutes } from "../invoice/api-spec";
import { invoiceDocumentsApiRoutes } from "../invoice/documents-api-spec";
import { periodicInvoicingApiRoutes } from "../invoice/periodic-api-spec";
import { intakeApiRoutes } from "../intake/api-spec";
import { productionApiRoutes } from "../production/api-spec";
import { standingApiRoutes } from "../standing/api-spec";
import { stripeApiRoutes } from "../payment/stripe-api-spec";
import { receivablesApiRoutes } from "../receivables/api-spec";
import { relationApiRoutes } from "../relation/api-spec";
import type { ApiRouteSpec } from "./route-spec";

export const API_ROUTES: ApiRouteSpec[] = [...accountApiRoutes, ...relationApiRoutes, ...catalogApiRoutes, ...orderApiRoutes, ...orderDocumentsApiRoutes, ...invoiceApiRoutes, ...invoiceDocumentsApiRoutes, ...stripeApiRoutes, ...receivablesApiRoutes, ...chatApiRoutes, ...standingApiRoutes, ...intakeApiRoutes, ...productionApiRoutes, ...periodicInvoicingApiRoutes];

const errorSchema = z.object({
  error: z.object({
    code: z.enum(["validation_failed", "unauthenticated", "forbidden", "not_found", "conflict", "invalid_transition", "frozen", "payment_unavailable", "locked", "rate_limited", "internal"]),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  return z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" });
}

function queryParameters(query: z.ZodObject) {
  const shape = query.shape as Record<string, z.ZodType>;
  return Object.entries(shape).map(([name, schema]) => ({
    name,
    in: "query",
    required: !schema.safeParse(undefined).success,
    schema: jsonSchema(schema, "input"),
  }));
}

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));
}

export function buildOpenApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of API_ROUTES) {
    const status = String(route.status ?? 200);
    const success = route.produces
      ? { description: "OK", content: { [route.produces]: { schema: { type: "string", format: "binary" } } } }
      : route.response
        ? { description: "OK", content: { "application/json": { schema: jsonSchema(route.response, "output") } } }
        : { description: "OK" };
    const errorResponse = { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
    paths[route.path] ??= {};
    paths[route.path][route.method] = {
      summary: route.summary,
      tags: [route.tag],
      ...(route.auth === false ? { security: [] } : {}),
      parameters: [...pathParameters(route.path), ...(route.query ? queryParameters(route.query) : [])],
      ...(route.body
        ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(route.body, "input") } } } }
        : {}),
      responses: { [status]: success, "4XX": errorResponse, "500": errorResponse },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Comptoir API", version: "1.0.0", description: "Wholesale orders between producers, distributors, reps and retailers." },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: { Error: jsonSchema(errorSchema, "output") },
    },
    paths,
  };
}
