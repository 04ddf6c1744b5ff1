// Order lists through the JSON API: each party sees its orders, filters and quick filters, search,
// pages without duplicates or gaps, limit clamping, the badges' counts, and the CSV export.
import { beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "~/modules/org/access.server";
import { countOrdersByView } from "~/modules/order/order-list.server";
import { ORDER_VIEWS } from "~/modules/order/types";
import { parseCsv } from "~/utils/csv";
import { getDb } from "~/utils/db.server";
import { useTestServer, type TestServer } from "../setup/http";
import { daysFromToday, loadDemo, ordersClient, PEOPLE, placed, type Demo, type OrdersClient, type Person } from "../setup/orders-api";

let server: TestServer;
let client: OrdersClient;
let demo: Demo;
let bottle: string;
let mine: any[] = [];

beforeAll(async () => {
  server = await useTestServer();
  client = ordersClient(server);
  demo = await loadDemo();
  bottle = demo.format("BDP-BLO", "Bouteille 33 cl");
  // A few orders of the day next to the demo history.
  for (const [who, extra] of [
    ["chloe", { seller: demo.org["brasserie-du-pont"] }],
    ["chloe", { seller: demo.org["boulangerie-aurore"], lines: [{ formatId: demo.format("AUR-CRO", "Pièce"), quantity: 40 }] }],
    ["marc", { seller: demo.org["brasserie-du-pont"] }],
    ["alice", { buyer: demo.org["cafe-central"] }],
    ["rita", { seller: demo.org["brasserie-du-pont"], buyer: demo.org["epicerie-martin"] }],
  ] as [Person, Record<string, unknown>][]) {
    mine.push(await placed(client, who, { distribution: "SELF", deliveryDate: daysFromToday(1), lines: [{ formatId: bottle, quantity: 12 }, { formatId: bottle, quantity: 6 }], ...extra }));
  }
});

/** Every page of a list, following nextCursor. */
async function allPages(who: Person, query: Record<string, string>) {
  const orders: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await client.list(who, { ...query, ...(cursor ? { cursor } : {}) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    orders.push(...res.body.orders);
    cursor = res.body.nextCursor;
    pages++;
  } while (cursor && pages < 500);
  return { orders, pages };
}

/** The same list straight from the database, newest first. */
async function expected(where: object) {
  return getDb().order.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
}

describe("GET /api/v1/orders", () => {
  it("pages through every order of the seller, newest first, without duplicates or gaps", async () => {
    const { orders, pages } = await allPages("alice", { limit: "17" });
    const ids = orders.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual((await expected({ sellerId: demo.org["brasserie-du-pont"] })).map((o) => o.id));
    expect(pages).toBe(Math.ceil(ids.length / 17));
    // The orders just placed come first.
    expect(ids.slice(0, 4)).toEqual(mine.filter((o) => o.seller.slug === "brasserie-du-pont").reverse().map((o) => o.id));
  });

  it("keeps its place among orders placed at the same instant", async () => {
    const db = getDb();
    const sameInstant = new Date(Date.now() - 3 * 86_400_000);
    const ids = mine.map((o) => o.id);
    await db.order.updateMany({ where: { id: { in: ids } }, data: { createdAt: sameInstant } });
    // Four of them are the brasserie's: with 3 a page, they straddle a page break.
    const { orders } = await allPages("alice", { limit: "3" });
    const listed = orders.map((o) => o.id);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed).toEqual((await expected({ sellerId: demo.org["brasserie-du-pont"] })).map((o) => o.id));
  });

  it("shows each organization the orders it takes part in, with line counts but without lines", async () => {
    for (const [who, where] of [
      ["chloe", { buyerId: demo.org["cafe-central"] }],
      ["rita", { repId: demo.org["agence-rep"] }],
      ["dan", { distributorId: demo.org["distribution-nord"] }],
      ["bruno", { sellerId: demo.org["boulangerie-aurore"] }],
    ] as [Person, object][]) {
      const { orders } = await allPages(who, { limit: "200" });
      expect(orders.map((o) => o.id), who).toEqual((await expected(where)).map((o) => o.id));
    }
    const { orders } = await allPages("gaston", {});
    expect(orders.every((o) => o.seller.slug === "boulangerie-aurore")).toBe(true);
    const chloes = (await client.list("chloe", { limit: "200" })).body.orders;
    const fromBrasserie = chloes.find((o: any) => o.id === mine[0].id);
    expect(fromBrasserie).toMatchObject({ lines: [], lineCount: 2, seller: { slug: "brasserie-du-pont", name: "Brasserie du Pont" }, buyer: { name: "Café Central" }, viewerSide: "buyer" });
    expect(chloes.some((o: any) => o.seller.slug === "boulangerie-aurore")).toBe(true);
  });

  it("filters by status, buyer, seller, delivery and creation dates", async () => {
    const delivered = await allPages("alice", { status: "DELIVERED", limit: "50" });
    expect(delivered.orders.length).toBeGreaterThan(0);
    expect(delivered.orders.map((o) => o.id)).toEqual((await expected({ sellerId: demo.org["brasserie-du-pont"], status: "DELIVERED" })).map((o) => o.id));

    const central = await allPages("alice", { buyer: demo.org["cafe-central"], limit: "200" });
    expect(central.orders.length).toBeGreaterThan(0);
    expect(central.orders.every((o) => o.buyer.slug === "cafe-central")).toBe(true);
    const fromAurore = await allPages("chloe", { seller: demo.org["boulangerie-aurore"] });
    expect(fromAurore.orders.every((o) => o.seller.slug === "boulangerie-aurore")).toBe(true);

    const window = await allPages("alice", { deliveryFrom: daysFromToday(-5), deliveryTo: daysFromToday(-1), limit: "200" });
    expect(window.orders.length).toBeGreaterThan(0);
    expect(window.orders.every((o) => o.deliveryDate >= daysFromToday(-5) && o.deliveryDate <= daysFromToday(-1))).toBe(true);
    expect(window.orders.map((o) => o.id)).toEqual(
      (await expected({ sellerId: demo.org["brasserie-du-pont"], deliveryDate: { gte: daysFromToday(-5), lte: daysFromToday(-1) } })).map((o) => o.id),
    );

    await getDb().order.update({ where: { id: mine[2].id }, data: { createdAt: new Date(Date.now() - 40 * 86_400_000) } });
    const created = await allPages("alice", { createdFrom: daysFromToday(-41), createdTo: daysFromToday(-39) });
    expect(created.orders.map((o) => o.id)).toContain(mine[2].id);
    const from = new Date(`${daysFromToday(-41)}T00:00:00`).getTime();
    const to = new Date(`${daysFromToday(-38)}T00:00:00`).getTime();
    expect(created.orders.every((o) => Date.parse(o.createdAt) >= from && Date.parse(o.createdAt) < to)).toBe(true);
  });

  it("has quick filters whose badges count what they list", async () => {
    const db = getDb();
    const late = mine[3];
    await db.order.update({ where: { id: late.id }, data: { status: "ACCEPTED", deliveryDate: daysFromToday(-2) } });
    const actor = await loadActor(await db.user.findUniqueOrThrow({ where: { email: PEOPLE.alice[0] } }), PEOPLE.alice[1]);
    const counts = await countOrdersByView(actor);
    const statuses: Record<string, string[]> = {
      to_accept: ["PENDING"],
      to_ship: ["ACCEPTED"],
      to_deliver: ["SHIPPED"],
      late: ["PENDING", "ACCEPTED", "SHIPPED"],
      to_invoice: ["DELIVERED"],
      unpaid: ["INVOICED"],
      done: ["PAID", "REJECTED", "CANCELLED", "EXPIRED"],
    };
    expect(counts).not.toHaveProperty("done"); // history is listed, not counted
    for (const view of ORDER_VIEWS) {
      const { orders } = await allPages("alice", { view, limit: "200" });
      if (view === "done") {
        // Read status by status and merged: small pages still walk every finished order once, newest first.
        const paged = await allPages("alice", { view, limit: "3" });
        const finished = await db.order.findMany({
          where: { sellerId: demo.org["brasserie-du-pont"], status: { in: statuses.done } },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          select: { id: true },
        });
        expect(finished.length).toBeGreaterThan(6);
        expect(paged.orders.map((o) => o.id)).toEqual(finished.map((o) => o.id));
        expect(orders.map((o) => o.id)).toEqual(finished.map((o) => o.id));
        continue;
      }
      expect(orders.length, view).toBe(counts[view]);
      expect(orders.every((o) => statuses[view].includes(o.status)), view).toBe(true);
      if (view === "late") {
        expect(orders.every((o) => o.deliveryDate < daysFromToday(0))).toBe(true);
        expect(orders.map((o) => o.id)).toContain(late.id);
      }
      const inDb = await db.order.count({
        where: { sellerId: demo.org["brasserie-du-pont"], status: { in: statuses[view] }, ...(view === "late" ? { deliveryDate: { lt: daysFromToday(0) } } : {}) },
      });
      expect(counts[view], view).toBe(inDb);
    }
    expect(counts.to_accept).toBeGreaterThan(0);
    expect(counts.late).toBeGreaterThan(0);
  });

  it("searches the order number exactly, else the customer's name whatever the case (the supplier's for a retailer)", async () => {
    const target = mine[4];
    const byNumber = await client.list("alice", { q: String(target.number) });
    expect(byNumber.body.orders.map((o: any) => o.id)).toEqual([target.id]);
    // Whatever the case and the accents: French users often type without them.
    for (const q of ["épicerie", "ÉPICERIE MAR", "picerie", "epicerie", "EPICERIE"]) {
      const { orders } = await allPages("alice", { q, limit: "200" });
      expect(orders.length, q).toBe(await getDb().order.count({ where: { sellerId: demo.org["brasserie-du-pont"], buyerId: demo.org["epicerie-martin"] } }));
    }
    for (const q of ["café", "cafe"]) {
      const found = (await client.list("alice", { q })).body.orders;
      expect(found.length, q).toBeGreaterThan(0);
      expect(found.every((o: any) => o.buyer.slug === "cafe-central"), q).toBe(true);
    }
    expect((await client.list("alice", { q: "nobody-here" })).body.orders).toEqual([]);
    // Wildcards are searched as themselves: no customer's name holds them.
    for (const q of ["%", "_", "*", "?", "[a]"]) expect((await client.list("alice", { q })).body.orders, q).toEqual([]);
    const supplier = await allPages("chloe", { q: "AURORE" });
    expect(supplier.orders.length).toBeGreaterThan(0);
    expect(supplier.orders.every((o) => o.seller.slug === "boulangerie-aurore")).toBe(true);
  });

  it("clamps large limits to 200 and answers 400 to bad values", async () => {
    const total = await getDb().order.count({ where: { sellerId: demo.org["brasserie-du-pont"] } });
    expect((await client.list("alice")).body.orders).toHaveLength(Math.min(50, total));
    const clamped = await client.list("alice", { limit: "5000" });
    expect(clamped.status).toBe(200);
    expect(clamped.body.orders).toHaveLength(Math.min(200, total));
    for (const [query, field] of [
      [{ limit: "0" }, "limit"],
      [{ limit: "-3" }, "limit"],
      [{ limit: "ten" }, "limit"],
      [{ limit: "2.5" }, "limit"],
      [{ status: "LOST" }, "status"],
      [{ view: "urgent" }, "view"],
      [{ cursor: "not-a-cursor" }, "cursor"],
      [{ deliveryFrom: "yesterday" }, "deliveryFrom"],
    ] as [Record<string, string>, string][]) {
      const res = await client.list("alice", query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
      expect(Object.keys(res.body.error.details.fields)).toEqual([field]);
    }
  });
});

describe("GET /api/v1/orders/export.csv", () => {
  it("exports every matching order as CSV (not mistaken for an order id)", async () => {
    const order = await placed(client, "alice", { buyer: demo.org["cafe-central"], distribution: "PICKUP", deliveryDate: daysFromToday(2), lines: [{ formatId: bottle, quantity: 18 }] });
    const res = await fetch(`${server.baseUrl}/api/v1/orders/export.csv?buyer=${demo.org["cafe-central"]}`, {
      headers: { Authorization: `Bearer ${await client.token("alice")}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"/);
    const { records } = parseCsv(await res.text());
    expect(records[0].fields).toEqual(["number", "date", "customer", "seller", "status", "delivery_date", "distribution", "subtotal", "discount", "tax", "deposit", "total", "currency"]);
    const rows = records.slice(1).map((r) => r.fields);
    const inDb = await getDb().order.findMany({ where: { sellerId: demo.org["brasserie-du-pont"], buyerId: demo.org["cafe-central"] }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(rows.map((r) => Number(r[0]))).toEqual(inDb.map((o) => o.number));
    // 18 bottles at 1.85 (no group discount for the CHR group), VAT 20 %, deposits 0.10 each.
    expect(rows[0]).toEqual([String(order.number), daysFromToday(0), "Café Central", "Brasserie du Pont", "PENDING", daysFromToday(2), "PICKUP", "33.30", "0.00", "6.66", "1.80", "41.76", "EUR"]);
  });

  it("answers 401 without a token and 400 to bad filters", async () => {
    expect((await fetch(`${server.baseUrl}/api/v1/orders/export.csv`)).status).toBe(401);
    const bad = await client.call("alice", "GET", "/api/v1/orders/export.csv?status=LOST");
    expect(bad.status).toBe(400);
  });
});
