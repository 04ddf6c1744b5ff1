// Relations between a producer and its partners: the kinds, statuses and the zod schemas shared by
// the pages (forms) and the JSON API.
import { z } from "zod";
import { MAX_CENTS, parseCents } from "~/utils/money";
import type { OrgKind } from "~/utils/permissions";
import { emailSchema, slugSchema } from "~/utils/validation";

export const RELATION_KINDS = ["RETAIL", "DISTRIBUTION", "REPRESENTATION"] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export const RELATION_STATUSES = ["PENDING", "ACTIVE", "DECLINED", "ENDED"] as const;
export type RelationStatus = (typeof RELATION_STATUSES)[number];

export const DISTRIBUTION_METHODS = ["SELF", "SHIPPED", "PICKUP", "DISTRIBUTOR"] as const;
export type DistributionMethod = (typeof DISTRIBUTION_METHODS)[number];

/** The kind of organization on the other side of each kind of relation (the producer is always a PRODUCER). */
export const PARTNER_KIND: Record<RelationKind, OrgKind> = {
  RETAIL: "RETAILER",
  DISTRIBUTION: "DISTRIBUTOR",
  REPRESENTATION: "REP_AGENCY",
};

export function isRelationKind(value: string): value is RelationKind {
  return (RELATION_KINDS as readonly string[]).includes(value);
}

/** Empty form fields count as "not given". */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/**
 * Invite a partner: by email (a person who will accept with one of their organizations, existing or
 * new) or by the slug of an organization already on Comptoir — exactly one of the two.
 */
export const inviteRelationSchema = z
  .object({
    kind: z.enum(RELATION_KINDS, { error: "relations.kindRequired" }),
    email: z.preprocess(blankToUndefined, emailSchema.optional()),
    slug: z.preprocess(blankToUndefined, slugSchema.optional()),
  })
  .superRefine((data, ctx) => {
    if (!data.email && !data.slug) ctx.addIssue({ code: "custom", path: ["email"], message: "relations.emailOrSlug" });
    if (data.email && data.slug) ctx.addIssue({ code: "custom", path: ["slug"], message: "relations.emailOrSlugNotBoth" });
  });

/** Accepting an invitation link: which of the user's organizations becomes the partner. */
export const acceptInvitationSchema = z.object({
  organization: z.preprocess(blankToUndefined, slugSchema.optional()).pipe(z.string({ error: "relations.chooseOrganization" })),
});

const paymentTermsDays = z.preprocess(
  (v) => (typeof v === "string" && v.trim() !== "" && /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v),
  z
    .number({ error: "relations.termsRange" })
    .int({ error: "relations.termsRange" })
    .min(0, { error: "relations.termsRange" })
    .max(365, { error: "relations.termsRange" }),
);

const optionalId = z.preprocess(blankToUndefined, z.string().trim().max(64).optional());

/** Money typed by a person ("150", "150,50", "1 200.00") → cents; blank → 0. A soft minimum: never negative. */
const minOrderCents = z
  .union([z.string(), z.number()])
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || (typeof value === "string" && value.trim() === "")) return 0;
    const cents = typeof value === "number" ? (Number.isSafeInteger(value) ? value : null) : parseCents(value);
    if (cents === null || cents < 0 || cents > MAX_CENTS) {
      ctx.addIssue({ code: "custom", message: "relations.minOrderInvalid" });
      return z.NEVER;
    }
    return cents;
  });

/** Settings of every relation kind. */
export const relationTermsSchema = z.object({ paymentTermsDays });

/** Settings of a RETAIL relation (producer side). `minOrder` is money text; ids blank mean "none". */
export const retailSettingsSchema = z
  .object({
    paymentTermsDays,
    customerGroupId: optionalId,
    repId: optionalId,
    defaultDistributorId: optionalId,
    defaultDistribution: z.enum(DISTRIBUTION_METHODS, { error: "field.invalid" }),
    minOrder: minOrderCents,
  })
  .refine((data) => data.defaultDistribution !== "DISTRIBUTOR" || Boolean(data.defaultDistributorId), {
    path: ["defaultDistributorId"],
    message: "relations.distributorRequired",
    // Checked even when other fields fail, so that the form shows every error at once.
    when: (payload) => !payload.issues.some((issue) => ["defaultDistribution", "defaultDistributorId"].includes(String(issue.path?.[0]))),
  });

/** GET /api/v1/relations filters. */
export const relationListQuerySchema = z.object({
  kind: z.enum(RELATION_KINDS).optional(),
  status: z.enum(RELATION_STATUSES).optional(),
});
