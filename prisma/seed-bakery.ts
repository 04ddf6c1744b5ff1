// The bakery's demo (Boulangerie Aurore): about twenty customers delivered in four rounds, each with
// a standing order Monday to Saturday, their calendars (open weekdays, a holiday closure), the
// bakery's own closed day, production planning, special prices, billing periods, and a shop.
// Deterministic (seeded), built with the same factories as the tests.
import { addDays, formatWeekdays } from "~/modules/bakery/calendar";
import { todayIso } from "~/modules/order/dates";
import { validateDate } from "~/modules/intake/validate.server";
import { loadActor } from "~/modules/org/access.server";
import { createShopOrder } from "~/modules/production/shops.server";
import { createDifference } from "~/modules/standing/deliveries.server";
import { createProposal } from "~/modules/standing/proposals.server";
import { getDb } from "~/utils/db.server";
import { createOrganization, createRelation } from "../tests/factories";
import { createOrderRecords } from "../tests/factories/orders";
import { createShop, writeLeftovers, writeStandingOrder } from "../tests/factories/bakery";
import { seededRandom } from "../tests/factories/random";

const CUSTOMERS = [
  "Hôtel Métropole", "Brasserie Verschueren", "Le Pain Quotidien Sablon", "Café Belga", "Restaurant Les Brigittines",
  "Épicerie Tagawa", "Snack Le Marolles", "Hôtel Amigo", "Crèche Les Lutins", "Maison de repos Les Tilleuls",
  "Cantine Flagey", "Traiteur Delaunoy", "Bar à vins Titulus", "Café du Sablon", "Restaurant Aux Armes de Bruxelles",
  "Supérette Ixelles", "Collège Saint-Michel", "Hôtel Le Berger",
];
const OPENINGS = ["123456", "123456", "123456", "23456", "1234567", "12345"];
const PERIODS = ["MONTHLY", "MONTHLY", "WEEKLY", "PER_DELIVERY"];

type Format = { id: string; productId: string; name: string; unitPrice4: number };

export async function seedBakeryDemo(input: {
  producerId: string;
  baker: { id: string; name: string };
  /** The bakery's customers that already exist (demo logins), first in their rounds. */
  existing: { relationId: string }[];
  customerGroupId: string;
  products: { id: string; name: string; formats: Format[] }[];
}): Promise<void> {
  const db = getDb();
  const random = seededRandom(11);
  const today = todayIso();

  // Planning: strawberry tarts on Saturdays and Sundays only, éclairs Tuesday to Saturday.
  for (const product of input.products) {
    if (product.name.startsWith("Tarte")) await db.product.update({ where: { id: product.id }, data: { productionWeekdays: "67" } });
    if (product.name.startsWith("Éclair")) await db.product.update({ where: { id: product.id }, data: { productionWeekdays: "23456" } });
  }
  const formats = input.products.flatMap((p) => p.formats);
  // A sliced version of the country loaf: the slicing fee applies per unit.
  const country = input.products.find((p) => p.name.startsWith("Pain de campagne"));
  if (country) {
    const sliced = await db.productFormat.create({
      data: { producerId: input.producerId, productId: country.id, name: "Tranché", unitPrice4: country.formats[0].unitPrice4, sliced: true, position: 1, taxRateId: (await db.productFormat.findUniqueOrThrow({ where: { id: country.formats[0].id } })).taxRateId },
    });
    formats.push({ id: sliced.id, productId: country.id, name: sliced.name, unitPrice4: sliced.unitPrice4 });
  }

  const relations = [...input.existing.map((r) => r.relationId)];
  for (const [i, name] of CUSTOMERS.entries()) {
    const org = await createOrganization({ kind: "RETAILER", slug: `aurore-client-${i + 1}`, name, locale: "fr-BE" });
    const relation = await createRelation({ producerId: input.producerId, partnerId: org.id, kind: "RETAIL", customerGroupId: i % 3 === 0 ? input.customerGroupId : null, paymentTermsDays: 15 });
    relations.push(relation.id);
  }

  for (const [i, relationId] of relations.entries()) {
    const openWeekdays = i < input.existing.length ? "123456" : random.pick(OPENINGS);
    await db.relation.update({ where: { id: relationId }, data: { openWeekdays, billingPeriod: random.pick(PERIODS) } });
    const weekdays: Record<number, { formatId: string; quantity: number }[]> = {};
    const usual = [...formats].sort(() => random.next() - 0.5).slice(0, random.int(3, 6));
    for (const day of formatWeekdays([1, 2, 3, 4, 5, 6]).split("").map(Number)) {
      if (!openWeekdays.includes(String(day))) continue;
      weekdays[day] = usual.map((format) => ({ formatId: format.id, quantity: format.unitPrice4 > 10_0000 ? random.int(1, 3) : random.int(4, 40) }));
    }
    await writeStandingOrder({
      relationId,
      createdBy: input.baker,
      effectiveFrom: addDays(today, -60),
      round: i % 4,
      roundPosition: Math.floor(i / 4) + 1,
      weekdays,
      prices: i % 5 === 0 ? [{ formatId: usual[0].id, unitPrice4: Math.round(usual[0].unitPrice4 * 0.9) }] : [],
    });
  }

  // Calendars: one customer on holiday next week, the bakery closed on the next 25 December.
  const nextWeek = addDays(today, 7);
  await db.deliveryClosure.create({ data: { producerId: input.producerId, relationId: relations[relations.length - 1], from: nextWeek, to: addDays(nextWeek, 3), note: "Congés annuels" } });
  const christmas = `${today.slice(0, 4)}-12-25` >= today ? `${today.slice(0, 4)}-12-25` : `${Number(today.slice(0, 4)) + 1}-12-25`;
  await db.deliveryClosure.create({ data: { producerId: input.producerId, from: christmas, to: christmas, note: "Noël" } });

  // The shops: what was left at closing (yesterday, and today's as recorded tonight), deducted from
  // the next day's viennoiseries and pastries (the bakery's "Reste J+1").
  const shop = await createShop(input.producerId, "Boutique Sainte-Catherine");
  await createShop(input.producerId, "Boutique Flagey");
  const leftoverProducts = new Set(input.products.filter((p) => /^(Croissant|Pain au chocolat|Chausson|Éclair)/.test(p.name)).map((p) => p.id));
  const leftoverFormats = formats.filter((f) => leftoverProducts.has(f.productId));
  for (const date of [addDays(today, -1), today]) {
    await writeLeftovers({ producerId: input.producerId, shopId: shop.id, date, lines: leftoverFormats.map((format) => ({ formatId: format.id, quantity: random.int(1, 6) })) });
  }

  await seedMornings({ producerId: input.producerId, relations, formats, shopId: shop.id });
}

/**
 * The board alive, through the services a user's clicks call: the last three days validated and
 * delivered (numbered orders, delivered history); for tomorrow a conflict to resolve (a customer
 * ordered twice), a waiting proposal and a difference from Café Central, and counter orders.
 */
async function seedMornings(input: { producerId: string; relations: string[]; formats: Format[]; shopId: string }) {
  const db = getDb();
  const today = todayIso();
  const tomorrow = addDays(today, 1);
  const baker = await loadActor(await db.user.findUniqueOrThrow({ where: { email: "bruno@aurore.test" } }), "boulangerie-aurore");
  const chloe = await loadActor(await db.user.findUniqueOrThrow({ where: { email: "chloe@central.test" } }), "cafe-central");
  const [bread, croissant, tart] = [input.formats[0], input.formats[Math.min(3, input.formats.length - 1)], input.formats[input.formats.length - 1]];

  for (const date of [addDays(today, -3), addDays(today, -2), addDays(today, -1)]) {
    await validateDate(baker, date);
    // Delivered that morning: written as the ship and deliver transitions leave them (the services
    // would take ~40 ms an order with their notifications; the seed runs before every test file).
    const made = await db.order.findMany({ where: { sellerId: input.producerId, deliveryDate: date, standingOrderId: { not: null } }, select: { id: true } });
    const shippedAt = new Date(`${date}T05:30:00Z`);
    const deliveredAt = new Date(`${date}T08:00:00Z`);
    await db.order.updateMany({ where: { id: { in: made.map((o) => o.id) } }, data: { status: "DELIVERED", version: 3, shippedAt, deliveredAt, updatedAt: deliveredAt } });
    const by = { actorId: baker.userId, actorName: baker.userName, actorOrgId: baker.orgId, actorOrgName: baker.orgName, changes: "{}" };
    await db.orderEvent.createMany({
      data: made.flatMap((o) => [{ orderId: o.id, type: "SHIPPED", createdAt: shippedAt, ...by }, { orderId: o.id, type: "DELIVERED", createdAt: deliveredAt, ...by }]),
    });
  }

  // Bistro de la Gare ordered for tomorrow, then phoned with another order: the board shows a conflict.
  const bistro = await db.relation.findFirstOrThrow({ where: { producerId: input.producerId, partner: { slug: "bistro-gare" } }, select: { id: true, partnerId: true } });
  const live = await db.order.count({ where: { relationId: bistro.id, deliveryDate: tomorrow, status: { notIn: ["REJECTED", "CANCELLED", "EXPIRED"] } } });
  await createOrderRecords(db, [
    ...(live === 0 ? [{ relation: bistro.id, placedBy: "buyer" as const, status: "ACCEPTED" as const, deliveryDate: tomorrow, lines: [{ format: bread.id, quantity: 30 }, { format: croissant.id, quantity: 20 }] }] : []),
    { relation: bistro.id, placedBy: "seller", status: "PENDING", deliveryDate: tomorrow, note: "Par téléphone : 10 baguettes de plus", lines: [{ format: bread.id, quantity: 40 }, { format: croissant.id, quantity: 20 }] },
  ]);

  const central = await db.relation.findFirstOrThrow({ where: { producerId: input.producerId, partner: { slug: "cafe-central" } }, select: { id: true } });
  await createProposal(chloe, {
    relation: central.id,
    effectiveFrom: addDays(today, 7),
    weekdays: Object.fromEntries([1, 2, 3, 4, 5, 6].map((day) => [String(day), [{ formatId: bread.id, quantity: day === 6 ? 40 : 25 }, { formatId: croissant.id, quantity: 12 }]])),
  });
  await createDifference(chloe, tomorrow, { producer: input.producerId, lines: [{ formatId: croissant.id, delta: 6 }, { formatId: bread.id, delta: -2 }] });

  const pickups = [
    { customerName: "Mme Janssens", phone: "0470 12 34 56", depositCents: 500, lines: [{ formatId: tart.id, quantity: 4 }] },
    { customerName: "M. Peeters", phone: "", depositCents: 0, lines: [{ formatId: bread.id, quantity: 4 }, { formatId: croissant.id, quantity: 10 }] },
    { customerName: "Famille Dubois", phone: "0485 98 76 54", depositCents: 300, lines: [{ formatId: croissant.id, quantity: 24 }] },
  ];
  for (const [i, pickup] of pickups.entries()) await createShopOrder(baker, { shop: input.shopId, pickupDate: addDays(tomorrow, i % 2), ...pickup });
}
