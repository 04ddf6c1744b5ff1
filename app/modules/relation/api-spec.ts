import { z } from "zod";
import { ORG_KINDS } from "~/utils/permissions";
import type { ApiRouteSpec } from "../api/route-spec";
import { DISTRIBUTION_METHODS, RELATION_KINDS, RELATION_STATUSES, relationListQuerySchema } from "./schemas";

const orgRef = z.object({ id: z.string(), slug: z.string(), name: z.string() });

export const relationApiSchema = z.object({
  id: z.string(),
  kind: z.enum(RELATION_KINDS),
  producer: orgRef,
  partner: orgRef.extend({ kind: z.enum(ORG_KINDS) }),
  status: z.enum(RELATION_STATUSES),
  // Extensions of the contract:
  viewedAs: z
    .enum(["producer", "partner", "rep", "distributor"])
    .describe("How the token's organization takes part: the producer, the partner, or the rep / default distributor serving a retail relation"),
  customerGroup: z.object({ id: z.string(), name: z.string(), discountBps: z.number().int() }).nullable(),
  paymentTermsDays: z.number().int(),
  rep: orgRef.nullable(),
  defaultDistributor: orgRef.nullable(),
  defaultDistribution: z.enum(DISTRIBUTION_METHODS),
  minOrderCents: z.number().int(),
  acceptedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const relationListResponseSchema = z.object({ relations: z.array(relationApiSchema) });

export const relationApiRoutes: ApiRouteSpec[] = [
  {
    method: "get",
    path: "/api/v1/relations",
    tag: "relations",
    summary:
      "The relations the token's organization sees: as producer, as partner, and (read-only) the active retail relations it serves as assigned rep or default distributor. " +
      "Email invitations appear once an organization has accepted them (partner is never null).",
    query: relationListQuerySchema,
    response: relationListResponseSchema,
  },
];
