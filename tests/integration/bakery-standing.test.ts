// Standing orders through the API: versions kept with what changed, validation, who may write;
// proposals taken in from a date (the day orders change from that date only) or rejected with a
// reason the retailer sees; calendars, the producer's closed days and production planning.
import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "~/modules/bakery/calendar";
import { loadDayOrders } from "~/modules/bakery/day-orders.server";
import { todayIso } from "~/modules/order/dates";
import { getDb } from "~/utils/db.server";
import { createBakeryCustomer, createBakeryProducer, type BakeryFormat } from "../factories/bakery";
import { api, apiToken, PageClient, useTestServer, type TestServer } from "../setup/http";

let server: TestServer;
let producerId = "";
let producerSlug = "";
let formats: BakeryFormat[] = [];
let customer: Awaited<ReturnType<typeof createBakeryCustomer>>;
let other: Awaited<ReturnType<typeof createBakeryCustomer>>;
let stranger: Awaited<ReturnType<typeof createBakeryCustomer>>;
const token = { baker: "", retailer: "", other: "", stranger: "" };
const today = todayIso();

/** The same lines every weekday. */
const everyDay = (lines: { formatId: string; quantity: number }[]) => Object.fromEntries(["1", "2", "3", "4", "5", "6", "7"].map((d) => [d, lines]));

beforeAll(async () => {
  server = await useTestServer();
  const bakery = await createBakeryProducer({ members: [{ role: "OWNER", name: "Bruno Baker", email: "bruno@standing.test" }] });
  producerId = bakery.producer.id;
  producerSlug = bakery.producer.slug;
  formats = bakery.formats;
  customer = await createBakeryCustomer(producerId, { name: "Café Alpha", email: "alpha@standing.test" });
  other = await createBakeryCustomer(producerId, { name: "Épicerie Bravo", email: "bravo@standing.test" });
  // A customer of another bakery: none of this bakery's business.
  const otherBakery = await createBakeryProducer({ members: [{ role: "OWNER", email: "other-baker@standing.test" }] });
  stranger = await createBakeryCustomer(otherBakery.producer.id, { name: "Ailleurs", email: "stranger@standing.test" });
  token.baker = await apiToken(server, "bruno@standing.test", bakery.producer.slug);
  token.retailer = await apiToken(server, "alpha@standing.test", customer.org.slug);
  token.other = await apiToken(server, "bravo@standing.test", other.org.slug);
  token.stranger = await apiToken(server, "stranger@standing.test", stranger.org.slug);
});

describe("standing orders", () => {
  it("answer all seven weekdays, empty before the first version", async () => {
    const res = await api(server, "GET", `/api/v1/standing-orders?relation=${customer.relation.id}`, { token: token.baker });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ relation: customer.relation.id, effectiveFrom: null, round: 0, version: null, versions: [] });
    expect(Object.keys(res.body.weekdays)).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
  });

  it("keep every version with who, when and what changed", async () => {
    const first = await api(server, "PUT", `/api/v1/standing-orders?relation=${customer.relation.id}`, {
      token: token.baker,
      body: { round: 2, roundPosition: 5, weekdays: { "1": [{ formatId: formats[0].id, quantity: 10 }], "3": [{ formatId: formats[2].id, quantity: 4 }] }, prices: [{ formatId: formats[0].id, unitPrice4: 9_900 }] },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ effectiveFrom: today, round: 2, roundPosition: 5, version: 1, prices: [{ formatId: formats[0].id, unitPrice4: 9_900 }] });
    expect(first.body.weekdays["1"]).toEqual([{ formatId: formats[0].id, quantity: 10 }]);

    const second = await api(server, "PUT", `/api/v1/standing-orders?relation=${customer.relation.id}`, {
      token: token.baker,
      body: { round: 1, weekdays: { "1": [{ formatId: formats[0].id, quantity: 12 }], "3": [{ formatId: formats[2].id, quantity: 4 }] } },
    });
    expect(second.status).toBe(200);
    // Round changed, place and prices kept.
    expect(second.body).toMatchObject({ version: 2, round: 1, roundPosition: 5, prices: [{ formatId: formats[0].id, unitPrice4: 9_900 }] });
    expect(second.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(second.body.versions[0]).toMatchObject({
      createdByName: "Bruno Baker",
      changes: { weekdays: { "1": [{ formatId: formats[0].id, from: 10, to: 12 }] }, round: { from: 2, to: 1 } },
    });
    expect(second.body.versions[1].changes.weekdays["3"]).toEqual([{ formatId: formats[2].id, from: null, to: 4 }]);
    expect(await getDb().standingOrder.count({ where: { relationId: customer.relation.id } })).toBe(2);
  });

  it("show the next version apart when it starts later, and keep today's", async () => {
    const later = addDays(today, 10);
    const res = await api(server, "PUT", `/api/v1/standing-orders?relation=${customer.relation.id}`, {
      token: token.baker,
      body: { effectiveFrom: later, weekdays: { "1": [{ formatId: formats[0].id, quantity: 30 }] } },
    });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
    expect(res.body.weekdays["1"]).toEqual([{ formatId: formats[0].id, quantity: 12 }]);
    expect(res.body.upcoming).toMatchObject({ version: 3, effectiveFrom: later, weekdays: { "1": [{ formatId: formats[0].id, quantity: 30 }] } });
    // The retailer reads the same standing order.
    const seen = await api(server, "GET", `/api/v1/standing-orders?relation=${customer.relation.id}`, { token: token.retailer });
    expect(seen.status).toBe(200);
    expect(seen.body.upcoming.version).toBe(3);
  });

  it("refuse bad input with the field named", async () => {
    const put = (body: unknown) => api(server, "PUT", `/api/v1/standing-orders?relation=${other.relation.id}`, { token: token.baker, body });
    const foreignFormat = await put({ weekdays: { "3": [{ formatId: formats[0].id, quantity: 1 }, { formatId: "not-a-format", quantity: 2 }] } });
    expect(foreignFormat.status).toBe(400);
    expect(foreignFormat.body.error.details.fields).toHaveProperty(["weekdays.3.1.formatId"]);
    const zero = await put({ weekdays: { "2": [{ formatId: formats[0].id, quantity: 0 }] } });
    expect(zero.status).toBe(400);
    expect(zero.body.error.details.fields).toHaveProperty(["weekdays.2.0.quantity"]);
    const tooMany = await put({ weekdays: { "2": [{ formatId: formats[0].id, quantity: 1_000_001 }] } });
    expect(tooMany.body.error.details.fields).toHaveProperty(["weekdays.2.0.quantity"]);
    const twice = await put({ weekdays: { "4": [{ formatId: formats[0].id, quantity: 1 }, { formatId: formats[0].id, quantity: 2 }] } });
    expect(twice.status).toBe(400);
    expect(twice.body.error.details.fields).toHaveProperty(["weekdays.4.1.formatId"]);
    const round = await put({ round: 4, weekdays: {} });
    expect(round.body.error.details.fields).toHaveProperty(["round"]);
    const past = await put({ effectiveFrom: addDays(today, -1), weekdays: {} });
    expect(past.status).toBe(400);
    expect(past.body.error.details.fields).toHaveProperty(["effectiveFrom"]);
    expect(await getDb().standingOrder.count({ where: { relationId: other.relation.id } })).toBe(0);
  });

  it("are written by the producer only; another tenant's relation is not found", async () => {
    const retailerPut = await api(server, "PUT", `/api/v1/standing-orders?relation=${customer.relation.id}`, { token: token.retailer, body: { weekdays: {} } });
    expect(retailerPut.status).toBe(403);
    expect((await api(server, "GET", `/api/v1/standing-orders?relation=${customer.relation.id}`, { token: token.other })).status).toBe(404);
    expect((await api(server, "GET", `/api/v1/standing-orders?relation=${stranger.relation.id}`, { token: token.baker })).status).toBe(404);
    expect((await api(server, "PUT", `/api/v1/standing-orders?relation=${stranger.relation.id}`, { token: token.baker, body: { weekdays: {} } })).status).toBe(404);
  });
});

describe("proposals", () => {
  beforeAll(async () => {
    await api(server, "PUT", `/api/v1/standing-orders?relation=${other.relation.id}`, { token: token.baker, body: { round: 3, roundPosition: 2, weekdays: everyDay([{ formatId: formats[0].id, quantity: 10 }]) } });
  });

  it("are taken in from a date: the day orders change from that date, not before", async () => {
    const first = await api(server, "POST", "/api/v1/standing-orders/proposals", { token: token.other, body: { relation: other.relation.id, weekdays: everyDay([{ formatId: formats[0].id, quantity: 15 }]) } });
    expect(first.status).toBe(201);
    const res = await api(server, "POST", "/api/v1/standing-orders/proposals", {
      token: token.other,
      body: { relation: other.relation.id, effectiveFrom: addDays(today, 2), weekdays: everyDay([{ formatId: formats[0].id, quantity: 20 }]) },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: "PROPOSED", relation: other.relation.id, effectiveFrom: addDays(today, 2), createdByName: "Épicerie Bravo owner" });
    // The new proposal withdrew the first one.
    expect((await getDb().standingOrderProposal.findUniqueOrThrow({ where: { id: first.body.id } })).status).toBe("WITHDRAWN");

    const quantityOn = async (date: string) =>
      (await loadDayOrders(getDb(), producerId, date, { buyerId: other.org.id })).orders[0]?.lines.find((l) => l.formatId === formats[0].id)?.quantity;
    // Until taken in, the current one applies everywhere.
    expect(await quantityOn(addDays(today, 5))).toBe(10);

    const waiting = await api(server, "GET", "/api/v1/standing-orders/proposals?status=PROPOSED", { token: token.baker });
    expect(waiting.body.proposals).toHaveLength(1);
    expect(waiting.body.proposals[0]).toMatchObject({ id: res.body.id, customer: { id: other.org.id, name: "Épicerie Bravo" } });
    expect(waiting.body.proposals[0].current.weekdays["1"]).toEqual([{ formatId: formats[0].id, quantity: 10 }]);

    const from = addDays(today, 3);
    const accepted = await api(server, "POST", `/api/v1/standing-orders/proposals/${res.body.id}/accept`, { token: token.baker, body: { effectiveFrom: from } });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: "ACCEPTED", effectiveFrom: from, decidedByName: "Bruno Baker" });
    expect(await quantityOn(addDays(today, 2))).toBe(10);
    expect(await quantityOn(from)).toBe(20);
    expect(await quantityOn(addDays(from, 7))).toBe(20);
    // The new version keeps the round and place, and says where it came from.
    const version = await getDb().standingOrder.findUniqueOrThrow({ where: { id: accepted.body.standingOrderId } });
    expect(version).toMatchObject({ round: 3, roundPosition: 2, proposalId: res.body.id, effectiveFrom: from, version: 2 });

    const twice = await api(server, "POST", `/api/v1/standing-orders/proposals/${res.body.id}/reject`, { token: token.baker, body: { reason: "Trop tard" } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("invalid_transition");
  });

  it("are rejected with a reason the retailer sees", async () => {
    const res = await api(server, "POST", "/api/v1/standing-orders/proposals", { token: token.retailer, body: { relation: customer.relation.id, weekdays: { "6": [{ formatId: formats[4].id, quantity: 50 }] } } });
    expect(res.status).toBe(201);
    const noReason = await api(server, "POST", `/api/v1/standing-orders/proposals/${res.body.id}/reject`, { token: token.baker, body: { reason: " " } });
    expect(noReason.status).toBe(400);
    const byRetailer = await api(server, "POST", `/api/v1/standing-orders/proposals/${res.body.id}/accept`, { token: token.retailer, body: {} });
    expect(byRetailer.status).toBe(403);
    const rejected = await api(server, "POST", `/api/v1/standing-orders/proposals/${res.body.id}/reject`, { token: token.baker, body: { reason: "Pas d'éclairs le samedi" } });
    expect(rejected.status).toBe(200);
    const mine = await api(server, "GET", "/api/v1/standing-orders/proposals", { token: token.retailer });
    expect(mine.body.proposals.map((p: { id: string; status: string; reason: string }) => [p.id, p.status, p.reason])).toEqual([[res.body.id, "REJECTED", "Pas d'éclairs le samedi"]]);
    const again = await api(server, "POST", `/api/v1/standing-orders/proposals/${res.body.id}/accept`, { token: token.baker, body: {} });
    expect(again.status).toBe(409);
  });

  it("belong to their parties only", async () => {
    const foreign = await api(server, "POST", "/api/v1/standing-orders/proposals", { token: token.stranger, body: { relation: customer.relation.id, weekdays: {} } });
    expect(foreign.status).toBe(404);
    const byProducer = await api(server, "POST", "/api/v1/standing-orders/proposals", { token: token.baker, body: { relation: customer.relation.id, weekdays: {} } });
    expect(byProducer.status).toBe(403);
    const theirs = await api(server, "GET", "/api/v1/standing-orders/proposals", { token: token.stranger });
    expect(theirs.body.proposals).toEqual([]);
    const unknownFormat = await api(server, "POST", "/api/v1/standing-orders/proposals", { token: token.retailer, body: { relation: customer.relation.id, weekdays: { "2": [{ formatId: "nope", quantity: 1 }] } } });
    expect(unknownFormat.status).toBe(400);
    expect(unknownFormat.body.error.details.fields).toHaveProperty(["weekdays.2.0.formatId"]);
  });
});

describe("calendars", () => {
  it("set a customer's open weekdays and closures; a closed customer is absent from the day's deliveries", async () => {
    const date = addDays(today, 4);
    const before = await api(server, "GET", `/api/v1/deliveries/${date}`, { token: token.baker });
    expect(before.status).toBe(200);
    expect(before.body.orders.map((o: { customer: { name: string } }) => o.customer.name)).toContain("Épicerie Bravo");

    const bad = await api(server, "PUT", `/api/v1/relations/${other.relation.id}/calendar`, { token: token.baker, body: { openWeekdays: [1, 2], closures: [{ from: date, to: addDays(date, -1) }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toHaveProperty(["closures.0.to"]);
    const long = await api(server, "PUT", `/api/v1/relations/${other.relation.id}/calendar`, { token: token.baker, body: { openWeekdays: [1], closures: [{ from: date, to: date, note: "x".repeat(201) }] } });
    expect(long.status).toBe(400);

    const put = await api(server, "PUT", `/api/v1/relations/${other.relation.id}/calendar`, {
      token: token.baker,
      body: { openWeekdays: [6, 1, 2, 3, 4, 5], closures: [{ from: date, to: addDays(date, 1), note: "Inventaire" }] },
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ openWeekdays: [1, 2, 3, 4, 5, 6], closures: [{ from: date, to: addDays(date, 1), note: "Inventaire" }] });
    const seen = await api(server, "GET", `/api/v1/relations/${other.relation.id}/calendar`, { token: token.other });
    expect(seen.body).toEqual(put.body);
    const after = await api(server, "GET", `/api/v1/deliveries/${date}`, { token: token.baker });
    expect(after.body.orders.map((o: { customer: { name: string } }) => o.customer.name)).not.toContain("Épicerie Bravo");

    // Replacing the closures removes the old ones.
    const cleared = await api(server, "PUT", `/api/v1/relations/${other.relation.id}/calendar`, { token: token.baker, body: { openWeekdays: [1, 2, 3, 4, 5, 6, 7], closures: [] } });
    expect(cleared.body.closures).toEqual([]);
    expect((await api(server, "PUT", `/api/v1/relations/${other.relation.id}/calendar`, { token: token.other, body: { openWeekdays: [1], closures: [] } })).status).toBe(403);
    expect((await api(server, "GET", `/api/v1/relations/${stranger.relation.id}/calendar`, { token: token.baker })).status).toBe(404);
  });

  it("keep the producer's own closed days: nobody is delivered", async () => {
    const date = addDays(today, 6);
    const put = await api(server, "PUT", "/api/v1/bakery/closures", { token: token.baker, body: { closures: [{ from: date, to: date, note: "Jour férié" }] } });
    expect(put.status).toBe(200);
    expect((await api(server, "GET", "/api/v1/bakery/closures", { token: token.baker })).body).toEqual({ closures: [{ from: date, to: date, note: "Jour férié" }] });
    const day = await api(server, "GET", `/api/v1/deliveries/${date}`, { token: token.baker });
    expect(day.body.orders).toEqual([]);
    expect((await api(server, "GET", "/api/v1/bakery/closures", { token: token.retailer })).status).toBe(403);
    await api(server, "PUT", "/api/v1/bakery/closures", { token: token.baker, body: { closures: [] } });
  });

  it("plan the weekdays a product is made: its lines count those days only", async () => {
    const date = addDays(today, 8);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
    const productId = formats[0].productId;
    const put = await api(server, "PUT", `/api/v1/bakery/products/${productId}/planning`, { token: token.baker, body: { weekdays: [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== weekday) } });
    expect(put.status).toBe(200);
    expect(put.body.weekdays).not.toContain(weekday);
    const day = await api(server, "GET", `/api/v1/deliveries/${date}`, { token: token.baker });
    expect(day.body.orders.flatMap((o: { lines: { formatId: string }[] }) => o.lines.map((l) => l.formatId))).not.toContain(formats[0].id);
    await api(server, "PUT", `/api/v1/bakery/products/${productId}/planning`, { token: token.baker, body: { weekdays: [1, 2, 3, 4, 5, 6, 7] } });
    const restored = await api(server, "GET", `/api/v1/deliveries/${date}`, { token: token.baker });
    expect(restored.body.orders.flatMap((o: { lines: { formatId: string }[] }) => o.lines.map((l) => l.formatId))).toContain(formats[0].id);
    const foreign = await api(server, "PUT", `/api/v1/bakery/products/${productId}/planning`, { token: token.stranger, body: { weekdays: [1] } });
    expect(foreign.status).toBe(403);
  });
});

describe("pages", () => {
  it("list the producer's customers and edit one's standing order as a new version", async () => {
    const page = await new PageClient(server).login("bruno@standing.test");
    const list = await page.get(`/o/${producerSlug}/bakery/standing`);
    expect(list.status).toBe(200);
    expect(list.html).toContain("Commandes standard");
    expect(list.html).toContain("Café Alpha");
    expect(list.html).toContain(`/bakery/standing/${customer.relation.id}`);

    const url = `/o/${producerSlug}/bakery/standing/${customer.relation.id}`;
    const edit = await page.get(url);
    expect(edit.status).toBe(200);
    expect(edit.html).toContain("Versions");
    expect(edit.html).toContain("Prochaine version");
    expect(edit.html).toContain("Jours d&#x27;ouverture");
    const before = await getDb().standingOrder.count({ where: { relationId: customer.relation.id } });
    const saved = await page.post(url, {
      intent: "standing",
      round: "3",
      roundPosition: "7",
      effectiveFrom: "",
      [`q.2.${formats[1].id}`]: "8",
      [`q.5.${formats[0].id}`]: "",
      [`price.${formats[1].id}`]: "2,5",
    });
    expect(saved.status).toBe(302);
    const latest = await getDb().standingOrder.findFirstOrThrow({ where: { relationId: customer.relation.id }, orderBy: { version: "desc" }, include: { days: true, prices: true } });
    expect(latest.version).toBe(before + 1);
    expect(latest).toMatchObject({ round: 3, roundPosition: 7, effectiveFrom: today, createdByName: "Bruno Baker" });
    expect(latest.days.map((d) => [d.weekday, JSON.parse(d.lines)])).toEqual([[2, [{ formatId: formats[1].id, quantity: 8 }]]]);
    expect(latest.prices).toMatchObject([{ formatId: formats[1].id, unitPrice4: 25_000 }]);

    const bad = await page.post(url, { intent: "standing", [`q.2.${formats[1].id}`]: "-3" });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("Entre 1 et 1 000 000");
    // What was typed is shown again, not the saved quantities.
    expect(bad.html).toMatch(new RegExp(`name="q\\.2\\.${formats[1].id}"[^>]*value="-3"`));
  });

  it("set a customer's calendar from its page", async () => {
    const page = await new PageClient(server).login("bruno@standing.test");
    const url = `/o/${producerSlug}/bakery/standing/${customer.relation.id}`;
    expect((await page.post(url, { intent: "open-days", days: "1" })).status).toBe(302);
    const from = addDays(today, 20);
    expect((await page.post(url, { intent: "add-closure", from, to: addDays(from, 2), note: "Vacances" })).status).toBe(302);
    const calendar = await api(server, "GET", `/api/v1/relations/${customer.relation.id}/calendar`, { token: token.baker });
    expect(calendar.body).toEqual({ openWeekdays: [1], closures: [{ from, to: addDays(from, 2), note: "Vacances" }] });
    const wrong = await page.post(url, { intent: "add-closure", from, to: addDays(from, -2) });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain("La fin est avant le début");
    expect((await page.post(url, { intent: "remove-closure", index: "0" })).status).toBe(302);
    expect((await page.post(url, [["intent", "open-days"], ...[1, 2, 3, 4, 5, 6, 7].map((d): [string, string] => ["days", String(d)])])).status).toBe(302);
    const after = await api(server, "GET", `/api/v1/relations/${customer.relation.id}/calendar`, { token: token.baker });
    expect(after.body.closures).toEqual([]);
  });

  it("let the retailer propose and the producer take the proposal in", async () => {
    const shop = await new PageClient(server).login("alpha@standing.test");
    const mine = await shop.get(`/o/${customer.org.slug}/bakery/standing`);
    expect(mine.status).toBe(200);
    expect(mine.html).toContain("Proposer une nouvelle commande standard");
    expect(mine.html).toContain("Pas d&#x27;éclairs le samedi");
    const sent = await shop.post(`/o/${customer.org.slug}/bakery/standing`, { intent: "propose", relation: customer.relation.id, effectiveFrom: addDays(today, 4), [`q.6.${formats[0].id}`]: "25" });
    expect(sent.status).toBe(302);
    const proposal = await getDb().standingOrderProposal.findFirstOrThrow({ where: { relationId: customer.relation.id, status: "PROPOSED" } });
    expect(JSON.parse(proposal.weekdays)["6"]).toEqual([{ formatId: formats[0].id, quantity: 25 }]);

    const baker = await new PageClient(server).login("bruno@standing.test");
    const waiting = await baker.get(`/o/${producerSlug}/bakery/proposals`);
    expect(waiting.status).toBe(200);
    expect(waiting.html).toContain("Café Alpha");
    expect(waiting.html).toContain("Proposée");
    const accepted = await baker.post(`/o/${producerSlug}/bakery/proposals`, { intent: "accept", id: proposal.id, effectiveFrom: addDays(today, 5) });
    expect(accepted.status).toBe(302);
    expect(await getDb().standingOrderProposal.findUniqueOrThrow({ where: { id: proposal.id } })).toMatchObject({ status: "ACCEPTED", effectiveFrom: addDays(today, 5) });
    const twice = await baker.post(`/o/${producerSlug}/bakery/proposals`, { intent: "reject", id: proposal.id, reason: "Non" });
    expect(twice.status).toBe(409);
    expect(twice.html).toContain("déjà été traitée");
  });

  it("speak English to an English-speaking user", async () => {
    await getDb().user.update({ where: { id: other.user.id }, data: { locale: "en" } });
    const page = await new PageClient(server).login("bravo@standing.test");
    const view = await page.get(`/o/${other.org.slug}/bakery/standing`);
    expect(view.status).toBe(200);
    expect(view.html).toContain("Propose a new standing order");
    expect(view.html).toContain("Your proposals");
    expect(view.html).toContain("Taken in");
  });

  it("keep the producer's closed days and the production planning", async () => {
    const page = await new PageClient(server).login("bruno@standing.test");
    const url = `/o/${producerSlug}/bakery/calendar`;
    const view = await page.get(url);
    expect(view.status).toBe(200);
    expect(view.html).toContain("Planning de fabrication");
    expect(view.html).toContain("Éclair au café");
    const day = addDays(today, 30);
    expect((await page.post(url, { intent: "add-closure", from: day, to: day, note: "Fête" })).status).toBe(302);
    expect((await api(server, "GET", "/api/v1/bakery/closures", { token: token.baker })).body.closures).toEqual([{ from: day, to: day, note: "Fête" }]);
    expect((await page.post(url, { intent: "remove-closure", index: "0" })).status).toBe(302);
    const planning = await page.post(url, [["intent", "planning"], ["product", formats[4].productId], [`days.${formats[4].productId}`, "2"], [`days.${formats[4].productId}`, "4"]]);
    expect(planning.status).toBe(302);
    expect((await getDb().product.findUniqueOrThrow({ where: { id: formats[4].productId } })).productionWeekdays).toBe("24");
  });
});

