import { z } from "zod";
import type { ApiRouteSpec } from "../api/route-spec";
import { tokenRequestSchema } from "./schemas";

const orgRef = z.object({ id: z.string(), slug: z.string(), name: z.string(), kind: z.enum(["PRODUCER", "DISTRIBUTOR", "REP_AGENCY", "RETAILER"]) });
const role = z.enum(["OWNER", "MANAGER", "SALES", "ACCOUNTANT", "STAFF"]);

export const accountApiRoutes: ApiRouteSpec[] = [
  {
    method: "get", path: "/healthz", tag: "health", auth: false, summary: "Ready once the database is migrated",
    response: z.object({ ok: z.literal(true) }),
  },
  {
    method: "post", path: "/api/v1/auth/token", tag: "auth", auth: false, status: 201,
    summary: "Exchange email, password and organization slug for a bearer token bound to that membership",
    body: tokenRequestSchema,
    response: z.object({ token: z.string(), organization: orgRef, role }),
  },
  { method: "delete", path: "/api/v1/auth/token", tag: "auth", status: 204, summary: "Revoke the token of this request" },
  {
    method: "get", path: "/api/v1/me", tag: "auth", summary: "The token's user, organization and role",
    response: z.object({ user: z.object({ id: z.string(), email: z.string(), name: z.string() }), organization: orgRef, role }),
  },
  { method: "get", path: "/api/v1/openapi.json", tag: "meta", auth: false, summary: "This document" },
];
