// Shops, counter orders, leftovers, the production list, delivery notes and the bakery settings: the
// zod schemas the API, the pages (Conform) and the services share (../shared/api.md, "Standing
// orders and production").
import { z } from "zod";
import { dateSchema as isoDateSchema } from "../order/schemas";
import { MAX_CENTS, parseCents, parseUnitPrice4 } from "~/utils/money";

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export { isoDateSchema };
const idSchema = z.string().trim().min(1).max(64);
const quantitySchema = z.coerce.number().int("field.invalid").min(0).max(1_000_000);

export const SHOP_ORDER_STATUSES = ["OPEN", "PICKED_UP", "CANCELLED"] as const;
export type ShopOrderStatus = (typeof SHOP_ORDER_STATUSES)[number];

// ---- Shops

export const createShopSchema = z.object({ name: z.string().trim().min(1).max(80).describe("The shop's name, unique per producer") });

const orgRef = z.object({ id: z.string(), name: z.string() });
export const shopSchema = orgRef;
export const shopListSchema = z.object({ shops: z.array(shopSchema) });

// ---- Counter orders (shop order book)

export const shopOrderLineInputSchema = z.object({ formatId: idSchema, quantity: z.coerce.number().int("field.invalid").min(1).max(1_000_000) });

export const createShopOrderSchema = z.object({
  shop: idSchema.describe("The producer's shop"),
  pickupDate: isoDateSchema.describe("Pickup date, YYYY-MM-DD"),
  customerName: z.string().trim().min(1).max(120),
  phone: z.preprocess(blankToUndefined, z.string().trim().max(40).optional()),
  depositCents: z.preprocess(blankToUndefined, z.coerce.number().int("field.invalid").min(0).max(MAX_CENTS).optional()).describe("Deposit paid, in cents (≤ total)"),
  lines: z.array(shopOrderLineInputSchema).min(1, "production.error.noLines").max(100),
});
export type CreateShopOrderInput = z.output<typeof createShopOrderSchema>;

export const shopOrderLineSchema = z.object({ formatId: z.string(), description: z.string(), quantity: z.number().int(), unitPrice4: z.number().int(), totalCents: z.number().int() });
export const shopOrderSchema = z.object({
  id: z.string(),
  shop: shopSchema,
  pickupDate: z.string(),
  customerName: z.string(),
  phone: z.string(),
  depositCents: z.number().int(),
  totalCents: z.number().int(),
  balanceCents: z.number().int(),
  status: z.enum(SHOP_ORDER_STATUSES),
  lines: z.array(shopOrderLineSchema),
});
export type ShopOrderView = z.output<typeof shopOrderSchema>;

export const shopOrdersQuerySchema = z.object({
  date: z.preprocess(blankToUndefined, isoDateSchema.optional()).describe("Pickup date (YYYY-MM-DD)"),
  shop: z.preprocess(blankToUndefined, idSchema.optional()).describe("Only this shop"),
});
export const shopOrderListSchema = z.object({ shopOrders: z.array(shopOrderSchema) });

export const SHOP_ORDER_ACTIONS = ["pickup", "cancel"] as const;
export type ShopOrderAction = (typeof SHOP_ORDER_ACTIONS)[number];

// ---- Leftovers

export const leftoversInputSchema = z.object({
  shop: idSchema.describe("The producer's shop"),
  lines: z.array(z.object({ formatId: idSchema, quantity: quantitySchema })).max(500).describe("What is left per format; 0 removes the line"),
});
export const leftoversQuerySchema = z.object({ shop: idSchema.describe("The producer's shop") });
export const leftoversSchema = z.object({
  date: z.string(),
  shop: shopSchema,
  lines: z.array(z.object({ formatId: z.string(), description: z.string(), quantity: z.number().int() })),
});
export type LeftoversView = z.output<typeof leftoversSchema>;

// ---- Production list

export const productionQuerySchema = z.object({
  families: z.string().max(400).optional().describe('Families to list, as typed: "3 8 9" or "Viennoiseries, Pâtisseries" (absent: the producer\'s default; empty: every family)'),
});
export const productionItemSchema = z.object({
  productId: z.string(),
  name: z.string(),
  quantity: z.number().int().describe("To make: max(0, fromOrders + fromShop − leftovers)"),
  fromOrders: z.number().int(),
  fromShop: z.number().int(),
  leftovers: z.number().int(),
  formats: z.array(z.object({ formatId: z.string(), name: z.string(), fromOrders: z.number().int(), fromShop: z.number().int(), leftovers: z.number().int() })).describe("Extension: the same figures per format"),
});
export const productionListSchema = z.object({
  date: z.string(),
  validated: z.boolean().describe("Extension: the date is validated (the list is final)"),
  leftoverDate: z.string().describe("Extension: the day whose leftovers are deducted (date − the leftover offset)"),
  filter: z.array(z.string()).describe("Extension: the families listed (empty: all)"),
  families: z.array(z.object({ family: z.string(), items: z.array(productionItemSchema) })),
});
export type ProductionList = z.output<typeof productionListSchema>;

// ---- Delivery notes

export const deliveryNoteQuerySchema = z.object({
  print: z.preprocess(blankToUndefined, z.enum(["eve"]).optional()).describe('"eve": printed the day before (J−1), said in the title'),
});

// ---- Bakery settings

/** A decimal typed by a person ("0,200") or a number of 1/10,000 from the API. */
export const bakerySettingsInputSchema = z.object({
  slicingFee4: z.coerce.number().int("field.invalid").min(0).max(10_000_000).describe("Slicing fee per sliced unit, in 1/10,000 (2000 = 0,200)"),
  unitPriceDecimals: z.coerce.number().int("field.invalid").min(1).max(4).describe("Decimals of unit prices on delivery notes"),
  intakeRetentionDays: z.coerce.number().int("field.invalid").min(0).max(365).describe("Days taken-in orders stay in the intake lists"),
  leftoverOffsetDays: z.coerce.number().int("field.invalid").min(0).max(14).describe("Leftovers of day J are deducted from the production of J+n"),
  leftoverFamilies: z.preprocess((v) => v ?? "", z.string().trim().max(400)).describe('Families leftovers are deducted from ("" = all)'),
  productionFamilies: z.preprocess((v) => v ?? "", z.string().trim().max(400)).describe('The production list\'s default family filter ("3 8 9"; "" = all)'),
});
export type BakerySettingsInput = z.output<typeof bakerySettingsInputSchema>;

export const bakerySettingsSchema = z.object({
  slicingFee4: z.number().int(),
  unitPriceDecimals: z.number().int(),
  intakeRetentionDays: z.number().int(),
  leftoverOffsetDays: z.number().int(),
  leftoverFamilies: z.array(z.string()),
  productionFamilies: z.array(z.string()),
});
export type BakerySettingsResponse = z.output<typeof bakerySettingsSchema>;

/** The settings page's form: the slicing fee as typed ("0,200", up to 4 decimals), the rest as the API takes it. */
export const bakerySettingsFormSchema = bakerySettingsInputSchema.omit({ slicingFee4: true }).extend({
  slicingFee: z
    .string({ message: "field.required" })
    .trim()
    .min(1)
    .transform((text, ctx) => {
      const value = parseUnitPrice4(text);
      if (value === null || value < 0 || value > 10_000_000) {
        ctx.addIssue({ code: "custom", message: "production.error.invalidFee" });
        return z.NEVER;
      }
      return value;
    }),
});

/** The shops page's counter order form: empty item rows are left out; the deposit typed as money ("5,00"). */
export const shopOrderFormSchema = z.object({
  intent: z.literal("createOrder"),
  shop: idSchema,
  pickupDate: isoDateSchema,
  customerName: z.string().trim().min(1).max(120),
  phone: z.string().trim().max(40).optional(),
  deposit: z
    .string()
    .trim()
    .optional()
    .transform((text, ctx) => {
      if (!text) return 0;
      const cents = parseCents(text);
      if (cents === null || cents < 0 || cents > MAX_CENTS) {
        ctx.addIssue({ code: "custom", message: "field.invalid" });
        return z.NEVER;
      }
      return cents;
    }),
  lines: z
    .array(z.object({ formatId: z.string().trim().optional(), quantity: z.string().trim().optional() }).optional())
    .optional()
    .transform((rows) => (rows ?? []).flatMap((row) => (row?.formatId && row.quantity ? [{ formatId: row.formatId, quantity: row.quantity }] : []))),
});

export const shopsPageSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("createShop"), name: createShopSchema.shape.name }),
  shopOrderFormSchema,
  z.object({ intent: z.enum(["pickup", "cancel"]), id: idSchema }),
  z.object({
    intent: z.literal("leftovers"),
    shop: idSchema,
    date: isoDateSchema,
    lines: z.array(z.object({ formatId: idSchema, quantity: z.string().trim().optional() }).optional()).optional(),
  }),
]);
