// The order status machine, in one place: which transitions exist, from which status, and which
// side of the order may make each one; the roles come from the permission matrix
// (app/utils/permissions.ts). Services and pages both read it; an impossible transition answers 409
// invalid_transition, a party or role without the right answers 403.
import { can, type Action, type Actor } from "~/utils/permissions";

export const ORDER_STATUSES = ["PENDING", "ACCEPTED", "SHIPPED", "DELIVERED", "INVOICED", "PAID", "REJECTED", "CANCELLED", "EXPIRED"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** How the acting organization takes part in an order. */
export type OrderSide = "seller" | "buyer" | "rep" | "distributor";

export type OrderAction = "accept" | "reject" | "cancel" | "ship" | "deliver" | "amend" | "restore" | "expire";

type Rule = { from: readonly OrderStatus[]; to?: OrderStatus; sides: readonly OrderSide[]; permission: Action | null };

const SELLER_SIDE: readonly OrderSide[] = ["seller", "rep", "distributor"];

export const ORDER_RULES: Record<OrderAction, Rule> = {
  // The seller side decides; the buyer never changes an order once placed (it uses the chat).
  accept: { from: ["PENDING"], to: "ACCEPTED", sides: SELLER_SIDE, permission: "order:decide" },
  reject: { from: ["PENDING"], to: "REJECTED", sides: SELLER_SIDE, permission: "order:decide" },
  cancel: { from: ["PENDING", "ACCEPTED"], to: "CANCELLED", sides: SELLER_SIDE, permission: "order:decide" },
  amend: { from: ["PENDING", "ACCEPTED"], sides: SELLER_SIDE, permission: "order:amend" },
  restore: { from: ["PENDING", "ACCEPTED"], sides: SELLER_SIDE, permission: "order:amend" },
  // Whoever carries the goods ships them; the goods are confirmed on arrival by the carrier or the buyer.
  ship: { from: ["ACCEPTED"], to: "SHIPPED", sides: ["seller", "distributor"], permission: "order:handle" },
  deliver: { from: ["SHIPPED"], to: "DELIVERED", sides: ["seller", "distributor", "buyer"], permission: "order:handle" },
  // Only the scheduled job: not accepted by its delivery date.
  expire: { from: ["PENDING"], to: "EXPIRED", sides: [], permission: null },
};

export function isAllowedFrom(action: OrderAction, status: string): boolean {
  return (ORDER_RULES[action].from as readonly string[]).includes(status);
}

export function mayAct(action: OrderAction, side: OrderSide, actor: Actor): boolean {
  const rule = ORDER_RULES[action];
  return rule.permission !== null && rule.sides.includes(side) && can(actor, rule.permission);
}

/** The actions a user may take on an order now (what the page shows, nothing else). */
export function availableActions(status: string, side: OrderSide, actor: Actor): OrderAction[] {
  return (Object.keys(ORDER_RULES) as OrderAction[]).filter((a) => isAllowedFrom(a, status) && mayAct(a, side, actor));
}

/**
 * The moves only invoice operations make (app/modules/invoice): publication freezes a delivered order,
 * settlement moves it between INVOICED and PAID (both ways: a deleted payment reopens it), cancelling
 * the invoice brings it back to DELIVERED for correction. None is a user action on the order itself.
 */
export const INVOICE_MOVES = {
  publish: { from: ["DELIVERED"], to: "INVOICED", sides: SELLER_SIDE, permission: "invoice:publish" },
  settle: { from: ["INVOICED"], to: "PAID", sides: [], permission: null },
  reopen: { from: ["PAID"], to: "INVOICED", sides: [], permission: null },
  cancelInvoice: { from: ["INVOICED", "PAID"], to: "DELIVERED", sides: SELLER_SIDE, permission: "invoice:cancel" },
} as const satisfies Record<string, Rule>;

/** The seller side (seller, rep, distributor) may publish the invoice of a delivered order, by role. */
export function mayPublishInvoice(status: string, side: OrderSide, actor: Actor): boolean {
  const rule = INVOICE_MOVES.publish;
  return (rule.from as readonly string[]).includes(status) && rule.sides.includes(side) && can(actor, rule.permission);
}

/** Once shipped the lines no longer change; once invoiced nothing changes but through the invoice. */
export const FROZEN_STATUSES: readonly OrderStatus[] = ["INVOICED", "PAID"];
export const OPEN_STATUSES: readonly OrderStatus[] = ["PENDING", "ACCEPTED", "SHIPPED"];
