// The shops' counter orders, their leftovers, the production list of a crafted day, its PDF, the
// delivery notes (one and all, in round order) and the bakery settings, through the API as a user of
// the bakery sees them; a shop order is never invoiced.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { createUser } from "../factories";
import { createBakeryCustomer, createBakeryProducer, writeStandingOrder, type BakeryFormat } from "../factories/bakery";
import { api, apiToken, PageClient, useTestServer, type TestServer } from "../setup/http";
import { insertOrder } from "../setup/insert-order";
import { pdfText } from "../setup/pdf-text";

const TUESDAY = "2027-03-02";
const MONDAY = "2027-03-01";
let server: TestServer;
let token = "";
let otherToken = "";
let producerId = "";
let slug = "";
let shopId = "";
const f: Record<"baguette" | "gris" | "grisSliced" | "croissant" | "eclair", BakeryFormat> = {} as never;
const customers: Record<string, Awaited<ReturnType<typeof createBakeryCustomer>>> = {};
const shopOrderIds: string[] = [];

beforeAll(async () => {
  server = await useTestServer();
  const bakery = await createBakeryProducer({ slug: "boulangerie-prod", name: "Boulangerie Prod", members: [{ role: "OWNER", name: "Paula Prod", email: "paula@prod.test" }] });
  producerId = bakery.producer.id;
  slug = bakery.producer.slug;
  [f.baguette, f.gris, f.grisSliced, f.croissant, f.eclair] = bakery.formats;
  const baker = { id: bakery.users[0].user.id, name: bakery.users[0].user.name };
  for (const name of ["Alpha", "Bravo", "Charlie", "Delta"]) customers[name] = await createBakeryCustomer(producerId, { name, slug: `prod-${name.toLowerCase()}`, email: `${name.toLowerCase()}@prod.test` });
  // Tuesday's standing orders: Bravo first in round 1, Alpha second, Charlie in round 2; Delta has none.
  await writeStandingOrder({ relationId: customers.Alpha.relation.id, createdBy: baker, round: 1, roundPosition: 20, weekdays: { 2: [{ formatId: f.croissant.id, quantity: 10 }, { formatId: f.grisSliced.id, quantity: 4 }] } });
  await writeStandingOrder({ relationId: customers.Bravo.relation.id, createdBy: baker, round: 1, roundPosition: 10, weekdays: { 2: [{ formatId: f.baguette.id, quantity: 20 }, { formatId: f.eclair.id, quantity: 6 }] } });
  await writeStandingOrder({ relationId: customers.Charlie.relation.id, createdBy: baker, round: 2, roundPosition: 1, weekdays: { 2: [{ formatId: f.baguette.id, quantity: 5 }] } });
  // Charlie ordered on the web for that Tuesday (it replaces its standing order); Alpha asks for 2 more croissants.
  await insertOrder({
    seller: slug, buyer: customers.Charlie.org.slug, createdBy: customers.Charlie.user.email, deliveryDate: TUESDAY,
    lines: [{ formatId: f.croissant.id, description: "Croissant — Pièce", quantity: 3, unitPrice4: f.croissant.unitPrice4 }],
  });
  await getDb().deliveryDifference.create({
    data: { producerId, relationId: customers.Alpha.relation.id, retailerId: customers.Alpha.org.id, date: TUESDAY, lines: JSON.stringify([{ formatId: f.croissant.id, delta: 2 }]), createdById: customers.Alpha.user.id, createdByName: "Alpha" },
  });
  token = await apiToken(server, "paula@prod.test", slug);
  const other = await createBakeryProducer({ slug: "boulangerie-autre", members: [{ role: "OWNER", email: "otto@autre.test" }] });
  expect(other.producer.id).not.toBe(producerId);
  otherToken = await apiToken(server, "otto@autre.test", "boulangerie-autre");
});

describe("shops and their counter orders", () => {
  it("a shop is created and listed", async () => {
    const created = await api(server, "POST", "/api/v1/shops", { token, body: { name: "Magasin Centre" } });
    expect(created.status).toBe(201);
    shopId = created.body.id;
    expect((await api(server, "POST", "/api/v1/shops", { token, body: { name: "Magasin Centre" } })).status).toBe(400);
    expect((await api(server, "GET", "/api/v1/shops", { token })).body.shops).toEqual([{ id: shopId, name: "Magasin Centre" }]);
    expect((await api(server, "GET", "/api/v1/shops", { token: otherToken })).body.shops).toEqual([]);
  });

  it("a counter order is priced from the catalog: total, deposit and the balance due at pickup", async () => {
    const res = await api(server, "POST", "/api/v1/shop-orders", {
      token,
      body: { shop: shopId, pickupDate: TUESDAY, customerName: "Mme Dupont", phone: "0470 12 34 56", depositCents: 100, lines: [{ formatId: f.croissant.id, quantity: 5 }, { formatId: f.eclair.id, quantity: 2 }] },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      shop: { id: shopId, name: "Magasin Centre" }, pickupDate: TUESDAY, customerName: "Mme Dupont", phone: "0470 12 34 56",
      depositCents: 100, totalCents: 895, balanceCents: 795, status: "OPEN",
      lines: [
        { formatId: f.croissant.id, description: "Croissant — Pièce", quantity: 5, unitPrice4: 9_500, totalCents: 475 },
        { formatId: f.eclair.id, description: "Éclair au café — Pièce", quantity: 2, unitPrice4: 21_000, totalCents: 420 },
      ],
    });
    shopOrderIds.push(res.body.id);
  });

  it("a deposit above the total is refused (400), as is another producer's shop", async () => {
    const over = await api(server, "POST", "/api/v1/shop-orders", { token, body: { shop: shopId, pickupDate: TUESDAY, customerName: "M. Trop", depositCents: 96, lines: [{ formatId: f.croissant.id, quantity: 1 }] } });
    expect(over.status).toBe(400);
    expect(over.body.error).toMatchObject({ code: "validation_failed", details: { fields: { depositCents: expect.any(String) } } });
    const foreign = await api(server, "POST", "/api/v1/shop-orders", { token: otherToken, body: { shop: shopId, pickupDate: TUESDAY, customerName: "X", lines: [{ formatId: f.croissant.id, quantity: 1 }] } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.fields.shop).toBeDefined();
  });

  it("is picked up or cancelled once; a cancelled one no longer counts", async () => {
    const big = await api(server, "POST", "/api/v1/shop-orders", { token, body: { shop: shopId, pickupDate: TUESDAY, customerName: "Fête", lines: [{ formatId: f.croissant.id, quantity: 50 }] } });
    shopOrderIds.push(big.body.id);
    expect((await api(server, "POST", `/api/v1/shop-orders/${big.body.id}/cancel`, { token })).body.status).toBe("CANCELLED");
    const again = await api(server, "POST", `/api/v1/shop-orders/${big.body.id}/pickup`, { token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("invalid_transition");
    expect((await api(server, "POST", `/api/v1/shop-orders/${big.body.id}/cancel`, { token: otherToken })).status).toBe(404);
    const listed = await api(server, "GET", `/api/v1/shop-orders?date=${TUESDAY}&shop=${shopId}`, { token });
    expect(listed.body.shopOrders.map((o: { customerName: string; status: string }) => [o.customerName, o.status])).toEqual([["Mme Dupont", "OPEN"], ["Fête", "CANCELLED"]]);
  });

  it("are never invoiced: the invoice publication answers 409 invalid_transition, and no invoice holds one", async () => {
    for (const id of shopOrderIds) {
      const res = await api(server, "POST", `/api/v1/orders/${id}/invoice`, { token, body: { version: 1 } });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe("invalid_transition");
      // Another organization learns nothing of it.
      expect((await api(server, "POST", `/api/v1/orders/${id}/invoice`, { token: otherToken, body: { version: 1 } })).status).toBe(404);
    }
    const db = getDb();
    expect(await db.order.count({ where: { id: { in: shopOrderIds } } })).toBe(0);
    expect(await db.invoice.count({ where: { orderId: { in: shopOrderIds } } })).toBe(0);
    expect(await db.invoiceOrder.count({ where: { orderId: { in: shopOrderIds } } })).toBe(0);
  });
});

describe("leftovers", () => {
  it("a PUT replaces the shop's leftovers of the date (0 removes a line)", async () => {
    const first = await api(server, "PUT", `/api/v1/leftovers/${MONDAY}`, {
      token,
      body: { shop: shopId, lines: [{ formatId: f.croissant.id, quantity: 30 }, { formatId: f.baguette.id, quantity: 4 }, { formatId: f.gris.id, quantity: 2 }, { formatId: f.grisSliced.id, quantity: 1 }] },
    });
    expect(first.status).toBe(200);
    expect(first.body.lines).toHaveLength(4);
    const second = await api(server, "PUT", `/api/v1/leftovers/${MONDAY}`, {
      token,
      body: { shop: shopId, lines: [{ formatId: f.croissant.id, quantity: 30 }, { formatId: f.baguette.id, quantity: 4 }, { formatId: f.eclair.id, quantity: 1 }, { formatId: f.gris.id, quantity: 0 }] },
    });
    const expected = [
      { formatId: f.baguette.id, description: "Baguette — Pièce", quantity: 4 },
      { formatId: f.croissant.id, description: "Croissant — Pièce", quantity: 30 },
      { formatId: f.eclair.id, description: "Éclair au café — Pièce", quantity: 1 },
    ];
    expect(second.body).toEqual({ date: MONDAY, shop: { id: shopId, name: "Magasin Centre" }, lines: expected });
    expect((await api(server, "GET", `/api/v1/leftovers/${MONDAY}?shop=${shopId}`, { token })).body.lines).toEqual(expected);
    expect((await api(server, "PUT", `/api/v1/leftovers/2027-02-30`, { token, body: { shop: shopId, lines: [] } })).status).toBe(400);
  });
});

type Item = { name: string; fromOrders: number; fromShop: number; leftovers: number; quantity: number };
const figures = (body: { families: { family: string; items: Item[] }[] }) =>
  body.families.map((family) => [family.family, family.items.map((i) => [i.name, i.fromOrders, i.fromShop, i.leftovers, i.quantity])]);

describe("the production list", () => {
  it("is orders + shop − the leftovers of J−1 per product, grouped by family, never below 0", async () => {
    const res = await api(server, "GET", `/api/v1/production/${TUESDAY}`, { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ date: TUESDAY, validated: false, leftoverDate: MONDAY, filter: [] });
    expect(figures(res.body)).toEqual([
      ["1", [["Baguette", 20, 0, 4, 16]]],
      ["2", [["Pain gris 800 g", 4, 0, 0, 4]]],
      // Alpha's 10 + its difference of 2, Charlie's web order of 3 (its standing order does not count); the cancelled 50 do not count.
      ["3", [["Croissant", 15, 5, 30, 0]]],
      ["8", [["Éclair au café", 6, 2, 1, 7]]],
    ]);
    expect(Object.keys(res.body.families[0].items[0]).sort()).toEqual(["formats", "fromOrders", "fromShop", "leftovers", "name", "productId", "quantity"]);
  });

  it("filters families as the seed types them (\"3 8 9\")", async () => {
    const res = await api(server, "GET", `/api/v1/production/${TUESDAY}?families=${encodeURIComponent("3 8 9")}`, { token });
    expect(figures(res.body).map(([family]) => family)).toEqual(["3", "8"]);
  });

  it("follows the settings: leftover families, offset and default families", async () => {
    const put = await api(server, "PUT", "/api/v1/bakery/settings", {
      token,
      body: { slicingFee4: 2000, unitPriceDecimals: 3, intakeRetentionDays: 4, leftoverOffsetDays: 1, leftoverFamilies: "3 8 9", productionFamilies: "1 3" },
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ slicingFee4: 2000, unitPriceDecimals: 3, intakeRetentionDays: 4, leftoverOffsetDays: 1, leftoverFamilies: ["3", "8", "9"], productionFamilies: ["1", "3"] });
    // Baguettes are family 1: their leftovers are no longer deducted; the default filter lists 1 and 3.
    const res = await api(server, "GET", `/api/v1/production/${TUESDAY}`, { token });
    expect(figures(res.body)).toEqual([["1", [["Baguette", 20, 0, 0, 20]]], ["3", [["Croissant", 15, 5, 30, 0]]]]);
    expect(figures((await api(server, "GET", `/api/v1/production/${TUESDAY}?families=`, { token })).body).map(([family]) => family)).toEqual(["1", "2", "3", "8"]);
    await api(server, "PUT", "/api/v1/bakery/settings", { token, body: { ...put.body, leftoverOffsetDays: 2, leftoverFamilies: "", productionFamilies: "" } });
    expect(figures((await api(server, "GET", `/api/v1/production/${TUESDAY}`, { token })).body)[0]).toEqual(["1", [["Baguette", 20, 0, 0, 20]]]);
    await api(server, "PUT", "/api/v1/bakery/settings", { token, body: { ...put.body, leftoverFamilies: "", productionFamilies: "" } });
  });

  it("is refused to a retailer, and for a date that is not one", async () => {
    const retailer = await apiToken(server, "alpha@prod.test", customers.Alpha.org.slug);
    expect((await api(server, "GET", `/api/v1/production/${TUESDAY}`, { token: retailer })).status).toBe(403);
    expect((await api(server, "GET", `/api/v1/production/2027-13-01`, { token })).status).toBe(400);
  });

  it("prints as an A4 PDF for the bakehouse, per family", async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/production/${TUESDAY}/production.pdf`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const text = pdfText(new Uint8Array(await res.arrayBuffer()));
    expect(text).toContain("Production du 2 mars 2027");
    for (const word of ["Famille 1", "Famille 3", "Croissant", "Commandes", "Magasin", "Restes", "À produire"]) expect(text).toContain(word);
  });
});

describe("the production list's kept totals", () => {
  const WEDNESDAY = "2027-03-03";
  const croissants = async () => {
    const res = await api(server, "GET", `/api/v1/production/${WEDNESDAY}?families=3`, { token });
    return (res.body.families[0]?.items[0]?.fromOrders as number | undefined) ?? 0;
  };

  it("are never stale: every change of what they come from shows at once", async () => {
    const db = getDb();
    const baker = { id: customers.Alpha.user.id, name: "Paula" };
    await writeStandingOrder({ relationId: customers.Delta.relation.id, createdBy: baker, round: 3, weekdays: { 3: [{ formatId: f.croissant.id, quantity: 7 }] } });
    expect(await croissants()).toBe(7);
    expect(await croissants()).toBe(7); // served again from what is kept
    // A new standing-order version.
    await writeStandingOrder({ relationId: customers.Delta.relation.id, createdBy: baker, round: 3, weekdays: { 3: [{ formatId: f.croissant.id, quantity: 9 }] } });
    expect(await croissants()).toBe(9);
    // A difference for the date.
    const difference = await db.deliveryDifference.create({
      data: { producerId, relationId: customers.Delta.relation.id, retailerId: customers.Delta.org.id, date: WEDNESDAY, lines: JSON.stringify([{ formatId: f.croissant.id, delta: -4 }]), createdById: baker.id, createdByName: "Delta" },
    });
    expect(await croissants()).toBe(5);
    await db.deliveryDifference.update({ where: { id: difference.id }, data: { lines: JSON.stringify([{ formatId: f.croissant.id, delta: -1 }]) } });
    expect(await croissants()).toBe(8);
    // An order placed for the date replaces the standing order; cancelling it brings the standing order back.
    const placed = await insertOrder({
      seller: slug, buyer: customers.Delta.org.slug, createdBy: customers.Delta.user.email, deliveryDate: WEDNESDAY,
      lines: [{ formatId: f.croissant.id, description: "Croissant — Pièce", quantity: 2, unitPrice4: f.croissant.unitPrice4 }],
    });
    expect(await croissants()).toBe(1);
    await db.order.update({ where: { id: placed.id }, data: { status: "CANCELLED", version: { increment: 1 } } });
    expect(await croissants()).toBe(8);
    // The customer's calendar, then the product's planning.
    await db.relation.update({ where: { id: customers.Delta.relation.id }, data: { openWeekdays: "12456" } });
    expect(await croissants()).toBe(0);
    await db.relation.update({ where: { id: customers.Delta.relation.id }, data: { openWeekdays: "1234567" } });
    expect(await croissants()).toBe(8);
    const closure = await db.deliveryClosure.create({ data: { producerId, relationId: customers.Delta.relation.id, from: WEDNESDAY, to: WEDNESDAY, note: "Fermé" } });
    expect(await croissants()).toBe(0);
    await db.deliveryClosure.delete({ where: { id: closure.id } });
    expect(await croissants()).toBe(8);
    await db.product.update({ where: { id: f.croissant.productId }, data: { productionWeekdays: "12" } });
    expect(await croissants()).toBe(0);
    await db.product.update({ where: { id: f.croissant.productId }, data: { productionWeekdays: "1234567" } });
    expect(await croissants()).toBe(8);
    await db.deliveryDifference.delete({ where: { id: difference.id } });
    expect(await croissants()).toBe(9);
  });
});

describe("delivery notes", () => {
  const pdf = async (path: string) => {
    const res = await fetch(`${server.baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    return { status: res.status, text: res.status === 200 ? pdfText(new Uint8Array(await res.arrayBuffer())) : await res.text() };
  };

  it("show the lines with the producer's decimals, the slicing fee as its own line and the total", async () => {
    const { status, text } = await pdf(`/api/v1/delivery-notes/${TUESDAY}/${customers.Alpha.org.id}/delivery-note.pdf`);
    expect(status).toBe(200);
    const named = await fetch(`${server.baseUrl}/api/v1/delivery-notes/${TUESDAY}/${customers.Alpha.org.id}/delivery-note.pdf`, { headers: { Authorization: `Bearer ${token}` } });
    expect(named.headers.get("content-disposition")).toContain("note-envoi-2027-03-02-prod-alpha.pdf");
    expect(text).toContain("Note d'envoi");
    expect(text).toContain("Boulangerie Prod");
    expect(text).toContain("Alpha");
    expect(text).toContain("Livraison 1 · position 2");
    expect(text).toMatch(/Croissant — Pièce[\s\S]*12[\s\S]*0,950/);
    expect(text).toMatch(/Tranchage[\s\S]*4[\s\S]*0,200[\s\S]*0,80/);
    expect(text).toContain("23,40");
    expect(text).not.toContain("J-1");
  });

  it("say when printed the day before (J−1), and answer 404 for a customer not delivered that date", async () => {
    expect((await pdf(`/api/v1/delivery-notes/${TUESDAY}/${customers.Bravo.org.id}/delivery-note.pdf?print=eve`)).text).toContain("Imprimée la veille (J-1)");
    expect((await pdf(`/api/v1/delivery-notes/${TUESDAY}/${customers.Delta.org.id}/delivery-note.pdf`)).status).toBe(404);
    expect((await pdf(`/api/v1/delivery-notes/2027-03-07/${customers.Alpha.org.id}/delivery-note.pdf`)).status).toBe(404);
  });

  it("of a date come in one PDF in round order", async () => {
    const { status, text } = await pdf(`/api/v1/delivery-notes/${TUESDAY}/all.pdf`);
    expect(status).toBe(200);
    const at = (name: string) => text.indexOf(`Boulangerie Prod / ${name}`);
    expect(at("Bravo")).toBeGreaterThan(-1);
    expect(at("Bravo")).toBeLessThan(at("Alpha"));
    expect(at("Alpha")).toBeLessThan(at("Charlie"));
    expect(text).not.toContain("Delta");
    // Streamed as the worker draws it, with the headers of every other document.
    const res = await fetch(`${server.baseUrl}/api/v1/delivery-notes/${TUESDAY}/all.pdf`, { headers: { Authorization: `Bearer ${token}` } });
    expect([res.status, res.headers.get("content-type"), res.headers.get("x-content-type-options")]).toEqual([200, "application/pdf", "nosniff"]);
    expect(res.headers.get("content-disposition")).toContain("notes-envoi-2027-03-02.pdf");
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("follow the unit price decimals setting", async () => {
    const current = (await api(server, "GET", "/api/v1/bakery/settings", { token })).body;
    await api(server, "PUT", "/api/v1/bakery/settings", { token, body: { ...current, leftoverFamilies: "", productionFamilies: "", unitPriceDecimals: 2 } });
    const { text } = await pdf(`/api/v1/delivery-notes/${TUESDAY}/${customers.Alpha.org.id}/delivery-note.pdf`);
    expect(text).toContain("0,95");
    expect(text).not.toContain("0,950");
    await api(server, "PUT", "/api/v1/bakery/settings", { token, body: { ...current, leftoverFamilies: "", productionFamilies: "" } });
  });
});

describe("the pages", () => {
  let page: PageClient;
  beforeAll(async () => {
    page = await new PageClient(server).login("paula@prod.test");
  });
  const base = () => `/o/${slug}/bakery`;

  it("the production list shows the date's figures per family, the filter and the PDF link", async () => {
    const res = await page.get(`${base()}/production?date=${TUESDAY}&families=${encodeURIComponent("3 8")}`);
    expect(res.status).toBe(200);
    expect(res.html).toContain("Production du");
    expect(res.html).toContain("Famille 3");
    expect(res.html).toContain("Éclair au café");
    expect(res.html).not.toContain("Baguette</th>");
    expect(res.html).toContain("Demain");
    const pdf = await page.download(`${base()}/production/${TUESDAY}/production.pdf?families=3`);
    expect(pdf.status).toBe(200);
    const text = pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain("Famille 3");
    expect(text).not.toContain("Famille 1");
    // Tomorrow by default, with an empty state when nothing is made.
    const empty = await page.get(`${base()}/production`);
    expect(empty.status).toBe(200);
    expect(empty.html).toContain("Rien à produire pour cette date");
  });

  it("the delivery notes page lists the customers in round order with their PDFs", async () => {
    const res = await page.get(`${base()}/delivery-notes?date=${TUESDAY}`);
    expect(res.status).toBe(200);
    const order = ["Bravo", "Alpha", "Charlie"].map((name) => res.html.indexOf(`>${name}<`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(res.html).toContain(`/bakery/delivery-notes/${TUESDAY}/all.pdf`);
    expect(res.html).toContain("print=eve");
    const note = await page.download(`${base()}/delivery-notes/${TUESDAY}/${customers.Alpha.org.id}/delivery-note.pdf`);
    expect(note.status).toBe(200);
    expect(pdfText(new Uint8Array(await note.arrayBuffer()))).toContain("0,950");
    const all = await page.download(`${base()}/delivery-notes/${TUESDAY}/all.pdf?print=eve`);
    expect(pdfText(new Uint8Array(await all.arrayBuffer()))).toContain("Imprimée la veille (J-1)");
  });

  it("the shops page records a counter order, refuses a deposit above the total, and saves leftovers", async () => {
    const here = `${base()}/shops?date=${TUESDAY}&leftoverDate=${MONDAY}`;
    const shown = await page.get(here);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain("Mme Dupont");
    expect(shown.html).toContain("Magasin Centre");
    const order = { intent: "createOrder", shop: shopId, pickupDate: TUESDAY, customerName: "M. Page", phone: "", "lines[0].formatId": f.eclair.id, "lines[0].quantity": "3", "lines[1].formatId": "", "lines[1].quantity": "" };
    const tooMuch = await page.post(here, { ...order, deposit: "7,00" });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.html).toContain("L'acompte ne peut pas dépasser le total.");
    const saved = await page.post(here, { ...order, deposit: "2,30" });
    expect(saved.status).toBe(302);
    const row = await getDb().shopOrder.findFirstOrThrow({ where: { producerId, customerName: "M. Page" } });
    expect([row.totalCents, row.depositCents, row.balanceCents, row.status]).toEqual([630, 230, 400, "OPEN"]);
    expect((await page.post(here, { intent: "pickup", id: row.id })).status).toBe(302);
    expect((await getDb().shopOrder.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("PICKED_UP");
    const leftovers = await page.post(here, { intent: "leftovers", shop: shopId, date: "2027-03-08", "lines[0].formatId": f.baguette.id, "lines[0].quantity": "6", "lines[1].formatId": f.croissant.id, "lines[1].quantity": "" });
    expect(leftovers.status).toBe(302);
    expect(await getDb().leftover.findMany({ where: { shopId, date: "2027-03-08" }, select: { formatId: true, quantity: true } })).toEqual([{ formatId: f.baguette.id, quantity: 6 }]);
    await getDb().shopOrder.delete({ where: { id: row.id } });
  });

  it("the settings page saves the bakery settings (slicing fee typed 0,250) and refuses a fee that is not one", async () => {
    const shown = await page.get(`${base()}/settings`);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('value="0,200"');
    const form = { slicingFee: "0,250", unitPriceDecimals: "2", intakeRetentionDays: "5", leftoverOffsetDays: "2", leftoverFamilies: "3 8 9", productionFamilies: "3  8 9" };
    const bad = await page.post(`${base()}/settings`, { ...form, slicingFee: "deux" });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("Indiquez un montant comme 0,200");
    const saved = await page.post(`${base()}/settings`, form);
    expect(saved.status).toBe(302);
    expect(await getDb().bakerySettings.findUniqueOrThrow({ where: { producerId }, select: { slicingFee4: true, unitPriceDecimals: true, intakeRetentionDays: true, leftoverOffsetDays: true, leftoverFamilies: true, productionFamilies: true } })).toEqual({
      slicingFee4: 2500, unitPriceDecimals: 2, intakeRetentionDays: 5, leftoverOffsetDays: 2, leftoverFamilies: "3 8 9", productionFamilies: "3 8 9",
    });
    // Another organization's settings page is not served to her.
    const staff = await page.get(`/o/${customers.Alpha.org.slug}/bakery/settings`);
    expect(staff.status).not.toBe(200);
  });

  it("speak English to an English-speaking member; a STAFF member reads production but not the settings", async () => {
    const user = await createUser({ email: "sam@prod.test", name: "Sam Staff", locale: "en" });
    await getDb().membership.create({ data: { userId: user.id, organizationId: producerId, role: "STAFF" } });
    const sam = await new PageClient(server).login("sam@prod.test");
    const production = await sam.get(`${base()}/production?date=${TUESDAY}`);
    expect(production.status).toBe(200);
    expect(production.html).toContain("Production list");
    expect(production.html).toContain("To make");
    expect(production.html).toContain("Tomorrow");
    const notes = await sam.get(`${base()}/delivery-notes?date=${TUESDAY}`);
    expect(notes.html).toContain("Print the day before (D-1)");
    const shops = await sam.get(`${base()}/shops?date=${TUESDAY}`);
    expect(shops.html).toContain("Counter orders to pick up on");
    expect((await sam.get(`${base()}/settings`)).status).toBe(403);
    expect(shops.html).toContain("Record the order");
    // An ACCOUNTANT reads the shops' book without its forms.
    const ada = await createUser({ email: "ada@prod.test", name: "Ada Accountant", locale: "en" });
    await getDb().membership.create({ data: { userId: ada.id, organizationId: producerId, role: "ACCOUNTANT" } });
    const readOnly = await (await new PageClient(server).login("ada@prod.test")).get(`${base()}/shops?date=${TUESDAY}`);
    expect(readOnly.status).toBe(200);
    expect(readOnly.html).toContain("Mme Dupont");
    expect(readOnly.html).not.toContain("Record the order");
    expect(readOnly.html).not.toContain("Save the leftovers");
  });
});
