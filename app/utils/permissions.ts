// The one permission matrix: which role, in which kind of organization, may do which action.
// Shared by the server (require*) and the client (to show only the actions a user may take).
export const ORG_KINDS = ["PRODUCER", "DISTRIBUTOR", "REP_AGENCY", "RETAILER"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const ROLES = ["OWNER", "MANAGER", "SALES", "ACCOUNTANT", "STAFF"] as const;
export type Role = (typeof ROLES)[number];

/** roles: who may; kinds: in which organizations (all when absent); rolesByKind: a narrower list for a kind. */
type Rule = { roles: readonly Role[]; kinds?: readonly OrgKind[]; rolesByKind?: Partial<Record<OrgKind, readonly Role[]>> };

const ALL: readonly Role[] = ROLES;
const LEADS: readonly Role[] = ["OWNER", "MANAGER"];
const SELLERS: readonly OrgKind[] = ["PRODUCER", "DISTRIBUTOR", "REP_AGENCY"];

export const PERMISSIONS = {
  "org:read": { roles: ALL },
  "org:update": { roles: LEADS },
  "member:read": { roles: ALL },
  "member:invite": { roles: LEADS },
  "member:update": { roles: LEADS },
  "member:remove": { roles: LEADS },
  "relation:read": { roles: ALL },
  "relation:invite": { roles: ["OWNER", "MANAGER", "SALES"], kinds: ["PRODUCER"] },
  "relation:update": { roles: ["OWNER", "MANAGER", "SALES"], kinds: ["PRODUCER"] },
  "relation:respond": { roles: LEADS, kinds: ["RETAILER", "DISTRIBUTOR", "REP_AGENCY"] },
  "catalog:read": { roles: ALL },
  "catalog:write": { roles: ["OWNER", "MANAGER", "SALES"], kinds: ["PRODUCER"] },
  "api-token:manage": { roles: ALL },
  // Later issues (orders, invoices) read the same matrix.
  "order:read": { roles: ALL },
  "order:create": { roles: ["OWNER", "MANAGER", "SALES", "STAFF"] },
  "order:amend": { roles: ["OWNER", "MANAGER", "SALES"], kinds: SELLERS },
  // Taking the taxes, the deposits or the customer group's discount off an order is the seller side's
  // decision: an order a buyer places always carries them.
  "order:remove-charges": { roles: ["OWNER", "MANAGER", "SALES"], kinds: SELLERS },
  // Accept, reject, cancel (the order's status machine says from which status, and which side).
  "order:decide": { roles: ["OWNER", "MANAGER", "SALES"], kinds: SELLERS },
  // Ship and confirm a delivery.
  "order:handle": { roles: ["OWNER", "MANAGER", "SALES", "STAFF"] },
  // On the retailer side only OWNER and ACCOUNTANT see invoices (DESIGN, "Tenancy and roles").
  "invoice:read": { roles: ["OWNER", "MANAGER", "SALES", "ACCOUNTANT"], rolesByKind: { RETAILER: ["OWNER", "ACCOUNTANT"] } },
  "invoice:publish": { roles: ["OWNER", "MANAGER", "ACCOUNTANT"], kinds: SELLERS },
  "credit-note:create": { roles: ["OWNER", "MANAGER", "ACCOUNTANT"], kinds: SELLERS },
  "payment:record": { roles: ["OWNER", "MANAGER", "ACCOUNTANT"], kinds: SELLERS },
  // Cancelling an invoice issues a full credit note; deleting a payment corrects the seller's books.
  "invoice:cancel": { roles: ["OWNER", "MANAGER", "ACCOUNTANT"], kinds: SELLERS },
  "payment:delete": { roles: ["OWNER", "ACCOUNTANT"], kinds: ["PRODUCER"] },
  // The order chat: every member who sees the order reads and writes its conversation.
  "chat:read": { roles: ALL },
  "chat:post": { roles: ALL },
  // The ledger of a customer (seller side) or of a supplier (payables: retailer OWNER and ACCOUNTANT).
  "receivables:read": { roles: ["OWNER", "MANAGER", "SALES", "ACCOUNTANT"], rolesByKind: { RETAILER: ["OWNER", "ACCOUNTANT"] } },
  // Paying open invoices online (Stripe Checkout), on the retailer side.
  "invoice:pay": { roles: ["OWNER", "ACCOUNTANT"], kinds: ["RETAILER"] },
  // The producer's Stripe Connect account, where online payments go.
  "payment-settings:update": { roles: ["OWNER"], kinds: ["PRODUCER"] },
  // The bakery module (DESIGN, "Bakery module"). Standing orders, calendars and day orders are read
  // by both sides of a retail relation; the producer sets them, the retailer proposes and enters
  // delivery differences; the morning's intake, the shop order book and the settings are the
  // producer's.
  "standing:read": { roles: ALL, kinds: ["PRODUCER", "RETAILER"] },
  "standing:write": { roles: ["OWNER", "MANAGER", "SALES"], kinds: ["PRODUCER"] },
  "standing:propose": { roles: ["OWNER", "MANAGER", "SALES", "STAFF"], kinds: ["RETAILER"] },
  "intake:run": { roles: ["OWNER", "MANAGER", "SALES", "STAFF"], kinds: ["PRODUCER"] },
  "production:read": { roles: ALL, kinds: ["PRODUCER"] },
  "shop:write": { roles: ["OWNER", "MANAGER", "SALES", "STAFF"], kinds: ["PRODUCER"] },
  "bakery:settings": { roles: LEADS, kinds: ["PRODUCER"] },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof PERMISSIONS;

export type Actor = { role: Role; kind: OrgKind };

export function can(actor: Actor, action: Action): boolean {
  const rule: Rule = PERMISSIONS[action];
  const roles = rule.rolesByKind?.[actor.kind] ?? rule.roles;
  if (!roles.includes(actor.role)) return false;
  return !rule.kinds || rule.kinds.includes(actor.kind);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
export function isOrgKind(value: string): value is OrgKind {
  return (ORG_KINDS as readonly string[]).includes(value);
}
