// What the morning intake's routes and forms accept and answer (../shared/api.md, "Standing orders and
// production": GET|POST /api/v1/intake/:date, conflicts, validate; extension: the delivered history).
import { z } from "zod";
import { dateSchema } from "../order/schemas";

const idSchema = z.string().trim().min(1).max(64);


/** The detail list a counter opens (the page's `?show=`). */
export const INTAKE_SHOWS = ["customers", "received", "takenIn", "toTakeIn", "differences", "differencesTakenIn", "differencesToTakeIn"] as const;
export type IntakeShow = (typeof INTAKE_SHOWS)[number];

export const takeInSchema = z.object({
  orderIds: z.array(idSchema).max(5_000).optional().describe("The orders to take in; all of the date's pending ones when omitted"),
});
export type TakeInInput = z.output<typeof takeInSchema>;

export const resolveConflictSchema = z.object({ keepOrderId: idSchema.describe("The order to keep; the customer's other orders of the date are refused or cancelled") });

export const historyQuerySchema = z.object({
  producer: idSchema.optional().describe("Retailer side: one producer (default: every producer it buys from)"),
  customer: idSchema.optional().describe("Producer side: one customer organization (default: every customer)"),
  from: dateSchema.optional().describe("First date (default: 60 days before `to`, else before today)"),
  to: dateSchema.optional().describe("Last date (default: none — the dates validated ahead included)"),
});
export type HistoryQuery = z.output<typeof historyQuerySchema>;

export const rebuildHistorySchema = z.object({
  producer: idSchema.optional().describe("Retailer side: one producer (default: every producer)"),
  customer: idSchema.optional().describe("Producer side: one customer organization (default: every customer)"),
});

// ---- Answers (documented in the OpenAPI description)

const orgRefSchema = z.object({ id: z.string(), slug: z.string(), name: z.string() });
const dayLineSchema = z.object({ formatId: z.string(), productId: z.string(), description: z.string(), quantity: z.number().int(), unitPrice4: z.number().int(), sliced: z.boolean() });
const orderRefSchema = z.object({ id: z.string(), number: z.number().int(), status: z.string(), version: z.number().int() });
const sourceSchema = z.enum(["STANDING", "WEB", "STAFF", "REP"]);
const intakeStateSchema = z.enum(["STANDING", "TO_TAKE_IN", "TAKEN_IN"]);

export const intakeBoardSchema = z.object({
  date: z.string(),
  validated: z.boolean(),
  validation: z.object({ at: z.string(), byName: z.string(), ordersCreated: z.number().int() }).nullable(),
  activeCustomers: z.number().int(),
  retentionDays: z.number().int().describe("How long taken-in orders stay in the intake lists after their date (bakery settings)"),
  received: z.number().int().describe("Orders placed for the date on the web, by staff or by a rep (live statuses)"),
  takenIn: z.number().int(),
  toTakeIn: z.number().int(),
  proposals: z.number().int().describe("Standing-order proposals waiting for a decision"),
  differences: z.object({ received: z.number().int(), takenIn: z.number().int(), toTakeIn: z.number().int() }),
  conflicts: z.array(z.object({ customer: orgRefSchema, orders: z.array(orderRefSchema.extend({ source: sourceSchema, intake: intakeStateSchema, lines: z.array(dayLineSchema) })) })),
  purged: z.object({ orders: z.number().int() }).describe("Taken-in orders of a date older than the retention, no longer listed (never deleted)"),
  orders: z.array(z.object({ customer: orgRefSchema, conflict: z.boolean(), source: sourceSchema, intake: intakeStateSchema, order: orderRefSchema, lines: z.array(dayLineSchema) })).describe("The orders placed for the date (web, staff, rep), but those purged"),
  differencesList: z.array(z.object({ id: z.string(), customer: orgRefSchema, status: z.enum(["RECEIVED", "TAKEN_IN"]), createdAt: z.string(), createdByName: z.string(), lines: z.array(z.object({ formatId: z.string(), description: z.string(), delta: z.number().int() })) })),
});
export type IntakeBoard = z.output<typeof intakeBoardSchema>;

export const takeInResultSchema = z.object({
  takenIn: z.array(z.string()).describe("The orders taken in (accepted)"),
  locked: z.array(z.string()).describe("Left untouched: another user is amending them (their edit lease); take them in once they are done"),
  conflicts: intakeBoardSchema.shape.conflicts.describe("Left untouched: keep one explicitly"),
  intake: intakeBoardSchema,
});

export const validateResultSchema = z.object({
  date: z.string(),
  takenIn: z.array(z.string()),
  ordersCreated: z.number().int(),
  ordersAmended: z.number().int(),
  intake: intakeBoardSchema,
});

const historyLineSchema = z.object({ formatId: z.string().nullable(), description: z.string(), ordered: z.number().int(), quantity: z.number().int(), unitPrice4: z.number().int(), totalCents: z.number().int() });
export const historyResponseSchema = z.object({
  days: z.array(z.object({ date: z.string(), producer: orgRefSchema, customer: orgRefSchema, orderId: z.string().nullable(), lines: z.array(historyLineSchema), totalCents: z.number().int() })),
});
export const rebuildResultSchema = z.object({ from: z.string(), to: z.string(), rows: z.number().int() });

// ---- The intake page's forms (Conform parses them with these; the services parse their own input again)

export const intakeFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("takeInAll") }),
  z.object({ intent: z.literal("takeInSelected"), orderIds: z.array(idSchema, { message: "intake.error.selectOrders" }).min(1, { message: "intake.error.selectOrders" }) }),
  z.object({ intent: z.literal("keep"), customerId: idSchema, keepOrderId: idSchema }),
  z.object({ intent: z.literal("validate") }),
]);

export const historyFormSchema = z.object({ intent: z.literal("rebuild") });
