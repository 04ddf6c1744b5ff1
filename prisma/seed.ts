// Demo data: the tenants, members, relations and catalogs the README lists (password `comptoir-demo`).
// Built with the same factories as the tests. Run on a new database by `npm start`, or `npm run db:seed`.
import { pathToFileURL } from "node:url";
import {
  createCustomerGroup,
  createOrganization,
  createProduct,
  createRelation,
  createUser,
} from "../tests/factories";
import { createOrderRecords, type OrderRecordInput } from "../tests/factories/orders";
import { seededRandom } from "../tests/factories/random";
import { seedBakeryDemo } from "./seed-bakery";
import { startOfDay, todayIso } from "~/modules/order/dates";
import type { OrderStatus } from "~/modules/order/status-machine";
import { getDb } from "~/utils/db.server";
import type { OrgKind, Role } from "~/utils/permissions";

type DemoOrg = { slug: string; name: string; kind: OrgKind; locale?: string; members: [string, string, Role][] };

export const DEMO_ORGS: DemoOrg[] = [
  { slug: "brasserie-du-pont", name: "Brasserie du Pont", kind: "PRODUCER", members: [
    ["alice@brasserie.test", "Alice Dupont", "OWNER"], ["sam@brasserie.test", "Sam Leroy", "SALES"], ["anna@brasserie.test", "Anna Petit", "ACCOUNTANT"]] },
  { slug: "boulangerie-aurore", name: "Boulangerie Aurore", kind: "PRODUCER", locale: "fr-BE", members: [["bruno@aurore.test", "Bruno Lambert", "OWNER"]] },
  { slug: "distribution-nord", name: "Distribution Nord", kind: "DISTRIBUTOR", members: [["dan@nord.test", "Dan Morel", "OWNER"]] },
  { slug: "agence-rep", name: "Agence Rep", kind: "REP_AGENCY", members: [["rita@rep.test", "Rita Garnier", "OWNER"]] },
  { slug: "epicerie-martin", name: "Épicerie Martin", kind: "RETAILER", members: [
    ["marc@martin.test", "Marc Martin", "OWNER"], ["sophie@martin.test", "Sophie Martin", "STAFF"]] },
  { slug: "cafe-central", name: "Café Central", kind: "RETAILER", members: [["chloe@central.test", "Chloé Bernard", "OWNER"]] },
  { slug: "bistro-gare", name: "Bistro de la Gare", kind: "RETAILER", members: [["gaston@gare.test", "Gaston Roux", "OWNER"]] },
];

export async function seedDemo(): Promise<void> {
  const orgs: Record<string, { id: string }> = {};
  for (const demo of DEMO_ORGS) {
    const members: { userId: string; role: Role }[] = [];
    for (const [email, name, role] of demo.members) {
      const user = await createUser({ email, name });
      members.push({ userId: user.id, role });
    }
    orgs[demo.slug] = await createOrganization({
      slug: demo.slug,
      name: demo.name,
      kind: demo.kind,
      locale: demo.locale,
      members,
      email: demo.members[0][0],
      address: demoAddress(demo.slug),
      taxNumber: demo.kind === "PRODUCER" ? "FR40123456789" : undefined,
    });
  }
  const brasserie = orgs["brasserie-du-pont"].id;
  const aurore = orgs["boulangerie-aurore"].id;

  const fines = await createCustomerGroup(brasserie, "Épiceries fines", 500);
  const chr = await createCustomerGroup(brasserie, "CHR", 0);
  const brasserieMartin = await createRelation({
    producerId: brasserie, partnerId: orgs["epicerie-martin"].id, kind: "RETAIL", customerGroupId: fines.id,
    paymentTermsDays: 30, repId: orgs["agence-rep"].id, defaultDistributorId: orgs["distribution-nord"].id,
    defaultDistribution: "DISTRIBUTOR", minOrderCents: 15_000,
  });
  const brasserieCentral = await createRelation({ producerId: brasserie, partnerId: orgs["cafe-central"].id, kind: "RETAIL", customerGroupId: chr.id, paymentTermsDays: 30 });
  await createRelation({ producerId: brasserie, partnerId: orgs["distribution-nord"].id, kind: "DISTRIBUTION" });
  await createRelation({ producerId: brasserie, partnerId: orgs["agence-rep"].id, kind: "REPRESENTATION" });
  // The bakery runs the bakery module (intake board, production list, delivery notes).
  await getDb().bakerySettings.create({ data: { producerId: aurore, productionFamilies: "Viennoiseries, Pâtisseries", leftoverFamilies: "Viennoiseries, Pâtisseries" } });
  const bakeryCustomers = await createCustomerGroup(aurore, "Restaurants", 0);
  const auroreCentral = await createRelation({ producerId: aurore, partnerId: orgs["cafe-central"].id, kind: "RETAIL", customerGroupId: bakeryCustomers.id, paymentTermsDays: 15 });
  const auroreBistro = await createRelation({ producerId: aurore, partnerId: orgs["bistro-gare"].id, kind: "RETAIL", customerGroupId: bakeryCustomers.id, paymentTermsDays: 15 });

  // Brasserie: beer at 20 % VAT, bottle and keg deposits.
  const beers = [];
  beers.push(await createProduct({ producerId: brasserie, name: "Blonde du Pont", sku: "BDP-BLO", family: "Bières blondes",
    description: "Blonde de garde, 6,5 % vol.", formats: [
      { name: "Bouteille 33 cl", unitPrice4: 1_8500, depositCents: 10 },
      { name: "Caisse de 24 × 33 cl", unitPrice4: 42_0000, depositCents: 600 },
      { name: "Fût 20 L", unitPrice4: 89_0000, depositCents: 3000 }] }));
  beers.push(await createProduct({ producerId: brasserie, name: "Ambrée des Quais", sku: "BDP-AMB", family: "Bières ambrées",
    description: "Ambrée aux malts caramel, 7 % vol.", formats: [
      { name: "Caisse de 24 × 33 cl", unitPrice4: 45_6000, depositCents: 600 },
      { name: "Fût 30 L", unitPrice4: 129_0000, depositCents: 3000 }] }));
  beers.push(await createProduct({ producerId: brasserie, name: "Blanche de l’Écluse", sku: "BDP-BLA", family: "Bières blanches",
    description: "Blanche au zeste d’orange, 4,8 % vol.", formats: [
      { name: "Caisse de 12 × 75 cl", unitPrice4: 38_4000, depositCents: 360 },
      { name: "Fût 20 L", unitPrice4: 84_0000, depositCents: 3000 }] }));
  beers.push(await createProduct({ producerId: brasserie, name: "Limonade artisanale", sku: "BDP-LIM", family: "Sans alcool",
    formats: [{ name: "Caisse de 24 × 25 cl", unitPrice4: 21_6000, depositCents: 480, taxRateBps: 550 }] }));

  // Bakery: breads, viennoiseries, pâtisseries at 5.5 % VAT; prices with 3 decimals.
  const bakery: [string, string, string, number][] = [
    ["Baguette tradition", "AUR-BAG", "Pains", 1_0500], ["Pain de campagne 800 g", "AUR-CAM", "Pains", 3_2750],
    ["Pain complet", "AUR-CPL", "Pains", 2_8900], ["Croissant au beurre", "AUR-CRO", "Viennoiseries", 8250],
    ["Pain au chocolat", "AUR-PAC", "Viennoiseries", 9150], ["Chausson aux pommes", "AUR-CHA", "Viennoiseries", 1_2400],
    ["Tarte aux fraises (6 p.)", "AUR-TFR", "Pâtisseries", 16_5000], ["Éclair au café", "AUR-ECL", "Pâtisseries", 1_9850],
  ];
  const breads = [];
  for (const [name, sku, family, unitPrice4] of bakery) {
    breads.push(await createProduct({ producerId: aurore, name, sku, family, formats: [{ name: "Pièce", unitPrice4, taxRateBps: 550 }] }));
  }

  // A living history: ~300 orders in every status, delivery dates around today.
  const beerFormats = beers.flatMap((p) => p.formats);
  const breadFormats = breads.flatMap((p) => p.formats);
  await createOrderRecords(getDb(), [
    ...demoOrders(1, brasserieMartin.id, 80, beerFormats, { lines: [2, 5], placedBy: { buyer: 6, rep: 2, seller: 2 } }),
    ...demoOrders(2, brasserieCentral.id, 80, beerFormats, { lines: [1, 4], placedBy: { buyer: 7, seller: 3 } }),
    // A bakery's customer has one order per delivery date (a second one is an intake conflict).
    ...demoOrders(3, auroreCentral.id, 30, breadFormats, { lines: [3, 8], placedBy: { buyer: 8, seller: 2 }, onePerDate: true }),
    ...demoOrders(4, auroreBistro.id, 30, breadFormats, { lines: [3, 8], placedBy: { buyer: 8, seller: 2 }, onePerDate: true }),
  ]);
  await seedBakeryDemo({
    producerId: aurore,
    baker: await getDb().user.findUniqueOrThrow({ where: { email: "bruno@aurore.test" }, select: { id: true, name: true } }),
    existing: [{ relationId: auroreCentral.id }, { relationId: auroreBistro.id }],
    customerGroupId: bakeryCustomers.id,
    products: breads.map((p) => ({ id: p.id, name: p.name, formats: p.formats.map((f) => ({ id: f.id, productId: p.id, name: f.name, unitPrice4: f.unitPrice4 })) })),
  });
}

/** A status that fits the delivery date: the past is delivered (or closed), the future still open. */
function demoStatus(random: ReturnType<typeof seededRandom>, daysFromToday: number): OrderStatus {
  if (daysFromToday < -2) return random.weighted({ DELIVERED: 75, CANCELLED: 8, REJECTED: 7, EXPIRED: 10 });
  if (daysFromToday < 0) return random.weighted({ DELIVERED: 50, SHIPPED: 25, ACCEPTED: 10, EXPIRED: 10, CANCELLED: 5 });
  if (daysFromToday === 0) return random.weighted({ SHIPPED: 40, ACCEPTED: 40, PENDING: 20 });
  return random.weighted({ PENDING: 50, ACCEPTED: 35, REJECTED: 8, CANCELLED: 7 });
}

/** `count` orders of one relation, delivery dates from 30 days ago to 12 days ahead; deterministic per seed. */
function demoOrders(
  seed: number,
  relationId: string,
  count: number,
  formats: { id: string; name: string; unitPrice4: number }[],
  shape: { lines: [number, number]; placedBy: Partial<Record<"buyer" | "seller" | "rep", number>>; onePerDate?: boolean },
): OrderRecordInput[] {
  const random = seededRandom(seed);
  const now = Date.now();
  const today = todayIso(new Date(now));
  const orders: OrderRecordInput[] = [];
  const distinctDays = Array.from({ length: 43 }, (_, i) => i - 30).sort(() => random.next() - 0.5);
  for (let i = 0; i < count; i++) {
    const daysFromToday = shape.onePerDate ? distinctDays[i % distinctDays.length] : random.int(-30, 12);
    // Calendar days in the server's time zone, like the order services' "today".
    const delivery = startOfDay(today);
    delivery.setDate(delivery.getDate() + daysFromToday);
    const placed = new Date(delivery);
    placed.setDate(placed.getDate() - random.int(1, 5));
    placed.setMinutes(random.int(7 * 60, 18 * 60));
    const createdAt = new Date(Math.min(placed.getTime(), now - random.int(5, 600) * 60_000));
    const status = demoStatus(random, daysFromToday);
    const chosen = [...formats].sort(() => random.next() - 0.5).slice(0, random.int(...shape.lines));
    orders.push({
      relation: relationId,
      status,
      deliveryDate: todayIso(delivery),
      createdAt,
      placedBy: random.weighted(shape.placedBy),
      cancelledAfterAcceptance: status === "CANCELLED" && random.chance(0.4),
      note: random.chance(0.15) ? random.pick(DEMO_NOTES) : "",
      lines: chosen.map((format) => ({ format: format.id, quantity: demoQuantity(random, format) })),
    });
  }
  return orders;
}

/** Bottles by the crate, kegs a few at a time, bread by the dozen. */
function demoQuantity(random: ReturnType<typeof seededRandom>, format: { name: string; unitPrice4: number }): number {
  if (format.name.startsWith("Bouteille")) return 24 * random.int(1, 10);
  if (format.name.startsWith("Fût")) return random.int(1, 4);
  if (format.name.startsWith("Caisse")) return random.int(1, 20);
  return format.unitPrice4 > 10_0000 ? random.int(1, 6) : random.int(5, 60);
}

const DEMO_NOTES = [
  "Livraison par l’arrière, merci.",
  "Merci d’appeler avant de passer.",
  "Fermé le lundi matin.",
  "Please deliver before 9 am.",
];

function demoAddress(slug: string): string {
  const addresses: Record<string, string> = {
    "brasserie-du-pont": "12 quai du Pont, 59000 Lille",
    "boulangerie-aurore": "3 rue des Fours, 1000 Bruxelles",
    "distribution-nord": "ZI des Prés, 59650 Villeneuve-d’Ascq",
    "agence-rep": "8 place du Marché, 59800 Lille",
    "epicerie-martin": "25 rue Nationale, 59000 Lille",
    "cafe-central": "1 Grand-Place, 59000 Lille",
    "bistro-gare": "2 place de la Gare, 59000 Lille",
  };
  return addresses[slug] ?? "";
}

// `npm run db:seed`: seed the configured database if it has no organization yet and DEMO_DATA is on.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { getEnv } = await import("~/utils/env.server");
  const { migrateDatabase } = await import("~/utils/migrate.server");
  await migrateDatabase(getEnv().databaseUrl);
  if (!getEnv().demoData) {
    console.log("DEMO_DATA is off: nothing to seed (DEMO_DATA=on to seed the demo tenants).");
  } else if ((await getDb().organization.count()) > 0) {
    console.log("The database already has organizations: nothing to seed.");
  } else {
    await seedDemo();
    console.log("Demo data seeded.");
  }
}
