// Placing an order (POST /api/v1/orders). Any party of an ACTIVE retail relation may place it:
// - the retailer names the seller;
// - the producer names the buyer;
// - the rep agency assigned to the retailer (and ACTIVE in a representation relation with the
//   producer) names both;
// - a distributor ACTIVE in a distribution relation with the producer names both, and carries the order.
// Anything else answers 404 on the seller (or buyer), like an id that does not exist.
// Lines take the catalog's price, tax and deposit, and the customer group's discount (removable).
// The number comes from the seller's gapless sequence, in the same transaction.
//
// Placing orders is the busiest write of the application: it runs as one synchronous transaction of
// prepared statements on the raw connection (app/utils/db.server.ts), and answers with the order it
// wrote instead of reading it back (docs/benchmarks.md). The helpers that take `db: Sqlite` also run
// inside Prisma transactions (amendments, deliveries), where they join the open transaction.
import { getDb, sqlTimestamp, statement, writeTransaction, type Sqlite } from "~/utils/db.server";
import { AppError, validationError, type FieldErrors } from "~/utils/errors";
import { newId } from "~/utils/ids.server";
import { parseInput } from "~/utils/validation";
import { actorCan, requirePermission } from "../org/access.server";
import { takeSellerSequence } from "../org/sequences.server";
import type { OrgActor } from "../org/actor";
import { todayIso } from "./dates";
import { notifyOrderEventSync } from "./notifications.server";
import { partyOrgIdsOf, publishOrderUpdated } from "./order-events";
import { insertOrderEvent, type EventActor } from "./order-guard.server";
import { loadSellerFormats, priceDrafts, lineSnapshot, type ExcessField, type LineDraft, type Submitted } from "./order-lines.server";
import { buildOrderView, lineView, loadOrderView } from "./order-view.server";
import { findKeyedRecordSync, parseIdempotencyKey, rememberKeySync } from "../idempotency/keys.server";
import { createOrderSchema, type CreateOrderInput } from "./schemas";
import type { Distribution, OrderView, OrgRef } from "./types";

/** The retail relation an order is placed under, with the parties' references. */
type RetailRelation = {
  id: string;
  producerId: string;
  partnerId: string;
  repId: string | null;
  defaultDistributorId: string | null;
  defaultDistribution: Distribution;
  minOrderCents: number;
  groupDiscountBps: number;
  currency: string;
  seller: OrgRef;
  buyer: OrgRef;
  rep: OrgRef | null;
};

type RelationRow = Omit<RetailRelation, "seller" | "buyer" | "rep"> & {
  sellerSlug: string;
  sellerName: string;
  buyerSlug: string;
  buyerName: string;
  repSlug: string | null;
  repName: string | null;
};

// An ACTIVE retail relation between a producer and a retailer; a rep agency must be the relation's
// rep and represent the producer, a distributor must distribute for it.
const RELATION_SQL = `
  SELECT r.id, r.producerId, r.partnerId, r.repId, r.defaultDistributorId, r.defaultDistribution, r.minOrderCents,
         coalesce(g.discountBps, 0) AS groupDiscountBps, p.currency,
         p.slug AS sellerSlug, p.name AS sellerName, b.slug AS buyerSlug, b.name AS buyerName,
         rep.slug AS repSlug, rep.name AS repName
  FROM "Relation" r
  JOIN "Organization" p ON p.id = r.producerId AND p.kind = 'PRODUCER'
  JOIN "Organization" b ON b.id = r.partnerId AND b.kind = 'RETAILER'
  LEFT JOIN "CustomerGroup" g ON g.id = r.customerGroupId
  LEFT JOIN "Organization" rep ON rep.id = r.repId
  WHERE r.producerId = ? AND r.partnerId = ? AND r.kind = 'RETAIL' AND r.status = 'ACTIVE'`;
const PARTY_OF_PRODUCER = (kind: "REPRESENTATION" | "DISTRIBUTION") => `
  EXISTS (SELECT 1 FROM "Relation" x WHERE x.producerId = r.producerId AND x.kind = '${kind}' AND x.status = 'ACTIVE' AND x.partnerId = ?)`;
const RELATION_BY_KIND = {
  RETAILER: RELATION_SQL,
  PRODUCER: RELATION_SQL,
  REP_AGENCY: `${RELATION_SQL} AND r.repId = ? AND ${PARTY_OF_PRODUCER("REPRESENTATION")}`,
  DISTRIBUTOR: `${RELATION_SQL} AND ${PARTY_OF_PRODUCER("DISTRIBUTION")}`,
} as const;

function sellerNotFound(): AppError {
  return new AppError("not_found", "orders.error.sellerNotFound");
}

/** The retail relation the order is placed under, as the actor's kind of organization may use it. */
function resolveRelation(db: Sqlite, actor: OrgActor, data: CreateOrderInput): RetailRelation {
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
  const args: string[] = [sellerId, buyerId];
  if (actor.orgKind === "REP_AGENCY") args.push(actor.orgId, actor.orgId);
  if (actor.orgKind === "DISTRIBUTOR") args.push(actor.orgId);
  const row = statement(db, RELATION_BY_KIND[actor.orgKind]).get(...args) as RelationRow | undefined;
  if (!row) throw sellerNotFound();
  const { sellerSlug, sellerName, buyerSlug, buyerName, repSlug, repName, ...relation } = row;
  return {
    ...relation,
    seller: { id: row.producerId, slug: sellerSlug, name: sellerName },
    buyer: { id: row.partnerId, slug: buyerSlug, name: buyerName },
    rep: row.repId && repSlug !== null && repName !== null ? { id: row.repId, slug: repSlug, name: repName } : null,
  };
}

/** The distributor, when it has an ACTIVE distribution agreement with the producer. */
function activeDistributor(db: Sqlite, producerId: string, distributorId: string): OrgRef | null {
  const row = statement(
    db,
    `SELECT d.id, d.slug, d.name FROM "Relation" r JOIN "Organization" d ON d.id = r.partnerId AND d.kind = 'DISTRIBUTOR'
     WHERE r.producerId = ? AND r.partnerId = ? AND r.kind = 'DISTRIBUTION' AND r.status = 'ACTIVE'`,
  ).get(producerId, distributorId) as OrgRef | undefined;
  return row ?? null;
}

/**
 * The distribution method and distributor of a new or amended order. A distributor that acts carries
 * the order itself; otherwise DISTRIBUTOR needs a distributor (given, or the relation's default) with
 * an ACTIVE distribution agreement with the seller — else 400 naming `distribution`.
 */
export function resolveDistribution(
  db: Sqlite,
  actor: OrgActor,
  sellerId: string,
  wanted: { distribution: Distribution; distributor?: string | null; fallbackDistributorId: string | null },
): { distribution: Distribution; distributorId: string | null; distributor: OrgRef | null } {
  if (actor.orgKind === "DISTRIBUTOR") {
    const fields: FieldErrors = {};
    if (wanted.distribution !== "DISTRIBUTOR") fields.distribution = "orders.error.distributorCarries";
    if (wanted.distributor && wanted.distributor !== actor.orgId) fields.distributor = "field.invalid";
    if (Object.keys(fields).length) throw validationError(fields);
    return { distribution: "DISTRIBUTOR", distributorId: actor.orgId, distributor: { id: actor.orgId, slug: actor.orgSlug, name: actor.orgName } };
  }
  if (wanted.distribution !== "DISTRIBUTOR") return { distribution: wanted.distribution, distributorId: null, distributor: null };
  const distributorId = wanted.distributor ?? wanted.fallbackDistributorId;
  const distributor = distributorId ? activeDistributor(db, sellerId, distributorId) : null;
  if (!distributor) {
    throw validationError({
      distribution: "orders.error.noDistributor",
      ...(wanted.distributor ? { distributor: "orders.error.noDistributor" } : {}),
    });
  }
  return { distribution: "DISTRIBUTOR", distributorId: distributor.id, distributor };
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
  now?: Date;
  /** The request field a line too large is reported on (default `lines.N.quantity`). */
  excessField?: ExcessField;
};

/** What insertOrder wrote: enough to answer without reading the order back. */
export type InsertedOrder = {
  id: string;
  number: number;
  status: "PENDING" | "DELIVERED";
  createdAt: Date;
  lines: (ReturnType<typeof priceDrafts>["lines"][number] & { id: string })[];
  totals: ReturnType<typeof priceDrafts>["totals"];
};

const INSERT_ORDER_SQL = `INSERT INTO "Order" ("id", "sellerId", "buyerId", "repId", "distributorId", "relationId", "number", "status",
  "version", "distribution", "deliveryDate", "note", "currency", "groupDiscountBps", "taxesEnabled", "depositsEnabled",
  "minOrderCents", "subtotalCents", "discountCents", "taxCents", "depositCents", "totalCents", "buyerName", "submitted",
  "parentOrderId", "createdById", "createdByOrgId", "acceptedAt", "shippedAt", "deliveredAt", "createdAt", "updatedAt")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_LINE_SQL = `INSERT INTO "OrderLine" ("id", "orderId", "position", "kind", "formatId", "description", "quantity", "unitPrice4",
  "discountBps", "taxRateBps", "depositCents", "totalCents", "receivedQuantity") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Inserts an order with its lines, number and `submitted` copy (for Restore). */
export function insertOrder(db: Sqlite, input: NewOrder): InsertedOrder {
  const now = input.now ?? new Date();
  const priced = priceDrafts(input.lines, { taxesEnabled: input.taxesEnabled, depositsEnabled: input.depositsEnabled }, input.excessField);
  const number = takeSellerSequence(db, input.relation.producerId, "ORDER");
  const id = newId();
  const lines = priced.lines.map((line) => ({ ...line, id: newId() }));
  const submitted: Submitted = {
    lines: input.lines.map((line, position) => ({ ...lineSnapshot(line), id: lines[position].id })),
    taxesEnabled: input.taxesEnabled,
    depositsEnabled: input.depositsEnabled,
    applyGroupDiscount: input.applyGroupDiscount,
    note: input.note,
    deliveryDate: input.deliveryDate,
    distribution: input.distribution,
    distributorId: input.distributorId,
  };
  const at = (date: Date | undefined) => (date ? sqlTimestamp(date) : null);
  const status = input.status ?? "PENDING";
  const { totals } = priced;
  statement(db, INSERT_ORDER_SQL).run(
    id, input.relation.producerId, input.relation.partnerId, input.relation.repId, input.distributorId, input.relation.id, number, status,
    input.distribution, input.deliveryDate, input.note, input.currency, input.groupDiscountBps, input.taxesEnabled ? 1 : 0,
    input.depositsEnabled ? 1 : 0, input.relation.minOrderCents, totals.subtotalCents, totals.discountCents, totals.taxCents,
    totals.depositCents, totals.totalCents, input.buyerName, JSON.stringify(submitted), input.parentOrderId ?? null,
    input.createdBy.userId, input.createdBy.orgId, at(input.timestamps?.acceptedAt), at(input.timestamps?.shippedAt),
    at(input.timestamps?.deliveredAt), sqlTimestamp(now), sqlTimestamp(now),
  );
  const insertLine = statement(db, INSERT_LINE_SQL);
  lines.forEach((line, position) => {
    insertLine.run(
      line.id, id, position, line.kind, line.formatId, line.description, line.quantity, line.unitPrice4, line.discountBps,
      line.taxRateBps, line.depositCents, line.totalCents, line.receivedQuantity ?? null,
    );
  });
  return { id, number, status, createdAt: now, lines, totals };
}

/** Places the order and returns it as the actor sees it. */
function placeOrder(db: Sqlite, actor: OrgActor, data: CreateOrderInput, now: Date): OrderView {
  const relation = resolveRelation(db, actor, data);
  // A bakery date its producer validated is frozen: its orders are made (app/modules/intake).
  if (statement(db, `SELECT 1 AS "validated" FROM "DeliveryDay" WHERE "producerId" = ? AND "date" = ?`).get(relation.producerId, data.deliveryDate)) {
    throw new AppError("invalid_transition", "bakery.error.dateValidated");
  }
  const { distribution, distributorId, distributor } = resolveDistribution(db, actor, relation.producerId, {
    distribution: data.distribution ?? (actor.orgKind === "DISTRIBUTOR" ? "DISTRIBUTOR" : relation.defaultDistribution),
    distributor: data.distributor,
    fallbackDistributorId: relation.defaultDistributorId,
  });

  const formats = loadSellerFormats(
    db,
    relation.producerId,
    data.lines.map((l) => l.formatId),
  );
  const unknown: FieldErrors = {};
  data.lines.forEach((line, i) => {
    if (!formats.has(line.formatId)) unknown[`lines.${i}.formatId`] = "orders.error.formatUnavailable";
  });
  if (Object.keys(unknown).length) throw validationError(unknown);

  const lines: LineDraft[] = data.lines.map((line) => {
    const format = formats.get(line.formatId)!;
    return {
      kind: "ITEM",
      formatId: format.id,
      description: format.description,
      quantity: line.quantity,
      unitPrice4: format.unitPrice4,
      discountBps: data.applyGroupDiscount ? relation.groupDiscountBps : 0,
      taxRateBps: format.taxRateBps,
      depositCents: format.depositCents,
    };
  });

  const order = insertOrder(db, {
    relation,
    buyerName: relation.buyer.name,
    currency: relation.currency,
    distribution,
    distributorId,
    deliveryDate: data.deliveryDate,
    note: data.note,
    groupDiscountBps: relation.groupDiscountBps,
    taxesEnabled: data.taxesEnabled,
    depositsEnabled: data.depositsEnabled,
    applyGroupDiscount: data.applyGroupDiscount,
    lines,
    createdBy: { userId: actor.userId, orgId: actor.orgId },
    now,
  });
  const eventActor: EventActor = { userId: actor.userId, userName: actor.userName, orgId: actor.orgId, orgName: actor.orgName };
  insertOrderEvent(db, { orderId: order.id, type: "CREATED", actor: eventActor, at: now });
  notifyOrderEventSync(db, { type: "PLACED", orderId: order.id, actorOrgId: actor.orgId });
  return buildOrderView(
    {
      id: order.id,
      number: order.number,
      status: order.status,
      version: 1,
      sellerId: relation.producerId,
      buyerId: relation.partnerId,
      repId: relation.repId,
      distributorId,
      distribution,
      deliveryDate: data.deliveryDate,
      note: data.note,
      currency: relation.currency,
      groupDiscountBps: relation.groupDiscountBps,
      taxesEnabled: data.taxesEnabled,
      depositsEnabled: data.depositsEnabled,
      minOrderCents: relation.minOrderCents,
      ...order.totals,
      parentOrderId: null,
      lockedById: null,
      lockedUntil: null,
      createdAt: order.createdAt,
      updatedAt: order.createdAt,
    },
    { seller: relation.seller, buyer: relation.buyer, rep: relation.rep, distributor, lockedBy: null },
    order.lines.map(lineView),
    actor,
    now,
  );
}

/** 403 when an actor who may not remove charges (the buyer side) asks for an order without them. */
export function requireChargesKept(actor: OrgActor, flags: { taxesEnabled?: boolean; depositsEnabled?: boolean; applyGroupDiscount?: boolean }): void {
  const removes = flags.taxesEnabled === false || flags.depositsEnabled === false || flags.applyGroupDiscount === false;
  if (removes && !actorCan(actor, "order:remove-charges")) throw new AppError("forbidden", "orders.error.chargesSellerSide");
}

/**
 * POST /api/v1/orders. With an idempotency key, a retry by the same organization (even one running at
 * the same time: transactions are serialized) returns the first order instead of placing a second one.
 */
export async function createOrder(actor: OrgActor, input: unknown, opts: { idempotencyKey?: string } = {}): Promise<OrderView> {
  requirePermission(actor, "order:create");
  const key = parseIdempotencyKey(opts.idempotencyKey);
  const data = parseInput(createOrderSchema, input);
  requireChargesKept(actor, data);
  const now = new Date();
  if (data.deliveryDate < todayIso(now)) throw validationError({ deliveryDate: "orders.error.pastDate" });

  const placed = await writeTransaction((db) => {
    const scope = key ? { orgId: actor.orgId, kind: "ORDER" as const, key } : null;
    const existing = scope ? findKeyedRecordSync(db, scope) : null;
    if (existing) return { replayedId: existing, view: null };
    const view = placeOrder(db, actor, data, now);
    if (scope) rememberKeySync(db, { ...scope, userId: actor.userId, recordId: view.id }, now);
    return { replayedId: null, view };
  });
  if (!placed.view) return loadOrderView(getDb(), actor, placed.replayedId);
  const view = placed.view;
  publishOrderUpdated({
    orderId: view.id,
    version: view.version,
    status: view.status,
    partyOrgIds: partyOrgIdsOf({ sellerId: view.seller.id, buyerId: view.buyer.id, repId: view.rep?.id ?? null, distributorId: view.distributor?.id ?? null }),
  });
  return view;
}
