// Placing an order (POST /api/v1/orders). Any party of an ACTIVE retail relation may place it:
// - the retailer names the seller;
// - the producer names the buyer;
// - the rep agency assigned to the retailer (and ACTIVE in a representation relation with the
//   producer) names both;
// - a distributor ACTIVE in a distribution relation with the producer names both, and carries the order.
// Anything else answers 404 on the seller (or buyer), like an id that does not exist.
// Lines take the catalog's price, tax and deposit, and the customer group's discount (removable).
// The number comes from the seller's gapless sequence, in the same transaction.
import type { Prisma } from "@prisma/client";
import { getDb, type Tx } from "~/utils/db.server";
import { AppError, validationError, type FieldErrors } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { todayIso } from "./dates";
import { notifyOrderEvent } from "./notifications.server";
import { partyOrgIdsOf, publishOrderUpdated } from "./order-events";
import { isUniqueViolation, recordOrderEvent, TX_OPTIONS, type EventActor } from "./order-guard.server";
import { loadSellerFormats, priceDrafts, lineSnapshot, type LineDraft, type PricedDraft, type Submitted } from "./order-lines.server";
import { loadOrderView } from "./order-view.server";
import { createOrderSchema, idempotencyKeySchema, type CreateOrderInput } from "./schemas";
import type { Distribution, OrderView } from "./types";

const relationSelect = {
  id: true,
  producerId: true,
  partnerId: true,
  repId: true,
  defaultDistributorId: true,
  defaultDistribution: true,
  minOrderCents: true,
  customerGroup: { select: { discountBps: true } },
  producer: { select: { id: true, name: true, currency: true } },
  partner: { select: { id: true, name: true } },
} satisfies Prisma.RelationSelect;

type RetailRelation = Prisma.RelationGetPayload<{ select: typeof relationSelect }>;

const activeRetail = { kind: "RETAIL", status: "ACTIVE", producer: { kind: "PRODUCER" }, partner: { kind: "RETAILER" } } as const;

function sellerNotFound(): AppError {
  return new AppError("not_found", "orders.error.sellerNotFound");
}

/** The retail relation the order is placed under, as the actor's kind of organization may use it. */
async function resolveRelation(tx: Tx, actor: OrgActor, data: CreateOrderInput): Promise<RetailRelation> {
  const required: FieldErrors = {};
  const needSeller = actor.orgKind !== "PRODUCER";
  const needBuyer = actor.orgKind !== "RETAILER";
  if (needSeller && !data.seller) required.seller = "field.required";
  if (needBuyer && !data.buyer) required.buyer = "field.required";
  // A party names the other side; naming another organization for its own side is a mistake.
  if (!needSeller && data.seller && data.seller !== actor.orgId) required.seller = "field.invalid";
  if (!needBuyer && data.buyer && data.buyer !== actor.orgId) required.buyer = "field.invalid";
  if (Object.keys(required).length) throw validationError(required);

  const sellerId = needSeller ? data.seller! : actor.orgId;
  const buyerId = needBuyer ? data.buyer! : actor.orgId;
  let where: Prisma.RelationWhereInput;
  switch (actor.orgKind) {
    case "RETAILER":
    case "PRODUCER":
      where = { ...activeRetail, producerId: sellerId, partnerId: buyerId };
      break;
    case "REP_AGENCY":
      where = {
        ...activeRetail,
        producerId: sellerId,
        partnerId: buyerId,
        repId: actor.orgId,
        producer: { kind: "PRODUCER", sellingRelations: { some: { kind: "REPRESENTATION", status: "ACTIVE", partnerId: actor.orgId } } },
      };
      break;
    case "DISTRIBUTOR":
      where = {
        ...activeRetail,
        producerId: sellerId,
        partnerId: buyerId,
        producer: { kind: "PRODUCER", sellingRelations: { some: { kind: "DISTRIBUTION", status: "ACTIVE", partnerId: actor.orgId } } },
      };
      break;
  }
  const relation = await tx.relation.findFirst({ where, select: relationSelect });
  if (!relation || !relation.partner) throw sellerNotFound();
  return relation;
}

async function hasActiveDistribution(tx: Tx, producerId: string, distributorId: string): Promise<boolean> {
  const row = await tx.relation.findFirst({
    where: { producerId, partnerId: distributorId, kind: "DISTRIBUTION", status: "ACTIVE", partner: { kind: "DISTRIBUTOR" } },
    select: { id: true },
  });
  return Boolean(row);
}

/**
 * The distribution method and distributor of a new or amended order. A distributor that acts carries
 * the order itself; otherwise DISTRIBUTOR needs a distributor (given, or the relation's default) with
 * an ACTIVE distribution agreement with the seller — else 400 naming `distribution`.
 */
export async function resolveDistribution(
  tx: Tx,
  actor: OrgActor,
  sellerId: string,
  wanted: { distribution: Distribution; distributor?: string | null; fallbackDistributorId: string | null },
): Promise<{ distribution: Distribution; distributorId: string | null }> {
  if (actor.orgKind === "DISTRIBUTOR") {
    const fields: FieldErrors = {};
    if (wanted.distribution !== "DISTRIBUTOR") fields.distribution = "orders.error.distributorCarries";
    if (wanted.distributor && wanted.distributor !== actor.orgId) fields.distributor = "field.invalid";
    if (Object.keys(fields).length) throw validationError(fields);
    return { distribution: "DISTRIBUTOR", distributorId: actor.orgId };
  }
  if (wanted.distribution !== "DISTRIBUTOR") return { distribution: wanted.distribution, distributorId: null };
  const distributorId = wanted.distributor ?? wanted.fallbackDistributorId;
  if (!distributorId || !(await hasActiveDistribution(tx, sellerId, distributorId))) {
    throw validationError({
      distribution: "orders.error.noDistributor",
      ...(wanted.distributor ? { distributor: "orders.error.noDistributor" } : {}),
    });
  }
  return { distribution: "DISTRIBUTOR", distributorId };
}

/** The next number of the seller's sequence, taken inside the caller's transaction (gapless). */
export async function nextOrderNumber(tx: Tx, sellerId: string): Promise<number> {
  const seq = await tx.sellerSequence.upsert({
    where: { sellerId_kind: { sellerId, kind: "ORDER" } },
    create: { sellerId, kind: "ORDER", next: 2 },
    update: { next: { increment: 1 } },
    select: { next: true },
  });
  return seq.next - 1;
}

type NewOrder = {
  relation: { id: string; producerId: string; partnerId: string; repId: string | null; minOrderCents: number };
  buyerName: string;
  currency: string;
  distribution: Distribution;
  distributorId: string | null;
  deliveryDate: string;
  note: string;
  groupDiscountBps: number;
  taxesEnabled: boolean;
  depositsEnabled: boolean;
  applyGroupDiscount: boolean;
  lines: readonly LineDraft[];
  status?: "PENDING" | "DELIVERED";
  parentOrderId?: string | null;
  timestamps?: Partial<Record<"acceptedAt" | "shippedAt" | "deliveredAt", Date>>;
  createdBy: { userId: string; orgId: string };
};

/** Inserts an order with its lines, number and `submitted` copy. Returns its id and number. */
export async function insertOrder(tx: Tx, input: NewOrder): Promise<{ id: string; number: number }> {
  const priced = priceDrafts(input.lines, { taxesEnabled: input.taxesEnabled, depositsEnabled: input.depositsEnabled });
  const number = await nextOrderNumber(tx, input.relation.producerId);
  const order = await tx.order.create({
    data: {
      sellerId: input.relation.producerId,
      buyerId: input.relation.partnerId,
      repId: input.relation.repId,
      distributorId: input.distributorId,
      relationId: input.relation.id,
      number,
      status: input.status ?? "PENDING",
      distribution: input.distribution,
      deliveryDate: input.deliveryDate,
      note: input.note,
      currency: input.currency,
      groupDiscountBps: input.groupDiscountBps,
      taxesEnabled: input.taxesEnabled,
      depositsEnabled: input.depositsEnabled,
      minOrderCents: input.relation.minOrderCents,
      ...priced.totals,
      buyerName: input.buyerName,
      submitted: "{}",
      parentOrderId: input.parentOrderId ?? null,
      createdById: input.createdBy.userId,
      createdByOrgId: input.createdBy.orgId,
      ...input.timestamps,
    },
    select: { id: true },
  });
  const lines = await tx.orderLine.createManyAndReturn({
    data: priced.lines.map((line: PricedDraft, position) => ({
      orderId: order.id,
      position,
      kind: line.kind,
      formatId: line.formatId,
      description: line.description,
      quantity: line.quantity,
      unitPrice4: line.unitPrice4,
      discountBps: line.discountBps,
      taxRateBps: line.taxRateBps,
      depositCents: line.depositCents,
      totalCents: line.totalCents,
      receivedQuantity: line.receivedQuantity ?? null,
    })),
    select: { id: true, position: true },
  });
  const idAt = new Map(lines.map((l) => [l.position, l.id]));
  const submitted: Submitted = {
    lines: input.lines.map((line, position) => ({ ...lineSnapshot(line), id: idAt.get(position)! })),
    taxesEnabled: input.taxesEnabled,
    depositsEnabled: input.depositsEnabled,
    applyGroupDiscount: input.applyGroupDiscount,
    note: input.note,
    deliveryDate: input.deliveryDate,
    distribution: input.distribution,
    distributorId: input.distributorId,
  };
  await tx.order.update({ where: { id: order.id }, data: { submitted: JSON.stringify(submitted) }, select: { id: true } });
  return { id: order.id, number };
}

async function placeOrder(tx: Tx, actor: OrgActor, data: CreateOrderInput): Promise<{ id: string; sellerId: string }> {
  const relation = await resolveRelation(tx, actor, data);
  const { distribution, distributorId } = await resolveDistribution(tx, actor, relation.producerId, {
    distribution: data.distribution ?? (actor.orgKind === "DISTRIBUTOR" ? "DISTRIBUTOR" : (relation.defaultDistribution as Distribution)),
    distributor: data.distributor,
    fallbackDistributorId: relation.defaultDistributorId,
  });

  const formats = await loadSellerFormats(
    tx,
    relation.producerId,
    data.lines.map((l) => l.formatId),
  );
  const unknown: FieldErrors = {};
  data.lines.forEach((line, i) => {
    if (!formats.has(line.formatId)) unknown[`lines.${i}.formatId`] = "orders.error.formatUnavailable";
  });
  if (Object.keys(unknown).length) throw validationError(unknown);

  const groupDiscountBps = relation.customerGroup?.discountBps ?? 0;
  const lines: LineDraft[] = data.lines.map((line) => {
    const format = formats.get(line.formatId)!;
    return {
      kind: "ITEM",
      formatId: format.id,
      description: format.description,
      quantity: line.quantity,
      unitPrice4: format.unitPrice4,
      discountBps: data.applyGroupDiscount ? groupDiscountBps : 0,
      taxRateBps: format.taxRateBps,
      depositCents: format.depositCents,
    };
  });

  const order = await insertOrder(tx, {
    relation: { ...relation, partnerId: relation.partner!.id },
    buyerName: relation.partner!.name,
    currency: relation.producer.currency,
    distribution,
    distributorId,
    deliveryDate: data.deliveryDate,
    note: data.note,
    groupDiscountBps,
    taxesEnabled: data.taxesEnabled,
    depositsEnabled: data.depositsEnabled,
    applyGroupDiscount: data.applyGroupDiscount,
    lines,
    createdBy: { userId: actor.userId, orgId: actor.orgId },
  });
  const eventActor: EventActor = { userId: actor.userId, userName: actor.userName, orgId: actor.orgId, orgName: actor.orgName };
  await recordOrderEvent(tx, { orderId: order.id, type: "CREATED", actor: eventActor });
  await notifyOrderEvent(tx, { type: "PLACED", orderId: order.id, actorOrgId: actor.orgId });
  return { id: order.id, sellerId: relation.producerId };
}

async function findIdempotent(db: Tx, orgId: string, key: string): Promise<string | null> {
  const row = await db.idempotencyKey.findUnique({ where: { orgId_key: { orgId, key } }, select: { orderId: true } });
  return row?.orderId ?? null;
}

/**
 * POST /api/v1/orders. With an idempotency key, a retry by the same organization (even one running at
 * the same time) returns the first order instead of placing a second one.
 */
export async function createOrder(actor: OrgActor, input: unknown, opts: { idempotencyKey?: string } = {}): Promise<OrderView> {
  requirePermission(actor, "order:create");
  let key: string | undefined;
  if (opts.idempotencyKey !== undefined) {
    const parsed = idempotencyKeySchema.safeParse(opts.idempotencyKey);
    if (!parsed.success) throw validationError({ "Idempotency-Key": "field.invalid" });
    key = parsed.data;
  }
  const db = getDb();
  if (key) {
    const existing = await findIdempotent(db, actor.orgId, key);
    if (existing) return loadOrderView(db, actor, existing);
  }
  const data = parseInput(createOrderSchema, input);
  if (data.deliveryDate < todayIso()) throw validationError({ deliveryDate: "orders.error.pastDate" });

  let placed: { id: string; sellerId: string; replayed: boolean };
  try {
    placed = await db.$transaction(async (tx) => {
      if (key) {
        const existing = await findIdempotent(tx, actor.orgId, key);
        if (existing) return { id: existing, sellerId: "", replayed: true };
      }
      const order = await placeOrder(tx, actor, data);
      if (key) await tx.idempotencyKey.create({ data: { key, orgId: actor.orgId, userId: actor.userId, orderId: order.id } });
      return { ...order, replayed: false };
    }, TX_OPTIONS);
  } catch (error) {
    // Two requests with the same key at once: the second insert of the key fails; its order was
    // rolled back with it, and the first one is the answer.
    if (key && isUniqueViolation(error)) {
      const existing = await findIdempotent(db, actor.orgId, key);
      if (existing) return loadOrderView(db, actor, existing);
    }
    throw error;
  }
  const view = await loadOrderView(db, actor, placed.id);
  if (!placed.replayed) {
    publishOrderUpdated({
      orderId: view.id,
      version: view.version,
      status: view.status,
      partyOrgIds: partyOrgIdsOf({ sellerId: view.seller.id, buyerId: view.buyer.id, repId: view.rep?.id ?? null, distributorId: view.distributor?.id ?? null }),
    });
  }
  return view;
}
