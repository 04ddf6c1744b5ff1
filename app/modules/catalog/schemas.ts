// zod schemas shared by the catalog's forms, CSV import and JSON API. Money comes in as text typed by a
// person ("1,85", "1.850") and leaves as integers (unitPrice4, cents, bps) — never through a float.
import { z } from "zod";
import { MAX_CENTS, MAX_UNIT_PRICE4, parseCents, parsePercentBps, parseUnitPrice4 } from "~/utils/money";
import { searchText } from "~/utils/validation";

/** A checkbox: present ("on") when ticked, absent when not; JSON callers may send booleans. */
export const checkboxSchema = z.preprocess(
  (v) => v === true || v === "on" || v === "true" || v === "1",
  z.boolean(),
);

function decimalText(parse: (text: string) => number | null, max: number, message: string, { optional = false } = {}) {
  return z
    .union([z.string(), z.number().int()])
    .optional()
    .transform((value, ctx) => {
      if (typeof value === "number") {
        if (value < 0 || value > max) {
          ctx.addIssue({ code: "custom", message });
          return z.NEVER;
        }
        return value;
      }
      const text = (value ?? "").trim();
      if (text === "") {
        if (optional) return 0;
        ctx.addIssue({ code: "custom", message: "field.required" });
        return z.NEVER;
      }
      const parsed = parse(text.replace(/\s*%$/, ""));
      if (parsed === null || parsed < 0 || parsed > max) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return parsed;
    });
}

/** "1,85" or "1.850" → 18500 (1/10,000 of the currency unit). */
export const unitPriceSchema = decimalText(parseUnitPrice4, MAX_UNIT_PRICE4, "catalog.error.price");
/** "0,10" → 10 cents; empty → 0. */
export const depositSchema = decimalText(parseCents, MAX_CENTS, "catalog.error.deposit", { optional: true });
/** "5,5" (%) → 550 bps, 0–100 %. */
export const taxPercentSchema = decimalText(parsePercentBps, 10_000, "catalog.error.taxPercent");
/** "5" (%) → 500 bps, 0–100 %; empty → 0. */
export const discountPercentSchema = decimalText(parsePercentBps, 10_000, "catalog.error.discountPercent", { optional: true });

const idSchema = z.string().trim().min(1).max(64);

export const productInputSchema = z.object({
  name: z.string().trim().min(1).max(120),
  sku: z.string().trim().min(1).max(64),
  family: z.string().trim().max(60).default(""),
  description: z.string().trim().max(2000).default(""),
  active: checkboxSchema,
});
export type ProductInput = z.output<typeof productInputSchema>;

export const formatInputSchema = z.object({
  name: z.string().trim().min(1).max(80),
  unitPrice: unitPriceSchema,
  deposit: depositSchema,
  taxRateId: idSchema,
  active: checkboxSchema,
});
export type FormatInput = z.output<typeof formatInputSchema>;

export const taxRateInputSchema = z.object({
  name: z.string().trim().min(1).max(60),
  rate: taxPercentSchema,
  isDefault: checkboxSchema,
});
export type TaxRateInput = z.output<typeof taxRateInputSchema>;

export const customerGroupInputSchema = z.object({
  name: z.string().trim().min(1).max(60),
  discount: discountPercentSchema,
});
export type CustomerGroupInput = z.output<typeof customerGroupInputSchema>;

/** Search and family filter of catalog pages (GET form). */
export const catalogFilterSchema = z.object({
  q: searchText(100),
  family: z.string().trim().max(60).optional().catch(undefined),
});
export type CatalogFilter = z.output<typeof catalogFilterSchema>;

// ---- JSON API

export const catalogApiQuerySchema = z.object({
  producer: z.string().trim().min(1).max(64).optional().describe("Producer organization id; optional for a producer (its own catalog)"),
  q: searchText(100).describe("Matches product names and SKUs; a control character → 400"),
  family: z.string().trim().max(60).optional().describe("Only this product family"),
});

export const catalogApiFormatSchema = z.object({
  id: z.string(),
  name: z.string(),
  unitPrice4: z.number().int().describe("Unit price in 1/10,000 of the currency unit"),
  depositCents: z.number().int(),
  taxRateBps: z.number().int(),
  discountBps: z.number().int().optional().describe("The viewer's customer-group discount (partners only)"),
  discountedUnitPrice4: z.number().int().optional().describe("unitPrice4 after discountBps (partners only)"),
  active: z.boolean().optional().describe("Producer's own catalog only"),
  taxRateId: z.string().optional().describe("Producer's own catalog only"),
});

export const catalogApiResponseSchema = z.object({
  producer: z.object({ id: z.string(), slug: z.string(), name: z.string(), currency: z.string() }),
  products: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      sku: z.string(),
      family: z.string(),
      description: z.string(),
      active: z.boolean().optional().describe("Producer's own catalog only"),
      formats: z.array(catalogApiFormatSchema),
    }),
  ),
});
