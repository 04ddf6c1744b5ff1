// A date's day orders through the API (a producer sees every customer, a retailer its own) and the
// retailer's delivery differences: accepted until the date is validated, then 409 with "call the bakery".
import { io as connect, type Socket } from "socket.io-client";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "~/modules/bakery/calendar";
import { onBakeryChanged, type BakeryChanged } from "~/modules/bakery/live.server";
import { todayIso } from "~/modules/order/dates";
import { getDb } from "~/utils/db.server";
import { createBakeryCustomer, createBakeryProducer, writeStandingOrder, type BakeryFormat } from "../factories/bakery";
import { api, apiToken, PageClient, useTestServer, type TestServer } from "../setup/http";
import { insertOrder } from "../setup/insert-order";

let server: TestServer;
let producer = { id: "", slug: "" };
let formats: BakeryFormat[] = [];
let alpha: Awaited<ReturnType<typeof createBakeryCustomer>>;
let bravo: Awaited<ReturnType<typeof createBakeryCustomer>>;
const token = { baker: "", alpha: "", bravo: "", otherBaker: "" };
let baker = { id: "", name: "" };
const date = addDays(todayIso(), 2);
const everyDay = (lines: { formatId: string; quantity: number }[]) => Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, lines]));

beforeAll(async () => {
  server = await useTestServer();
  const bakery = await createBakeryProducer({ members: [{ role: "OWNER", name: "Bruno Baker", email: "bruno@differences.test" }] });
  producer = { id: bakery.producer.id, slug: bakery.producer.slug };
  formats = bakery.formats;
  baker = { id: bakery.users[0].user.id, name: "Bruno Baker" };
  alpha = await createBakeryCustomer(producer.id, { name: "Café Alpha", email: "alpha@differences.test" });
  bravo = await createBakeryCustomer(producer.id, { name: "Épicerie Bravo", email: "bravo@differences.test" });
  await writeStandingOrder({ relationId: alpha.relation.id, createdBy: baker, round: 1, roundPosition: 2, weekdays: everyDay([{ formatId: formats[0].id, quantity: 10 }]) });
  await writeStandingOrder({ relationId: bravo.relation.id, createdBy: baker, round: 1, roundPosition: 1, weekdays: everyDay([{ formatId: formats[1].id, quantity: 6 }]) });
  const otherBakery = await createBakeryProducer({ members: [{ role: "OWNER", email: "other@differences.test" }] });
  token.baker = await apiToken(server, "bruno@differences.test", producer.slug);
  token.alpha = await apiToken(server, "alpha@differences.test", alpha.org.slug);
  token.bravo = await apiToken(server, "bravo@differences.test", bravo.org.slug);
  token.otherBaker = await apiToken(server, "other@differences.test", otherBakery.producer.slug);
});

describe("deliveries of a date", () => {
  it("list every customer's day order for the producer, in round order, with its source", async () => {
    await insertOrder({ seller: producer.slug, buyer: bravo.org.slug, createdBy: "bravo@differences.test", deliveryDate: addDays(date, 1), lines: [{ formatId: formats[3].id, description: "Croissant — Pièce", quantity: 3, unitPrice4: formats[3].unitPrice4 }] });
    const res = await api(server, "GET", `/api/v1/deliveries/${date}`, { token: token.baker });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ date, validated: false, conflicts: [] });
    expect(res.body.orders.map((o: any) => [o.customer.name, o.source, o.round, o.roundPosition, o.order, o.lines.map((l: any) => [l.formatId, l.quantity])])).toEqual([
      ["Épicerie Bravo", "STANDING", 1, 1, null, [[formats[1].id, 6]]],
      ["Café Alpha", "STANDING", 1, 2, null, [[formats[0].id, 10]]],
    ]);
    const placed = await api(server, "GET", `/api/v1/deliveries/${addDays(date, 1)}?producer=${producer.id}`, { token: token.baker });
    const bravoOrder = placed.body.orders.find((o: any) => o.customer.name === "Épicerie Bravo");
    expect(bravoOrder).toMatchObject({ source: "WEB", intake: "TO_TAKE_IN", lines: [{ formatId: formats[3].id, quantity: 3 }] });
    expect(bravoOrder.order.number).toBeGreaterThan(0);
  });

  it("show a retailer its own day order only", async () => {
    const res = await api(server, "GET", `/api/v1/deliveries/${date}?producer=${producer.id}`, { token: token.alpha });
    expect(res.status).toBe(200);
    expect(res.body.orders.map((o: any) => o.customer.name)).toEqual(["Café Alpha"]);
    expect((await api(server, "GET", `/api/v1/deliveries/${date}`, { token: token.alpha })).status).toBe(400);
  });

  it("refuse a bad date and another producer's day", async () => {
    const bad = await api(server, "GET", "/api/v1/deliveries/2027-02-30", { token: token.baker });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toHaveProperty(["date"]);
    expect((await api(server, "GET", `/api/v1/deliveries/${date}?producer=${producer.id}`, { token: token.otherBaker })).status).toBe(404);
  });
});

describe("delivery differences", () => {
  it("are accepted until the date is validated, applied to the day order, and announced to the intake board", async () => {
    const events: BakeryChanged[] = [];
    const stop = onBakeryChanged((event) => events.push(event));
    const res = await api(server, "POST", `/api/v1/deliveries/${date}/differences`, {
      token: token.alpha,
      body: { producer: producer.id, lines: [{ formatId: formats[0].id, delta: -4 }, { formatId: formats[3].id, delta: 5 }] },
    });
    stop();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ date, status: "RECEIVED", customer: { name: "Café Alpha" }, lines: [{ formatId: formats[0].id, delta: -4 }, { formatId: formats[3].id, delta: 5, description: "Croissant — Pièce" }] });
    expect(events).toEqual([{ producerId: producer.id, date }]);

    const mine = await api(server, "GET", `/api/v1/deliveries/${date}?producer=${producer.id}`, { token: token.alpha });
    expect(mine.body.orders[0].lines.map((l: any) => [l.formatId, l.quantity])).toEqual([[formats[0].id, 6], [formats[3].id, 5]]);
    expect(mine.body.orders[0].differences).toEqual([{ id: res.body.id, status: "RECEIVED" }]);

    await api(server, "POST", `/api/v1/deliveries/${date}/differences`, { token: token.bravo, body: { producer: producer.id, lines: [{ formatId: formats[1].id, delta: 1 }] } });
    const all = await api(server, "GET", `/api/v1/deliveries/${date}/differences`, { token: token.baker });
    expect(all.body.differences.map((d: any) => d.customer.name)).toEqual(["Café Alpha", "Épicerie Bravo"]);
    const own = await api(server, "GET", `/api/v1/deliveries/${date}/differences?producer=${producer.id}`, { token: token.bravo });
    expect(own.body).toMatchObject({ validated: false, differences: [{ customer: { name: "Épicerie Bravo" } }] });

    await getDb().deliveryDay.create({ data: { producerId: producer.id, date, validatedAt: new Date(), validatedById: baker.id, validatedByName: baker.name } });
    const late = await api(server, "POST", `/api/v1/deliveries/${date}/differences`, { token: token.alpha, body: { producer: producer.id, lines: [{ formatId: formats[0].id, delta: 1 }] } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("invalid_transition");
    expect(late.body.error.message).toContain("Please call the bakery");
    expect(await getDb().deliveryDifference.count({ where: { producerId: producer.id, date } })).toBe(2);
    expect((await api(server, "GET", `/api/v1/deliveries/${date}/differences?producer=${producer.id}`, { token: token.alpha })).body.validated).toBe(true);
  });

  it("are refused for a past date, an unknown item, the producer side or someone else's producer", async () => {
    const body = { producer: producer.id, lines: [{ formatId: formats[0].id, delta: 1 }] };
    const past = await api(server, "POST", `/api/v1/deliveries/${addDays(todayIso(), -1)}/differences`, { token: token.alpha, body });
    expect(past.status).toBe(409);
    expect(past.body.error.code).toBe("invalid_transition");
    const unknown = await api(server, "POST", `/api/v1/deliveries/${addDays(date, 3)}/differences`, { token: token.alpha, body: { producer: producer.id, lines: [{ formatId: "nope", delta: 2 }] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields).toHaveProperty(["lines.0.formatId"]);
    const zero = await api(server, "POST", `/api/v1/deliveries/${addDays(date, 3)}/differences`, { token: token.alpha, body: { producer: producer.id, lines: [{ formatId: formats[0].id, delta: 0 }] } });
    expect(zero.status).toBe(400);
    expect((await api(server, "POST", `/api/v1/deliveries/${addDays(date, 3)}/differences`, { token: token.baker, body })).status).toBe(403);
    expect((await api(server, "POST", `/api/v1/deliveries/${addDays(date, 3)}/differences`, { token: token.alpha, body: { ...body, producer: "someone-else" } })).status).toBe(404);
  });
});

describe("differences page", () => {
  it("shows the retailer's day order and takes a difference, with an item added from the catalog", async () => {
    const page = await new PageClient(server).login("bravo@differences.test");
    const pageDate = addDays(date, 5);
    const url = `/o/${bravo.org.slug}/bakery/differences?date=${pageDate}`;
    const view = await page.get(url);
    expect(view.status).toBe(200);
    expect(view.html).toContain("Différences de livraison");
    expect(view.html).toContain("Pain gris 800 g — Pièce");
    expect(view.html).toContain(`name="d.${formats[1].id}"`);
    const sent = await page.post(`/o/${bravo.org.slug}/bakery/differences`, {
      intent: "difference",
      producer: producer.id,
      date: pageDate,
      [`d.${formats[1].id}`]: "-2",
      addFormat: formats[3].id,
      addQuantity: "4",
    });
    expect(sent.status).toBe(302);
    const day = await api(server, "GET", `/api/v1/deliveries/${pageDate}?producer=${producer.id}`, { token: token.bravo });
    expect(day.body.orders[0].lines.map((l: any) => [l.formatId, l.quantity])).toEqual([[formats[1].id, 4], [formats[3].id, 4]]);
    const after = await page.get(url);
    expect(after.html).toContain("+4 × Croissant — Pièce");
    const empty = await page.post(`/o/${bravo.org.slug}/bakery/differences`, { intent: "difference", producer: producer.id, date: pageDate });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain("Indiquez une quantité");
  });

  it("says to call the bakery once the date is validated, and shows no form", async () => {
    const page = await new PageClient(server).login("alpha@differences.test");
    const view = await page.get(`/o/${alpha.org.slug}/bakery/differences?date=${date}`);
    expect(view.status).toBe(200);
    expect(view.html).toContain("Cette date est validée");
    expect(view.html).toContain("Veuillez appeler la boulangerie");
    expect(view.html).not.toContain('value="difference"');
    const late = await page.post(`/o/${alpha.org.slug}/bakery/differences`, { intent: "difference", producer: producer.id, date, [`d.${formats[0].id}`]: "1" });
    expect(late.status).toBe(409);
    expect(late.html).toContain("Veuillez appeler la boulangerie");
  });
});

describe("live intake board", () => {
  it("hears bakery:changed in the producer's room when a retailer enters a difference", async () => {
    const socket: Socket = connect(server.baseUrl, { path: "/socket.io", transports: ["websocket"], auth: { token: token.baker }, reconnection: false });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.on("connect", resolve);
        socket.on("connect_error", reject);
      });
      const joined = await socket.timeout(5_000).emitWithAck("org:join", { orgSlug: producer.slug });
      expect(joined).toMatchObject({ ok: true });
      const heard = new Promise<unknown>((resolve) => socket.once("bakery:changed", resolve));
      const liveDate = addDays(date, 9);
      const res = await api(server, "POST", `/api/v1/deliveries/${liveDate}/differences`, { token: token.bravo, body: { producer: producer.id, lines: [{ formatId: formats[1].id, delta: 2 }] } });
      expect(res.status).toBe(201);
      expect(await heard).toEqual({ date: liveDate });
    } finally {
      socket.close();
    }
  });
});
