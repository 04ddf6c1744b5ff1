// Placing orders through the JSON API: every kind of party, the refusals, prices from the catalog with
// the group discount, taxes and deposits (removable), numbering per seller, idempotent retries.
import { beforeAll, describe, expect, it } from "vitest";
import { computeTotals } from "~/modules/pricing/totals";
import { getDb } from "~/utils/db.server";
import { createProduct } from "../factories";
import { useTestServer, type TestServer } from "../setup/http";
import { daysFromToday, loadDemo, ordersClient, placed, type Demo, type OrdersClient } from "../setup/orders-api";

let server: TestServer;
let client: OrdersClient;
let demo: Demo;
let bottle: string; // Blonde du Pont — Bouteille 33 cl: 1.85, deposit 0.10, VAT 20 %
let keg: string; // Ambrée des Quais — Fût 30 L: 129.00, deposit 30.00, VAT 20 %
let lemonade: string; // Limonade artisanale — Caisse de 24 × 25 cl: 21.60, deposit 4.80, VAT 5.5 %
let baguette: string; // Boulangerie Aurore's

beforeAll(async () => {
  server = await useTestServer();
  client = ordersClient(server);
  demo = await loadDemo();
  bottle = demo.format("BDP-BLO", "Bouteille 33 cl");
  keg = demo.format("BDP-AMB", "Fût 30 L");
  lemonade = demo.format("BDP-LIM", "Caisse de 24 × 25 cl");
  baguette = demo.format("AUR-BAG", "Pièce");
});

const totalsOf = (order: any) => computeTotals(order.lines, { taxesEnabled: order.taxesEnabled, depositsEnabled: order.depositsEnabled }).totals;

describe("placing an order", () => {
  it("lets a retailer order from its producer at catalog prices with its group's 5 % discount, taxes and deposits", async () => {
    const res = await client.create("marc", {
      seller: demo.org["brasserie-du-pont"],
      distribution: "SELF",
      deliveryDate: daysFromToday(3),
      note: "Par l’arrière, merci",
      lines: [
        { formatId: bottle, quantity: 48 },
        { formatId: keg, quantity: 2 },
      ],
    });
    expect(res.status).toBe(201);
    const order = res.body;
    expect(order).toMatchObject({
      status: "PENDING",
      version: 1,
      seller: { id: demo.org["brasserie-du-pont"], slug: "brasserie-du-pont", name: "Brasserie du Pont" },
      buyer: { id: demo.org["epicerie-martin"], slug: "epicerie-martin", name: "Épicerie Martin" },
      rep: { slug: "agence-rep" },
      distributor: null,
      distribution: "SELF",
      deliveryDate: daysFromToday(3),
      note: "Par l’arrière, merci",
      invoice: null,
      lockedBy: null,
      currency: "EUR",
      groupDiscountBps: 500,
      minOrderCents: 15_000,
      viewerSide: "buyer",
      actions: [],
    });
    expect(order.lines).toMatchObject([
      { kind: "ITEM", formatId: bottle, description: "Blonde du Pont — Bouteille 33 cl", quantity: 48, unitPrice4: 18_500, discountBps: 500, taxRateBps: 2000, depositCents: 10, totalCents: 8436 },
      { kind: "ITEM", formatId: keg, description: "Ambrée des Quais — Fût 30 L", quantity: 2, unitPrice4: 1_290_000, discountBps: 500, taxRateBps: 2000, depositCents: 3000, totalCents: 24_510 },
    ]);
    // 88.80 + 258.00 = 346.80; discount 4.44 + 12.90; VAT 16.87 + 49.02; deposits 4.80 + 60.00.
    expect(order).toMatchObject({ subtotalCents: 34_680, discountCents: 1734, taxCents: 6589, depositCents: 6480, totalCents: 46_015, belowMinimum: false });
    expect(totalsOf(order)).toEqual({
      subtotalCents: order.subtotalCents,
      discountCents: order.discountCents,
      taxCents: order.taxCents,
      depositCents: order.depositCents,
      totalCents: order.totalCents,
    });

    // The seller sees it with its decisions; the history says who placed it.
    const seen = await client.get("alice", order.id);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ id: order.id, number: order.number, viewerSide: "seller", totalCents: 46_015 });
    expect(seen.body.actions).toEqual(["accept", "reject", "cancel", "amend", "restore"]);
    const history = await client.history("alice", order.id);
    expect(history.body.events).toMatchObject([
      { type: "CREATED", actor: { name: "Marc Martin" }, organization: { id: demo.org["epicerie-martin"], name: "Épicerie Martin" } },
    ]);
    // The seller's people are told by email.
    const mails = await getDb().outboxEmail.findMany({ where: { to: "alice@brasserie.test", createdAt: { gte: new Date(order.createdAt) } } });
    expect(mails.length).toBeGreaterThan(0);
  });

  it("takes the relation's distribution by default: Épicerie Martin's goods go through Distribution Nord", async () => {
    const order = await placed(client, "sophie", {
      seller: demo.org["brasserie-du-pont"],
      deliveryDate: daysFromToday(2),
      lines: [{ formatId: lemonade, quantity: 3 }],
    });
    expect(order).toMatchObject({ distribution: "DISTRIBUTOR", distributor: { slug: "distribution-nord", name: "Distribution Nord" } });
    // 3 × 21.60 = 64.80 − 5 % = 61.56 net: below the 150.00 soft minimum (a warning, not a refusal).
    expect(order.belowMinimum).toBe(true);
    expect(order.lines[0]).toMatchObject({ taxRateBps: 550, depositCents: 480 });
    const distributor = await client.get("dan", order.id);
    expect(distributor.body.viewerSide).toBe("distributor");
  });

  it("lets the producer order for its customer, without a group discount for the CHR group", async () => {
    const order = await placed(client, "sam", {
      buyer: demo.org["cafe-central"],
      distribution: "SHIPPED",
      deliveryDate: daysFromToday(1),
      lines: [{ formatId: bottle, quantity: 24 }],
    });
    expect(order).toMatchObject({ seller: { slug: "brasserie-du-pont" }, buyer: { slug: "cafe-central" }, rep: null, distribution: "SHIPPED", viewerSide: "seller" });
    expect(order.lines[0]).toMatchObject({ discountBps: 0, totalCents: 4440 });
    const buyer = await client.get("chloe", order.id);
    expect(buyer.body).toMatchObject({ viewerSide: "buyer", actions: [] });
  });

  it("lets the rep agency order for a retailer it represents, and no other", async () => {
    const order = await placed(client, "rita", {
      seller: demo.org["brasserie-du-pont"],
      buyer: demo.org["epicerie-martin"],
      distribution: "PICKUP",
      deliveryDate: daysFromToday(4),
      lines: [{ formatId: keg, quantity: 1 }],
    });
    expect(order).toMatchObject({ rep: { slug: "agence-rep" }, buyer: { slug: "epicerie-martin" }, viewerSide: "rep", distribution: "PICKUP" });
    expect(order.lines[0].discountBps).toBe(500);
    const history = await client.history("marc", order.id);
    expect(history.body.events[0]).toMatchObject({ actor: { name: "Rita Garnier" }, organization: { name: "Agence Rep" } });

    const notRepresented = await client.create("rita", {
      seller: demo.org["brasserie-du-pont"],
      buyer: demo.org["cafe-central"],
      distribution: "SELF",
      deliveryDate: daysFromToday(4),
      lines: [{ formatId: keg, quantity: 1 }],
    });
    expect(notRepresented.status).toBe(404);
    expect(notRepresented.body.error.code).toBe("not_found");
  });

  it("lets a distributor of the producer order for the producer's retailer; it carries the order", async () => {
    const order = await placed(client, "dan", {
      seller: demo.org["brasserie-du-pont"],
      buyer: demo.org["cafe-central"],
      deliveryDate: daysFromToday(2),
      lines: [{ formatId: bottle, quantity: 12 }],
    });
    expect(order).toMatchObject({ distribution: "DISTRIBUTOR", distributor: { slug: "distribution-nord" }, viewerSide: "distributor", buyer: { slug: "cafe-central" } });
    const selfDelivered = await client.create("dan", {
      seller: demo.org["brasserie-du-pont"],
      buyer: demo.org["cafe-central"],
      distribution: "SELF",
      deliveryDate: daysFromToday(2),
      lines: [{ formatId: bottle, quantity: 12 }],
    });
    expect(selfDelivered.status).toBe(400);
    expect(Object.keys(selfDelivered.body.error.details.fields)).toEqual(["distribution"]);
  });

  it("removes the group discount, taxes and deposits when the seller asks", async () => {
    const order = await placed(client, "alice", {
      buyer: demo.org["epicerie-martin"],
      distribution: "SELF",
      deliveryDate: daysFromToday(3),
      lines: [{ formatId: bottle, quantity: 48 }],
      applyGroupDiscount: false,
      taxesEnabled: false,
      depositsEnabled: false,
    });
    expect(order.lines[0]).toMatchObject({ discountBps: 0, depositCents: 10, totalCents: 8880 });
    expect(order).toMatchObject({ taxesEnabled: false, depositsEnabled: false, subtotalCents: 8880, discountCents: 0, taxCents: 0, depositCents: 0, totalCents: 8880 });
    expect(totalsOf(order).totalCents).toBe(8880);
  });

  it("numbers the orders of each seller one after the other, whoever places them", async () => {
    const base = { distribution: "SELF", deliveryDate: daysFromToday(5), lines: [{ formatId: bottle, quantity: 1 }] };
    const first = await placed(client, "marc", { ...base, seller: demo.org["brasserie-du-pont"] });
    const refused = await client.create("marc", { ...base, seller: demo.org["brasserie-du-pont"], lines: [{ formatId: baguette, quantity: 1 }] });
    expect(refused.status).toBe(400);
    const second = await placed(client, "alice", { ...base, buyer: demo.org["cafe-central"] });
    const bakery = await placed(client, "chloe", { ...base, seller: demo.org["boulangerie-aurore"], lines: [{ formatId: baguette, quantity: 30 }] });
    const third = await placed(client, "rita", { ...base, seller: demo.org["brasserie-du-pont"], buyer: demo.org["epicerie-martin"] });
    expect([second.number, third.number]).toEqual([first.number + 1, first.number + 2]);
    const lastBakery = await getDb().order.findFirstOrThrow({ where: { sellerId: demo.org["boulangerie-aurore"], id: { not: bakery.id } }, orderBy: { number: "desc" } });
    expect(bakery.number).toBe(lastBakery.number + 1);
  });
});

describe("refusals", () => {
  const body = (extra: Record<string, unknown> = {}) => ({
    seller: demo.org["brasserie-du-pont"],
    distribution: "SELF",
    deliveryDate: daysFromToday(2),
    lines: [{ formatId: bottle, quantity: 6 }],
    ...extra,
  });

  it("answers 404 on a seller the retailer has no relation with, and on a buyer that is not the producer's customer", async () => {
    const gaston = await client.create("gaston", body());
    expect(gaston.status).toBe(404);
    expect(gaston.body.error.code).toBe("not_found");
    const alice = await client.create("alice", { ...body(), seller: undefined, buyer: demo.org["bistro-gare"] });
    expect(alice.status).toBe(404);
    const unknown = await client.create("marc", body({ seller: "no-such-org" }));
    expect(unknown.status).toBe(404);
  });

  it.each([
    ["0", 0],
    ["1,000,001", 1_000_001],
    ["1.5", 1.5],
    ["a text", "six"],
    ["negative", -3],
  ])("answers 400 naming lines.0.quantity for a quantity of %s", async (_name, quantity) => {
    const res = await client.create("marc", body({ lines: [{ formatId: bottle, quantity }] }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(Object.keys(res.body.error.details.fields)).toEqual(["lines.0.quantity"]);
  });

  it("accepts the extreme quantities 1 and 1,000,000", async () => {
    const res = await client.create("marc", body({ lines: [{ formatId: bottle, quantity: 1 }, { formatId: bottle, quantity: 1_000_000 }] }));
    expect(res.status).toBe(201);
    expect(res.body.lines.map((l: any) => l.quantity)).toEqual([1, 1_000_000]);
  });

  it("answers 400 naming the line for an inactive, foreign or unknown format", async () => {
    const product = await createProduct({ producerId: demo.org["brasserie-du-pont"], name: "Bière de Noël", formats: [{ name: "Fût 20 L", unitPrice4: 95_0000 }] });
    await getDb().productFormat.update({ where: { id: product.formats[0].id }, data: { active: false } });
    const res = await client.create(
      "marc",
      body({ lines: [{ formatId: bottle, quantity: 1 }, { formatId: product.formats[0].id, quantity: 1 }, { formatId: baguette, quantity: 1 }, { formatId: "nope", quantity: 1 }] }),
    );
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details.fields).sort()).toEqual(["lines.1.formatId", "lines.2.formatId", "lines.3.formatId"]);
  });

  it("answers 400 for a body that is not JSON, a missing field, no lines, a past or impossible date", async () => {
    const notJson = await client.call("marc", "POST", "/api/v1/orders", undefined, { "Content-Type": "application/json" });
    expect(notJson.status).toBe(400);
    const raw = await fetch(`${server.baseUrl}/api/v1/orders`, {
      method: "POST",
      headers: { Authorization: `Bearer ${await client.token("marc")}`, "Content-Type": "application/json" },
      body: '{"seller": ',
    });
    expect(raw.status).toBe(400);
    expect((await raw.json()).error.code).toBe("validation_failed");

    const noSeller = await client.create("marc", body({ seller: undefined }));
    expect(noSeller.status).toBe(400);
    expect(Object.keys(noSeller.body.error.details.fields)).toEqual(["seller"]);
    const noLines = await client.create("marc", body({ lines: [] }));
    expect(Object.keys(noLines.body.error.details.fields)).toEqual(["lines"]);
    const past = await client.create("marc", body({ deliveryDate: daysFromToday(-1) }));
    expect(past.status).toBe(400);
    expect(Object.keys(past.body.error.details.fields)).toEqual(["deliveryDate"]);
    const impossible = await client.create("marc", body({ deliveryDate: "2031-02-30" }));
    expect(Object.keys(impossible.body.error.details.fields)).toEqual(["deliveryDate"]);
    const badDistribution = await client.create("marc", body({ distribution: "DRONE" }));
    expect(Object.keys(badDistribution.body.error.details.fields)).toEqual(["distribution"]);
    // Today is fine.
    expect((await client.create("marc", body({ deliveryDate: daysFromToday(0) }))).status).toBe(201);
  });

  it("answers 400 naming distribution when the chosen distributor has no agreement with the seller", async () => {
    const res = await client.create("marc", body({ distribution: "DISTRIBUTOR", distributor: demo.org["agence-rep"] }));
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toHaveProperty("distribution");
  });

  it("answers 403 to an ACCOUNTANT, who may read orders but not place them", async () => {
    const res = await client.create("anna", { ...body(), seller: undefined, buyer: demo.org["cafe-central"] });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
  });
});

describe("Idempotency-Key", () => {
  const body = () => ({ seller: demo.org["brasserie-du-pont"], distribution: "SELF", deliveryDate: daysFromToday(6), lines: [{ formatId: bottle, quantity: 24 }] });
  const sequence = async () => (await getDb().sellerSequence.findUniqueOrThrow({ where: { sellerId_kind: { sellerId: demo.org["brasserie-du-pont"], kind: "ORDER" } } })).next;

  it("returns the first order to a retry with the same key", async () => {
    const before = await sequence();
    const first = await client.create("marc", body(), { "Idempotency-Key": "erp-retry-1" });
    const retry = await client.create("marc", body(), { "Idempotency-Key": "erp-retry-1" });
    const colleague = await client.create("sophie", body(), { "Idempotency-Key": "erp-retry-1" });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(colleague.body.id).toBe(first.body.id);
    expect(await sequence()).toBe(before + 1);
    // Keys belong to an organization: the same key elsewhere is another order.
    const producer = await client.create("alice", { ...body(), seller: undefined, buyer: demo.org["cafe-central"] }, { "Idempotency-Key": "erp-retry-1" });
    expect(producer.status).toBe(201);
    expect(producer.body.id).not.toBe(first.body.id);
  });

  it("places one order for 5 requests with the same key at the same time", async () => {
    const before = await sequence();
    const results = await Promise.all(Array.from({ length: 5 }, () => client.create("marc", body(), { "Idempotency-Key": "erp-burst-7" })));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await sequence()).toBe(before + 1);
    expect(await getDb().idempotencyKey.count({ where: { key: "erp-burst-7" } })).toBe(1);
  });

  it("answers 400 naming the header for an over-long key", async () => {
    const res = await client.create("marc", body(), { "Idempotency-Key": "k".repeat(300) });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details.fields)).toEqual(["Idempotency-Key"]);
  });
});
