// Bakery factories, shared by the demo seed and the tests: a bakery producer running the module, its
// products (with production planning), retail customers and their standing orders.
import { serializeDayLines } from "~/modules/bakery/standing-day";
import { lineAmountCents } from "~/utils/money";
import { getDb } from "~/utils/db.server";
import type { Role } from "~/utils/permissions";
import { createOrganization, createProduct, createRelation, createUser } from "./index";

export type BakeryProductSpec = {
  name: string;
  family: string;
  productionWeekdays?: string;
  formats?: { name: string; unitPrice4: number; sliced?: boolean; taxRateBps?: number }[];
};

export const DEFAULT_BAKERY_PRODUCTS: BakeryProductSpec[] = [
  { name: "Baguette", family: "1", formats: [{ name: "Pièce", unitPrice4: 11_000, taxRateBps: 550 }] },
  { name: "Pain gris 800 g", family: "2", formats: [{ name: "Pièce", unitPrice4: 28_000, taxRateBps: 550 }, { name: "Tranché", unitPrice4: 28_000, sliced: true, taxRateBps: 550 }] },
  { name: "Croissant", family: "3", productionWeekdays: "1234567", formats: [{ name: "Pièce", unitPrice4: 9_500, taxRateBps: 550 }] },
  { name: "Éclair au café", family: "8", productionWeekdays: "23456", formats: [{ name: "Pièce", unitPrice4: 21_000, taxRateBps: 550 }] },
];

export type BakeryFormat = { id: string; productId: string; productName: string; name: string; family: string; unitPrice4: number; sliced: boolean };

export async function createBakeryProducer(input: { slug?: string; name?: string; members?: { role: Role; name?: string; email?: string }[]; products?: BakeryProductSpec[] } = {}) {
  const db = getDb();
  const users = [];
  for (const member of input.members ?? [{ role: "OWNER" as Role, name: "Bruno Baker" }]) {
    users.push({ user: await createUser({ name: member.name, email: member.email }), role: member.role });
  }
  const producer = await createOrganization({
    kind: "PRODUCER",
    slug: input.slug,
    name: input.name ?? "Boulangerie Test",
    locale: "fr-BE",
    members: users.map(({ user, role }) => ({ userId: user.id, role })),
  });
  await db.bakerySettings.create({ data: { producerId: producer.id } });
  const formats: BakeryFormat[] = [];
  for (const spec of input.products ?? DEFAULT_BAKERY_PRODUCTS) {
    const product = await createProduct({ producerId: producer.id, name: spec.name, family: spec.family, formats: spec.formats });
    await db.product.update({ where: { id: product.id }, data: { productionWeekdays: spec.productionWeekdays ?? "1234567" } });
    for (const [i, format] of product.formats.entries()) {
      const sliced = spec.formats?.[i]?.sliced ?? false;
      if (sliced) await db.productFormat.update({ where: { id: format.id }, data: { sliced } });
      formats.push({ id: format.id, productId: product.id, productName: product.name, name: format.name, family: spec.family, unitPrice4: format.unitPrice4, sliced });
    }
  }
  return { producer, users, formats };
}

/** A retailer with an OWNER, in an ACTIVE retail relation with the producer. */
export async function createBakeryCustomer(producerId: string, input: { name?: string; slug?: string; openWeekdays?: string; billingPeriod?: string; role?: Role; email?: string } = {}) {
  const user = await createUser({ name: `${input.name ?? "Client"} owner`, email: input.email });
  const org = await createOrganization({ kind: "RETAILER", name: input.name, slug: input.slug, members: [{ userId: user.id, role: input.role ?? "OWNER" }] });
  const relation = await createRelation({ producerId, partnerId: org.id, kind: "RETAIL" });
  if (input.openWeekdays || input.billingPeriod) {
    await getDb().relation.update({
      where: { id: relation.id },
      data: { ...(input.openWeekdays ? { openWeekdays: input.openWeekdays } : {}), ...(input.billingPeriod ? { billingPeriod: input.billingPeriod } : {}) },
    });
  }
  return { user, org, relation };
}

/**
 * Writes the next standing-order version of a relation directly (set-up for tests and the demo; the
 * services write versions through app/modules/standing).
 */
export async function writeStandingOrder(input: {
  relationId: string;
  createdBy: { id: string; name: string };
  effectiveFrom?: string;
  round?: number;
  roundPosition?: number;
  weekdays: Partial<Record<number, { formatId: string; quantity: number }[]>>;
  prices?: { formatId: string; unitPrice4: number }[];
}) {
  const db = getDb();
  const relation = await db.relation.findUniqueOrThrow({ where: { id: input.relationId }, select: { producerId: true } });
  const last = await db.standingOrder.findFirst({ where: { relationId: input.relationId }, orderBy: { version: "desc" }, select: { version: true } });
  return db.standingOrder.create({
    data: {
      producerId: relation.producerId,
      relationId: input.relationId,
      version: (last?.version ?? 0) + 1,
      effectiveFrom: input.effectiveFrom ?? "2000-01-01",
      round: input.round ?? 0,
      roundPosition: input.roundPosition ?? 0,
      createdById: input.createdBy.id,
      createdByName: input.createdBy.name,
      days: {
        create: Object.entries(input.weekdays).flatMap(([weekday, lines]) => (lines?.length ? [{ weekday: Number(weekday), lines: serializeDayLines(lines) }] : [])),
      },
      prices: { create: input.prices ?? [] },
    },
  });
}

/** A shop of the producer (its counter pre-orders and leftovers go through app/modules/production). */
export async function createShop(producerId: string, name: string) {
  return getDb().shop.create({ data: { producerId, name } });
}

export async function writeLeftovers(input: { producerId: string; shopId: string; date: string; lines: { formatId: string; quantity: number }[] }) {
  await getDb().leftover.createMany({ data: input.lines.map((line) => ({ producerId: input.producerId, shopId: input.shopId, date: input.date, ...line })) });
}

/** A shop counter pre-order at the formats' prices (set-up; the service is app/modules/production/shops.server.ts). */
export async function writeShopOrder(input: {
  producerId: string;
  shopId: string;
  pickupDate: string;
  customerName: string;
  phone?: string;
  depositCents?: number;
  createdById: string;
  lines: { format: { id: string; name: string; unitPrice4: number; productName?: string }; quantity: number }[];
}) {
  const lines = input.lines.map(({ format, quantity }) => ({
    formatId: format.id,
    description: format.productName ? `${format.productName} — ${format.name}` : format.name,
    quantity,
    unitPrice4: format.unitPrice4,
    totalCents: lineAmountCents(format.unitPrice4, quantity),
  }));
  const totalCents = lines.reduce((sum, line) => sum + line.totalCents, 0);
  const depositCents = Math.min(input.depositCents ?? 0, totalCents);
  return getDb().shopOrder.create({
    data: {
      producerId: input.producerId, shopId: input.shopId, pickupDate: input.pickupDate, customerName: input.customerName, phone: input.phone ?? "",
      depositCents, totalCents, balanceCents: totalCents - depositCents, createdById: input.createdById, lines: { create: lines },
    },
  });
}
