// The producer's shops and their counter order book (the seed's "livre des commandes magasin"):
// pre-orders with a customer name, phone, pickup date, items at catalog prices and a deposit; the
// balance is due at pickup. They feed the production list and are never invoiced: they are ShopOrder
// rows, not Order rows (app/modules/invoice/publish-invoice.server.ts refuses their ids with 409).
import { Prisma } from "@prisma/client";
import { getDb, type Tx } from "~/utils/db.server";
import { AppError, validationError } from "~/utils/errors";
import { lineAmountCents } from "~/utils/money";
import { parseInput } from "~/utils/validation";
import { requireBakeryProducer } from "./access.server";
import type { OrgActor } from "../org/actor";
import {
  createShopOrderSchema,
  createShopSchema,
  shopOrdersQuerySchema,
  SHOP_ORDER_STATUSES,
  type ShopOrderAction,
  type ShopOrderStatus,
  type ShopOrderView,
} from "./schemas";

const notFound = () => new AppError("not_found", "error.not_found");

export async function listShops(actor: OrgActor): Promise<{ shops: { id: string; name: string }[] }> {
  const producerId = await requireBakeryProducer(getDb(), actor, "production:read");
  const shops = await getDb().shop.findMany({ where: { producerId }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true } });
  return { shops };
}

export async function createShop(actor: OrgActor, input: unknown): Promise<{ id: string; name: string }> {
  const producerId = await requireBakeryProducer(getDb(), actor, "shop:write");
  const { name } = parseInput(createShopSchema, input);
  try {
    return await getDb().shop.create({ data: { producerId, name }, select: { id: true, name: true } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw validationError({ name: "production.error.shopExists" });
    throw error;
  }
}

/** The producer's shop (404 for another producer's). */
export async function loadShop(tx: Tx, producerId: string, shopId: string): Promise<{ id: string; name: string }> {
  const shop = await tx.shop.findFirst({ where: { id: shopId, producerId }, select: { id: true, name: true } });
  if (!shop) throw validationError({ shop: "production.error.unknownShop" });
  return shop;
}

/** The producer's active formats named by the lines, with their catalog description and price. */
export async function loadCatalogFormats(tx: Tx, producerId: string, formatIds: readonly string[]) {
  const formats = await tx.productFormat.findMany({
    where: { producerId, id: { in: [...new Set(formatIds)] } },
    select: { id: true, name: true, unitPrice4: true, active: true, product: { select: { name: true, active: true } } },
  });
  return new Map(formats.map((f) => [f.id, { description: `${f.product.name} — ${f.name}`, unitPrice4: f.unitPrice4, active: f.active && f.product.active }]));
}

const shopOrderSelect = {
  id: true, pickupDate: true, customerName: true, phone: true, depositCents: true, totalCents: true, balanceCents: true, status: true,
  shop: { select: { id: true, name: true } },
  lines: { orderBy: { id: "asc" }, select: { formatId: true, description: true, quantity: true, unitPrice4: true, totalCents: true } },
} satisfies Prisma.ShopOrderSelect;

type ShopOrderRow = Prisma.ShopOrderGetPayload<{ select: typeof shopOrderSelect }>;

function statusOf(status: string): ShopOrderStatus {
  return (SHOP_ORDER_STATUSES as readonly string[]).includes(status) ? (status as ShopOrderStatus) : "OPEN";
}

function toView(row: ShopOrderRow): ShopOrderView {
  return { ...row, status: statusOf(row.status) };
}

export async function createShopOrder(actor: OrgActor, input: unknown): Promise<ShopOrderView> {
  const producerId = await requireBakeryProducer(getDb(), actor, "shop:write");
  const data = parseInput(createShopOrderSchema, input);
  return getDb().$transaction(async (tx) => {
    const shop = await loadShop(tx, producerId, data.shop);
    const formats = await loadCatalogFormats(tx, producerId, data.lines.map((l) => l.formatId));
    const lines = data.lines.map((line, i) => {
      const format = formats.get(line.formatId);
      if (!format || !format.active) throw validationError({ [`lines.${i}.formatId`]: "production.error.unknownFormat" });
      return { formatId: line.formatId, description: format.description, quantity: line.quantity, unitPrice4: format.unitPrice4, totalCents: lineAmountCents(format.unitPrice4, line.quantity) };
    });
    const totalCents = lines.reduce((sum, l) => sum + l.totalCents, 0);
    const depositCents = data.depositCents ?? 0;
    if (depositCents > totalCents) throw validationError({ depositCents: "production.error.depositOverTotal" });
    const row = await tx.shopOrder.create({
      data: {
        producerId, shopId: shop.id, pickupDate: data.pickupDate, customerName: data.customerName, phone: data.phone ?? "",
        depositCents, totalCents, balanceCents: totalCents - depositCents, status: "OPEN", createdById: actor.userId,
        lines: { create: lines },
      },
      select: shopOrderSelect,
    });
    return toView(row);
  });
}

export async function listShopOrders(actor: OrgActor, query: unknown): Promise<{ shopOrders: ShopOrderView[] }> {
  const producerId = await requireBakeryProducer(getDb(), actor, "production:read");
  const { date, shop } = parseInput(shopOrdersQuerySchema, query);
  const rows = await getDb().shopOrder.findMany({
    where: { producerId, ...(date ? { pickupDate: date } : {}), ...(shop ? { shopId: shop } : {}) },
    orderBy: [{ pickupDate: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    take: date ? undefined : 500,
    select: shopOrderSelect,
  });
  return { shopOrders: rows.map(toView) };
}

/** OPEN → PICKED_UP (the balance is paid) or OPEN → CANCELLED; anything else is 409 invalid_transition. */
export async function moveShopOrder(actor: OrgActor, id: string, action: ShopOrderAction): Promise<ShopOrderView> {
  const producerId = await requireBakeryProducer(getDb(), actor, "shop:write");
  return getDb().$transaction(async (tx) => {
    const current = await tx.shopOrder.findFirst({ where: { id, producerId }, select: { id: true, status: true } });
    if (!current) throw notFound();
    const to = action === "pickup" ? "PICKED_UP" : "CANCELLED";
    const moved = await tx.shopOrder.updateMany({ where: { id, producerId, status: "OPEN" }, data: { status: to } });
    if (moved.count !== 1) throw new AppError("invalid_transition", "production.error.shopOrderClosed", { status: current.status });
    return toView(await tx.shopOrder.findUniqueOrThrow({ where: { id }, select: shopOrderSelect }));
  });
}

/** The producer's active formats, for the counter order and leftover forms, by product name. */
export async function listShopFormats(actor: OrgActor): Promise<{ id: string; description: string; unitPrice4: number }[]> {
  const producerId = await requireBakeryProducer(getDb(), actor, "production:read");
  const formats = await getDb().productFormat.findMany({
    where: { producerId, active: true, product: { active: true } },
    orderBy: [{ product: { name: "asc" } }, { position: "asc" }, { name: "asc" }],
    select: { id: true, name: true, unitPrice4: true, product: { select: { name: true } } },
  });
  return formats.map((f) => ({ id: f.id, description: `${f.product.name} — ${f.name}`, unitPrice4: f.unitPrice4 }));
}

/** Every shop's leftovers of a date, by shop id (the shops page). */
export async function leftoversByShop(actor: OrgActor, date: string): Promise<Record<string, Record<string, number>>> {
  const producerId = await requireBakeryProducer(getDb(), actor, "production:read");
  const rows = await getDb().leftover.findMany({ where: { producerId, date }, select: { shopId: true, formatId: true, quantity: true } });
  const result: Record<string, Record<string, number>> = {};
  for (const row of rows) (result[row.shopId] ??= {})[row.formatId] = row.quantity;
  return result;
}
