// The bakery's demo (Boulangerie Aurore): about twenty customers delivered in four rounds, each with
// a standing order Monday to Saturday, their calendars (open weekdays, a holiday closure), the
// bakery's own closed day, production planning, special prices, billing periods, and a shop with
// its leftovers and a few counter orders.
// Deterministic (seeded), built with the same factories as the tests.
import { addDays, formatWeekdays } from "~/modules/bakery/calendar";
import { todayIso } from "~/modules/order/dates";
import { getDb } from "~/utils/db.server";
import { createOrganization, createRelation } from "../tests/factories";
import { createShop, writeLeftovers, writeShopOrder, writeStandingOrder } from "../tests/factories/bakery";
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
  // Its counter order book: a few pre-orders to pick up tomorrow and the day after (never invoiced).
  const named = (pattern: RegExp) => {
    const product = input.products.find((p) => pattern.test(p.name)) ?? input.products[0];
    return { ...product.formats[0], productName: product.name };
  };
  const counter: [string, string, number, number, [RegExp, number][]][] = [
    ["Mme Janssens", "0475 12 34 56", 1, 500, [[/^Croissant/, 12], [/^Pain au chocolat/, 6]]],
    ["M. Dubois", "0486 22 33 44", 1, 0, [[/^Éclair/, 4]]],
    ["Famille Peeters", "02 512 00 00", 2, 1000, [[/^Croissant/, 24], [/^Éclair/, 8]]],
  ];
  for (const [customerName, phone, inDays, depositCents, lines] of counter) {
    await writeShopOrder({
      producerId: input.producerId, shopId: shop.id, pickupDate: addDays(today, inDays), customerName, phone, depositCents, createdById: input.baker.id,
      lines: lines.map(([pattern, quantity]) => ({ format: named(pattern), quantity })),
    });
  }
}
