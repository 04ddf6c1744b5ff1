// The order as pages, the API (../shared/api.md, "Orders") and documents see it.
import type { LineKind } from "../pricing/totals";
import type { OrderAction, OrderSide, OrderStatus } from "./status-machine";

export const DISTRIBUTIONS = ["SELF", "SHIPPED", "PICKUP", "DISTRIBUTOR"] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

export const ORDER_VIEWS = ["to_accept", "to_ship", "to_deliver", "late", "to_invoice", "unpaid", "done"] as const;
export type OrderQuickView = (typeof ORDER_VIEWS)[number];
/** The quick filters that are work to do, counted on the list and the home page; `done` is history. */
export type CountedView = Exclude<OrderQuickView, "done">;
export const COUNTED_VIEWS = ORDER_VIEWS.filter((view): view is CountedView => view !== "done");

export type OrgRef = { id: string; slug: string; name: string };

export type OrderLineView = {
  id: string;
  kind: LineKind;
  formatId: string | null;
  description: string;
  quantity: number;
  unitPrice4: number;
  discountBps: number;
  taxRateBps: number;
  depositCents: number;
  totalCents: number;
  receivedQuantity: number | null;
};

/** The contract's order object, plus extensions (after `updatedAt`) that pages use. */
export type OrderView = {
  id: string;
  number: number;
  status: OrderStatus;
  version: number;
  seller: OrgRef;
  buyer: OrgRef;
  rep: OrgRef | null;
  distributor: OrgRef | null;
  distribution: Distribution;
  deliveryDate: string;
  note: string;
  lines: OrderLineView[];
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  depositCents: number;
  totalCents: number;
  invoice: { id: string; number: string; status: string; totalCents: number; balanceCents: number } | null;
  lockedBy: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
  // Extensions
  currency: string;
  taxesEnabled: boolean;
  depositsEnabled: boolean;
  groupDiscountBps: number;
  minOrderCents: number;
  /** The soft minimum is not reached: a warning for both sides, never a block. */
  belowMinimum: boolean;
  parentOrderId: string | null;
  lockExpiresAt: string | null;
  /** How the viewing organization takes part, and what the viewing user may do now. */
  viewerSide: OrderSide;
  actions: OrderAction[];
};
