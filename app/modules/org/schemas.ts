import { z } from "zod";
import { ORG_KINDS, ROLES } from "~/utils/permissions";
import { emailSchema, nameSchema, slugSchema } from "~/utils/validation";

export const CURRENCIES = ["EUR", "CHF", "GBP", "USD", "CAD"] as const;
export const ORG_LOCALES = ["fr-FR", "fr-BE", "fr-CH", "fr-CA", "en-GB", "en-US", "nl-BE", "de-CH"] as const;

export const createOrganizationSchema = z.object({
  name: nameSchema,
  slug: slugSchema,
  kind: z.enum(ORG_KINDS),
  locale: z.enum(ORG_LOCALES).default("fr-FR"),
  currency: z.enum(CURRENCIES).default("EUR"),
});

export const updateOrganizationSchema = z.object({
  name: nameSchema,
  locale: z.enum(ORG_LOCALES),
  currency: z.enum(CURRENCIES),
  email: z.union([emailSchema, z.literal("")]).optional(),
  phone: z.string().trim().max(40).optional(),
  address: z.string().trim().max(500).optional(),
  taxNumber: z.string().trim().max(40).optional(),
});

export const inviteMemberSchema = z.object({
  email: emailSchema,
  role: z.enum(ROLES),
});

export const updateMemberSchema = z.object({ role: z.enum(ROLES) });
