// The benchmark's tenants, made with the same factories as the demo seed and the tests: the demo data
// (Alice's brasserie among it), a larger catalog for the brasserie, 200 other producers with their
// catalogs and customer groups, and 400 retailers, each producer trading with 25 of them — the
// brasserie with 200 (a fifth through the demo rep agency and distributor).
import {
  createCustomerGroup,
  createOrganization,
  createProduct,
  createRelation,
  createUser,
} from "../tests/factories";
import { loadOrderContexts, type OrderContext } from "../tests/factories/orders";
import { seededRandom } from "../tests/factories/random";
import { getDb } from "~/utils/db.server";
import { seedDemo } from "../prisma/seed";

export const BENCH_PRODUCERS = 200;
export const BENCH_RETAILERS = 400;
const RELATIONS_PER_PRODUCER = 25;
const BRASSERIE_CUSTOMERS = 200;

const SHOP_KINDS = ["Café", "Bistro", "Épicerie", "Cave", "Restaurant", "Bar", "Hôtel", "Crêperie", "Traiteur", "Supérette"];
const PLACES = [
  "du Port", "de la Gare", "des Halles", "du Marché", "Saint-Michel", "des Arts", "du Théâtre", "de la Place", "du Canal", "des Quais",
  "du Beffroi", "de l’Église", "du Lac", "des Remparts", "du Centre", "de la Plage", "du Parc", "des Vignes", "du Moulin", "de la Poste",
];
const CITIES = ["Lille", "Roubaix", "Arras", "Douai", "Lens", "Tourcoing"];
const TRADES = ["Brasserie", "Fromagerie", "Torréfaction", "Boulangerie", "Domaine", "Cidrerie", "Chocolaterie", "Conserverie"];
const SURNAMES = ["Lefebvre", "Dubois", "Moreau", "Laurent", "Simon", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier"];
const PRODUCTS = ["Classique", "Réserve", "Tradition", "Bio", "Nature", "Prestige", "Saison", "Terroir", "Artisan", "Maison"];

/** A search term that matches about one customer in twenty (the list's `q`). */
export const SEARCH_TERM = "Halles";

export type BenchTenants = {
  brasserie: { id: string; slug: string };
  /** RETAIL relations of the brasserie, and of each other producer. */
  brasserieContexts: OrderContext[];
  otherContexts: OrderContext[][];
  /** Retailers of the brasserie, for orders placed over HTTP. */
  brasserieCustomers: string[];
};

export async function createBenchTenants(log: (line: string) => void): Promise<BenchTenants> {
  const db = getDb();
  const random = seededRandom(20261123);
  await seedDemo();
  const brasserie = await db.organization.findUniqueOrThrow({ where: { slug: "brasserie-du-pont" } });
  const rep = await db.organization.findUniqueOrThrow({ where: { slug: "agence-rep" } });
  const distributor = await db.organization.findUniqueOrThrow({ where: { slug: "distribution-nord" } });
  log("demo data seeded");

  // The brasserie's catalog grows to 24 formats (orders have 5 to 15 distinct lines).
  for (let i = 0; i < 8; i++) {
    await createProduct({
      producerId: brasserie.id,
      name: `Bière de saison n° ${i + 1}`,
      sku: `BDP-S${i + 1}`,
      family: "Bières de saison",
      formats: [
        { name: "Caisse de 24 × 33 cl", unitPrice4: 40_0000 + i * 1_5000, depositCents: 600 },
        { name: "Fût 20 L", unitPrice4: 85_0000 + i * 3_0000, depositCents: 3000 },
      ],
    });
  }

  const retailers: { id: string }[] = [];
  for (let i = 0; i < BENCH_RETAILERS; i++) {
    const name = `${SHOP_KINDS[i % SHOP_KINDS.length]} ${PLACES[Math.floor(i / SHOP_KINDS.length) % PLACES.length]} (${CITIES[Math.floor(i / (SHOP_KINDS.length * PLACES.length)) % CITIES.length]} ${i})`;
    const user = await createUser({ email: `retailer-${i}@bench.test`, name: `${SURNAMES[i % SURNAMES.length]} ${i}` });
    retailers.push(await createOrganization({ kind: "RETAILER", slug: `bench-retailer-${i}`, name, members: [{ userId: user.id, role: "OWNER" }] }));
  }
  log(`${BENCH_RETAILERS} retailers`);

  const brasserieGroups = await db.customerGroup.findMany({ where: { producerId: brasserie.id } });
  const brasserieCustomers = [...retailers].sort(() => random.next() - 0.5).slice(0, BRASSERIE_CUSTOMERS);
  for (const [i, customer] of brasserieCustomers.entries()) {
    const throughRep = i % 5 === 0;
    await createRelation({
      producerId: brasserie.id,
      partnerId: customer.id,
      kind: "RETAIL",
      customerGroupId: random.pick(brasserieGroups).id,
      repId: throughRep ? rep.id : null,
      defaultDistributorId: throughRep ? distributor.id : null,
      defaultDistribution: throughRep ? "DISTRIBUTOR" : random.pick(["SELF", "SHIPPED", "PICKUP"] as const),
    });
  }

  const producers: { id: string }[] = [];
  for (let p = 0; p < BENCH_PRODUCERS; p++) {
    const user = await createUser({ email: `producer-${p}@bench.test`, name: `${SURNAMES[p % SURNAMES.length]} P${p}` });
    const producer = await createOrganization({
      kind: "PRODUCER",
      slug: `bench-producer-${p}`,
      name: `${TRADES[p % TRADES.length]} ${SURNAMES[(p * 7) % SURNAMES.length]} ${p}`,
      members: [{ userId: user.id, role: "OWNER" }],
    });
    producers.push(producer);
    for (let k = 0; k < 10; k++) {
      await createProduct({
        producerId: producer.id,
        name: `${PRODUCTS[k]} ${p}`,
        sku: `P${p}-${k}`,
        formats: [
          { name: "Unité", unitPrice4: random.int(5000, 300_000), depositCents: random.chance(0.3) ? 20 : 0 },
          { name: "Carton de 12", unitPrice4: random.int(50_000, 3_000_000), depositCents: random.chance(0.3) ? 240 : 0, taxRateBps: random.pick([550, 2000]) },
        ],
      });
    }
    const groups = [await createCustomerGroup(producer.id, "Standard", 0), await createCustomerGroup(producer.id, "Grands comptes", random.pick([300, 500, 1000]))];
    const customers = [...retailers].sort(() => random.next() - 0.5).slice(0, RELATIONS_PER_PRODUCER);
    for (const customer of customers) {
      await createRelation({
        producerId: producer.id,
        partnerId: customer.id,
        kind: "RETAIL",
        customerGroupId: random.pick(groups).id,
        defaultDistribution: random.pick(["SELF", "SHIPPED", "PICKUP"] as const),
      });
    }
    if ((p + 1) % 50 === 0) log(`${p + 1} producers with their catalogs and customers`);
  }

  const contextsOf = async (producerId: string) => {
    const relations = await db.relation.findMany({ where: { producerId, kind: "RETAIL", status: "ACTIVE" }, select: { id: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    return loadOrderContexts(db, relations.map((r) => r.id));
  };
  const brasserieContexts = await contextsOf(brasserie.id);
  const otherContexts: OrderContext[][] = [];
  for (const producer of producers) otherContexts.push(await contextsOf(producer.id));
  log(`order contexts read (${brasserieContexts.length} + ${otherContexts.reduce((a, c) => a + c.length, 0)} relations)`);
  return {
    brasserie: { id: brasserie.id, slug: brasserie.slug },
    brasserieContexts,
    otherContexts,
    brasserieCustomers: brasserieCustomers.map((c) => c.id),
  };
}
