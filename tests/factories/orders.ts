// Orders written directly, not through the order services: a consistent order in any status, as the
// services would have left it — its number from the seller's ORDER sequence (incremented in the same
// transaction), lines priced from the catalog and the customer group, totals from computeTotals, the
// buyer's submitted copy, the status timestamps and one history event per step with its actor.
// The demo seed and the tests use createOrderRecord(s); the benchmark's bulk loader uses
// buildOrderRows with its own contexts, so all three write the same rows.
import type { Prisma } from "@prisma/client";
import { startOfDay } from "~/modules/order/dates";
import type { Submitted } from "~/modules/order/order-lines.server";
import type { OrderStatus } from "~/modules/order/status-machine";
import type { Distribution } from "~/modules/order/types";
import { computeTotals, type PricedLineInput } from "~/modules/pricing/totals";
import type { Db, Tx } from "~/utils/db.server";

export const ORDER_SEQUENCE_KIND = "ORDER";

/** The acting person of one party of an order. */
export type OrderParty = { orgId: string; orgName: string; userId: string; userName: string };

export type OrderFormat = { id: string; description: string; unitPrice4: number; depositCents: number; taxRateBps: number };

/** Everything needed to write orders of one relation, read once. */
export type OrderContext = {
  relationId: string;
  currency: string;
  groupDiscountBps: number;
  minOrderCents: number;
  defaultDistribution: Distribution;
  seller: OrderParty;
  buyer: OrderParty;
  rep: OrderParty | null;
  distributor: OrderParty | null;
  /** The seller's formats by id. */
  formats: ReadonlyMap<string, OrderFormat>;
};

export type OrderLineInput =
  | { format: string | { id: string }; quantity: number; receivedQuantity?: number }
  | { kind: "FEE" | "REBATE"; description: string; unitPrice4: number; quantity?: number; taxRateBps?: number };

export type OrderRecordInput = {
  /** The RETAIL relation, or its seller and buyer. */
  relation?: string | { id: string };
  sellerId?: string;
  buyerId?: string;
  status?: OrderStatus;
  lines: OrderLineInput[];
  deliveryDate: string;
  createdAt?: Date;
  distribution?: Distribution;
  note?: string;
  /** Who placed the order (default: the buyer). */
  placedBy?: "buyer" | "seller" | "rep";
  taxesEnabled?: boolean;
  depositsEnabled?: boolean;
  /** The customer group's discount on the lines (default true; the order keeps the group's rate). */
  applyGroupDiscount?: boolean;
  /** A CANCELLED order was cancelled while PENDING unless this says it had been accepted. */
  cancelledAfterAcceptance?: boolean;
};

export type OrderRows = {
  order: Prisma.OrderCreateManyInput & { id: string; number: number; createdAt: Date; updatedAt: Date };
  lines: (Prisma.OrderLineCreateManyInput & { id: string })[];
  events: (Prisma.OrderEventCreateManyInput & { id: string; createdAt: Date })[];
};

// ---- ids ------------------------------------------------------------------------------------------

const ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
let idCounter = Math.floor(Math.random() * 36 ** 4);
const idFingerprint = (process.pid % 36 ** 4).toString(36).padStart(4, "0");

/** A cuid-shaped id (25 characters, time-ordered prefix, so index inserts stay append-mostly). */
export function newId(): string {
  idCounter = (idCounter + 1) % 36 ** 5;
  let tail = "";
  for (let i = 0; i < 7; i++) tail += ID_ALPHABET[Math.floor(Math.random() * 36)];
  return `c${Date.now().toString(36).padStart(8, "0")}${idCounter.toString(36).padStart(5, "0")}${idFingerprint}${tail}`;
}

// ---- the rows of one order (pure) -----------------------------------------------------------------

const HOUR = 3_600_000;

/** The transitions an order went through to reach its status (PENDING, where it starts, excluded). */
function statusPath(status: OrderStatus, cancelledAfterAcceptance: boolean): OrderStatus[] {
  switch (status) {
    case "PENDING":
      return [];
    case "ACCEPTED":
      return ["ACCEPTED"];
    case "SHIPPED":
      return ["ACCEPTED", "SHIPPED"];
    // Invoices and payments bring their own history: an invoiced or paid order went through delivery.
    case "DELIVERED":
    case "INVOICED":
    case "PAID":
      return ["ACCEPTED", "SHIPPED", "DELIVERED"];
    case "REJECTED":
      return ["REJECTED"];
    case "CANCELLED":
      return cancelledAfterAcceptance ? ["ACCEPTED", "CANCELLED"] : ["CANCELLED"];
    case "EXPIRED":
      return ["EXPIRED"];
  }
}

// As the order services write history: the expiry job is "Comptoir", without ids.
const SYSTEM_ACTOR = { actorId: null, actorName: "Comptoir", actorOrgId: null, actorOrgName: "Comptoir" };

function eventActor(party: OrderParty) {
  return { actorId: party.userId, actorName: party.userName, actorOrgId: party.orgId, actorOrgName: party.orgName };
}

/**
 * The order, line and event rows of one order. `number` comes from the seller's sequence; `now`
 * bounds the event times (an order delivered today was not delivered later than now).
 */
export function buildOrderRows(ctx: OrderContext, input: OrderRecordInput, number: number, now = Date.now()): OrderRows {
  const status = input.status ?? "PENDING";
  const distribution = input.distribution ?? ctx.defaultDistribution;
  const taxesEnabled = input.taxesEnabled ?? true;
  const depositsEnabled = input.depositsEnabled ?? true;
  const createdAt = input.createdAt ?? new Date(now);
  const applyGroupDiscount = input.applyGroupDiscount ?? true;
  const delivered = status === "DELIVERED" || status === "INVOICED" || status === "PAID";
  const orderId = newId();

  const priced: (PricedLineInput & { formatId: string | null; description: string; receivedQuantity: number | null })[] =
    input.lines.map((line) => {
      if ("format" in line) {
        const formatId = typeof line.format === "string" ? line.format : line.format.id;
        const format = ctx.formats.get(formatId);
        if (!format) throw new Error(`createOrderRecord: format ${formatId} is not in the seller's catalog`);
        return {
          kind: "ITEM",
          formatId,
          description: format.description,
          quantity: line.quantity,
          unitPrice4: format.unitPrice4,
          discountBps: applyGroupDiscount ? ctx.groupDiscountBps : 0,
          taxRateBps: format.taxRateBps,
          depositCents: format.depositCents,
          receivedQuantity: delivered ? (line.receivedQuantity ?? line.quantity) : null,
        };
      }
      return {
        kind: line.kind,
        formatId: null,
        description: line.description,
        quantity: line.quantity ?? 1,
        unitPrice4: line.unitPrice4,
        discountBps: 0,
        taxRateBps: line.taxRateBps ?? 0,
        depositCents: 0,
        receivedQuantity: null,
      };
    });
  const { lines: amounts, totals } = computeTotals(priced, { taxesEnabled, depositsEnabled });

  const lines: OrderRows["lines"] = priced.map((line, position) => ({
    id: newId(),
    orderId,
    position,
    kind: line.kind,
    formatId: line.formatId,
    description: line.description,
    quantity: line.quantity,
    unitPrice4: line.unitPrice4,
    discountBps: line.discountBps,
    taxRateBps: line.taxRateBps,
    depositCents: line.depositCents,
    totalCents: amounts[position].totalCents,
    receivedQuantity: line.receivedQuantity,
  }));

  const placedBy = input.placedBy ?? "buyer";
  const creator = placedBy === "seller" ? ctx.seller : placedBy === "rep" && ctx.rep ? ctx.rep : ctx.buyer;
  const carrier = distribution === "DISTRIBUTOR" && ctx.distributor ? ctx.distributor : ctx.seller;

  // The history: CREATED, then one event per transition, each after the previous one. Delivery days
  // are in the server's time zone, like the services' "today".
  const deliveryDay = startOfDay(input.deliveryDate).getTime();
  const events: OrderRows["events"] = [
    { id: newId(), orderId, type: "CREATED", ...eventActor(creator), changes: "{}", createdAt },
  ];
  const stamps: Partial<Record<OrderStatus, Date>> = {};
  let previous = createdAt.getTime();
  for (const step of statusPath(status, input.cancelledAfterAcceptance ?? false)) {
    const planned: Record<string, number> = {
      ACCEPTED: previous + 2 * HOUR,
      REJECTED: previous + 3 * HOUR,
      CANCELLED: previous + 5 * HOUR,
      SHIPPED: deliveryDay + 7 * HOUR,
      DELIVERED: deliveryDay + 11 * HOUR,
      EXPIRED: deliveryDay,
    };
    const at = new Date(Math.max(Math.min(planned[step], now), previous + 60_000));
    previous = at.getTime();
    stamps[step] = at;
    const actor =
      step === "EXPIRED" ? SYSTEM_ACTOR : eventActor(step === "SHIPPED" ? carrier : step === "DELIVERED" ? (carrier === ctx.seller ? ctx.buyer : carrier) : ctx.seller);
    events.push({ id: newId(), orderId, type: step, ...actor, changes: "{}", createdAt: at });
  }
  const closedAt = stamps.REJECTED ?? stamps.CANCELLED ?? stamps.EXPIRED ?? null;

  const distributorId = distribution === "DISTRIBUTOR" ? (ctx.distributor?.orgId ?? null) : null;
  const submitted: Submitted = {
    lines: priced.map(({ kind, formatId, description, quantity, unitPrice4, discountBps, taxRateBps, depositCents }, position) => ({
      id: lines[position].id, kind, formatId, description, quantity, unitPrice4, discountBps, taxRateBps, depositCents,
    })),
    taxesEnabled,
    depositsEnabled,
    applyGroupDiscount,
    note: input.note ?? "",
    deliveryDate: input.deliveryDate,
    distribution,
    distributorId,
  };

  const order: OrderRows["order"] = {
    id: orderId,
    sellerId: ctx.seller.orgId,
    buyerId: ctx.buyer.orgId,
    repId: ctx.rep?.orgId ?? null,
    distributorId,
    relationId: ctx.relationId,
    number,
    status,
    version: events.length,
    distribution,
    deliveryDate: input.deliveryDate,
    note: input.note ?? "",
    currency: ctx.currency,
    groupDiscountBps: ctx.groupDiscountBps,
    taxesEnabled,
    depositsEnabled,
    minOrderCents: ctx.minOrderCents,
    ...totals,
    buyerName: ctx.buyer.orgName,
    submitted: JSON.stringify(submitted),
    parentOrderId: null,
    createdById: creator.userId,
    createdByOrgId: creator.orgId,
    lockedById: null,
    lockedUntil: null,
    acceptedAt: stamps.ACCEPTED ?? null,
    shippedAt: stamps.SHIPPED ?? null,
    deliveredAt: stamps.DELIVERED ?? null,
    closedAt,
    createdAt,
    updatedAt: events[events.length - 1].createdAt,
  };
  return { order, lines, events };
}

// ---- reading the context --------------------------------------------------------------------------

type Client = Db | Tx;

/** The relation's parties (their first OWNER, else first member, acts for them), group and catalog. */
export async function loadOrderContext(client: Client, where: { relationId: string } | { sellerId: string; buyerId: string }): Promise<OrderContext> {
  const relation = await client.relation.findFirstOrThrow({
    where: "relationId" in where ? { id: where.relationId } : { producerId: where.sellerId, partnerId: where.buyerId, kind: "RETAIL" },
    select: { id: true },
  });
  const [context] = await loadOrderContexts(client, [relation.id]);
  return context;
}

/** The contexts of many relations in four queries (the benchmark reads thousands). */
export async function loadOrderContexts(client: Client, relationIds: readonly string[]): Promise<OrderContext[]> {
  const relations = await client.relation.findMany({
    where: { id: { in: [...relationIds] } },
    include: { customerGroup: { select: { discountBps: true } }, producer: { select: { currency: true } } },
  });
  const orgIds = new Set(relations.flatMap((r) => [r.producerId, r.partnerId, r.repId, r.defaultDistributorId].filter((id): id is string => !!id)));
  const producerIds = [...new Set(relations.map((r) => r.producerId))];
  const [members, formats] = await Promise.all([
    client.membership.findMany({
      where: { organizationId: { in: [...orgIds] } },
      select: { organizationId: true, role: true, organization: { select: { name: true } }, user: { select: { id: true, name: true } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    client.productFormat.findMany({
      where: { producerId: { in: producerIds } },
      select: { id: true, producerId: true, name: true, unitPrice4: true, depositCents: true, product: { select: { name: true } }, taxRate: { select: { rateBps: true } } },
      orderBy: [{ position: "asc" }, { id: "asc" }],
    }),
  ]);
  // The first OWNER acts for its organization, else its first member.
  const parties = new Map<string, { party: OrderParty; owner: boolean }>();
  for (const m of members) {
    const known = parties.get(m.organizationId);
    if (known && (known.owner || m.role !== "OWNER")) continue;
    parties.set(m.organizationId, {
      party: { orgId: m.organizationId, orgName: m.organization.name, userId: m.user.id, userName: m.user.name },
      owner: m.role === "OWNER",
    });
  }
  const party = (orgId: string | null): OrderParty | null => {
    if (!orgId) return null;
    const found = parties.get(orgId);
    if (!found) throw new Error(`createOrderRecord: organization ${orgId} has no member to act for it`);
    return found.party;
  };
  const catalogs = new Map<string, Map<string, OrderFormat>>();
  for (const f of formats) {
    let catalog = catalogs.get(f.producerId);
    if (!catalog) catalogs.set(f.producerId, (catalog = new Map()));
    catalog.set(f.id, { id: f.id, description: formatDescription(f.product.name, f.name), unitPrice4: f.unitPrice4, depositCents: f.depositCents, taxRateBps: f.taxRate.rateBps });
  }
  const byId = new Map(relations.map((r) => [r.id, r]));
  return relationIds.map((id) => {
    const relation = byId.get(id);
    if (!relation) throw new Error(`createOrderRecord: no relation ${id}`);
    if (!relation.partnerId) throw new Error(`createOrderRecord: relation ${relation.id} has no partner yet`);
    return {
      relationId: relation.id,
      currency: relation.producer.currency,
      groupDiscountBps: relation.customerGroup?.discountBps ?? 0,
      minOrderCents: relation.minOrderCents,
      defaultDistribution: relation.defaultDistribution as Distribution,
      seller: party(relation.producerId)!,
      buyer: party(relation.partnerId)!,
      rep: party(relation.repId),
      distributor: party(relation.defaultDistributorId),
      formats: catalogs.get(relation.producerId) ?? new Map(),
    };
  });
}

/** How an order line names a product format. */
export function formatDescription(productName: string, formatName: string): string {
  return `${productName} — ${formatName}`;
}

// ---- writing --------------------------------------------------------------------------------------

/** Takes `count` numbers from the seller's ORDER sequence; returns the first. */
export async function takeOrderNumbers(tx: Tx, sellerId: string, count: number): Promise<number> {
  const row = await tx.sellerSequence.upsert({
    where: { sellerId_kind: { sellerId, kind: ORDER_SEQUENCE_KIND } },
    create: { sellerId, kind: ORDER_SEQUENCE_KIND, next: count + 1 },
    update: { next: { increment: count } },
  });
  return row.next - count;
}

/** A value as Prisma's SQLite adapter stores it: DateTime as ISO 8601 with "+00:00", Boolean as 0/1. */
export function toSqlValue(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value as string | number;
}

/** Column names of a row type, in the order of its keys (every row of a batch has the same keys). */
export function columnsOf(row: object): string[] {
  return Object.keys(row);
}

// SQLite accepts up to 32,766 parameters per statement.
const MAX_PARAMETERS = 32_000;

async function insertRows(tx: Tx, table: "Order" | "OrderLine" | "OrderEvent", rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = columnsOf(rows[0]);
  const perStatement = Math.floor(MAX_PARAMETERS / columns.length);
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values = chunk.flatMap((row) => columns.map((c) => toSqlValue((row as Record<string, unknown>)[c])));
    await tx.$executeRawUnsafe(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${chunk.map(() => tuple).join(", ")}`,
      ...values,
    );
  }
}

export type OrderRecord = OrderRows["order"] & { lines: OrderRows["lines"]; events: OrderRows["events"] };

/**
 * Writes many orders in one transaction (one when `client` is the Prisma client; the caller's when it
 * is a transaction). Numbers follow creation time within each seller. Returns them in input order.
 */
export async function createOrderRecords(client: Client, inputs: readonly OrderRecordInput[]): Promise<OrderRecord[]> {
  const write = async (tx: Tx): Promise<OrderRecord[]> => {
    const contexts = new Map<string, Promise<OrderContext>>();
    const contextOf = (input: OrderRecordInput) => {
      const where =
        input.relation !== undefined
          ? { relationId: typeof input.relation === "string" ? input.relation : input.relation.id }
          : input.sellerId && input.buyerId
            ? { sellerId: input.sellerId, buyerId: input.buyerId }
            : null;
      if (!where) throw new Error("createOrderRecord: give a relation, or a sellerId and a buyerId");
      const key = JSON.stringify(where);
      if (!contexts.has(key)) contexts.set(key, loadOrderContext(tx, where));
      return contexts.get(key)!;
    };
    const resolved: { input: OrderRecordInput; ctx: OrderContext; createdAt: number }[] = [];
    for (const input of inputs) resolved.push({ input, ctx: await contextOf(input), createdAt: input.createdAt?.getTime() ?? Date.now() });

    // Numbers in creation order, per seller.
    const bySeller = new Map<string, number[]>();
    resolved.forEach((r, i) => bySeller.set(r.ctx.seller.orgId, [...(bySeller.get(r.ctx.seller.orgId) ?? []), i]));
    const numbers: number[] = [];
    for (const [sellerId, indexes] of bySeller) {
      indexes.sort((a, b) => resolved[a].createdAt - resolved[b].createdAt || a - b);
      const first = await takeOrderNumbers(tx, sellerId, indexes.length);
      indexes.forEach((index, k) => (numbers[index] = first + k));
    }

    const now = Date.now();
    const rows = resolved.map((r, i) => buildOrderRows(r.ctx, r.input, numbers[i], now));
    // Multi-row INSERTs: Prisma's createMany costs ~0.15 ms a row here, which the demo seed (run by
    // every integration test file) cannot afford. The column lists come from the typed rows.
    await insertRows(tx, "Order", rows.map((r) => r.order));
    await insertRows(tx, "OrderLine", rows.flatMap((r) => r.lines));
    await insertRows(tx, "OrderEvent", rows.flatMap((r) => r.events));
    return rows.map((r) => ({ ...r.order, lines: r.lines, events: r.events }));
  };
  return "$transaction" in client ? client.$transaction(write, { timeout: 60_000 }) : write(client);
}

export async function createOrderRecord(client: Client, input: OrderRecordInput): Promise<OrderRecord> {
  const [record] = await createOrderRecords(client, [input]);
  return record;
}
