// The morning intake of a delivery date, through the API: the board's counters for a crafted day
// (standing orders, web and staff orders, a conflict, differences, a proposal); taking in the
// selected orders, then all (conflicts left alone); resolving the conflict; validation refused while
// a conflict is open, then the standing day orders become numbered orders (standing version,
// slicing fee), the differences are written once, the real orders are in the retailer's lists and
// its delivered history, which "rebuild" recomputes; the retention of taken-in orders.
import { io as connect } from "socket.io-client";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "~/modules/bakery/calendar";
import { loadDayOrders } from "~/modules/bakery/day-orders.server";
import { todayIso } from "~/modules/order/dates";
import { getDb } from "~/utils/db.server";
import { createBakeryCustomer, createBakeryProducer, writeStandingOrder, type BakeryFormat } from "../factories/bakery";
import { api, apiToken, PageClient, useTestServer, type TestServer } from "../setup/http";
import { insertOrder } from "../setup/insert-order";

const DATE = addDays(todayIso(), 10);
let server: TestServer;
let producer: { id: string; slug: string };
let baker = { id: "", name: "", email: "" };
let formats: BakeryFormat[] = [];
let token = "";
const customers: Record<string, Awaited<ReturnType<typeof createBakeryCustomer>>> = {};
const orders: Record<string, { id: string; number: number }> = {};
const everyDay = (lines: { formatId: string; quantity: number }[]) => Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, lines]));

async function placed(name: string, input: { date?: string; status?: string; staff?: boolean; lines: { format: BakeryFormat; quantity: number }[] }) {
  const customer = customers[name];
  const order = await insertOrder({
    seller: producer.slug,
    buyer: customer.org.slug,
    createdBy: input.staff ? baker.email : customer.user.email,
    createdByOrg: input.staff ? producer.slug : customer.org.slug,
    status: input.status ?? "PENDING",
    deliveryDate: input.date ?? DATE,
    lines: input.lines.map(({ format, quantity }) => ({ formatId: format.id, description: `${format.productName} — ${format.name}`, quantity, unitPrice4: format.unitPrice4, taxRateBps: 550 })),
  });
  return { id: order.id, number: order.number };
}

async function difference(name: string, lines: { formatId: string; delta: number }[], date = DATE) {
  const customer = customers[name];
  await getDb().deliveryDifference.create({
    data: { producerId: producer.id, relationId: customer.relation.id, retailerId: customer.org.id, date, lines: JSON.stringify(lines), createdById: customer.user.id, createdByName: customer.user.name },
  });
}

const board = async () => (await api(server, "GET", `/api/v1/intake/${DATE}`, { token })).body;
const statusOf = async (id: string) => (await getDb().order.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

const createdOrders = () =>
  getDb().order.findMany({ where: { sellerId: producer.id, deliveryDate: DATE, standingOrderId: { not: null } }, orderBy: { number: "asc" }, include: { lines: { orderBy: { position: "asc" } } } });
let created: Awaited<ReturnType<typeof createdOrders>> = [];

beforeAll(async () => {
  server = await useTestServer();
  const bakery = await createBakeryProducer({ slug: "intake-bakery", members: [{ role: "OWNER", name: "Bruno Baker", email: "bruno@intake-bakery.test" }] });
  producer = bakery.producer;
  baker = { id: bakery.users[0].user.id, name: bakery.users[0].user.name, email: bakery.users[0].user.email };
  formats = bakery.formats;
  const [baguette, painGris, painTranche, croissant] = formats;
  for (const [i, name] of ["Alpha", "Bravo", "Charlie", "Delta", "Echo"].entries()) {
    customers[name] = await createBakeryCustomer(producer.id, { name, slug: `intake-${name.toLowerCase()}`, email: `${name.toLowerCase()}@intake.test` });
    await writeStandingOrder({
      relationId: customers[name].relation.id,
      createdBy: baker,
      round: 1,
      roundPosition: i,
      weekdays: everyDay(name === "Alpha" ? [{ formatId: baguette.id, quantity: 10 }, { formatId: painTranche.id, quantity: 2 }] : [{ formatId: baguette.id, quantity: 5 + i }]),
    });
  }
  // Bravo orders on the web for the date; Charlie has one order taken in and a second one on the web
  // (a conflict); Echo's order was taken by phone; Delta and Bravo enter differences.
  orders.bravo = await placed("Bravo", { lines: [{ format: painGris, quantity: 4 }] });
  orders.charlieFirst = await placed("Charlie", { status: "ACCEPTED", lines: [{ format: croissant, quantity: 12 }] });
  orders.charlieSecond = await placed("Charlie", { lines: [{ format: croissant, quantity: 20 }] });
  orders.echo = await placed("Echo", { staff: true, lines: [{ format: baguette, quantity: 30 }] });
  await difference("Delta", [{ formatId: baguette.id, delta: -3 }]);
  await getDb().standingOrderProposal.create({
    data: { producerId: producer.id, relationId: customers.Echo.relation.id, retailerId: customers.Echo.org.id, weekdays: JSON.stringify({ "1": [{ formatId: baguette.id, quantity: 3 }] }), createdById: customers.Echo.user.id, createdByName: "Echo owner" },
  });
  token = await apiToken(server, baker.email, producer.slug);
});

describe("the intake board", () => {
  it("counts the date's customers, orders, proposals and differences exactly, with the conflict", async () => {
    const body = await board();
    expect(body).toMatchObject({
      date: DATE,
      validated: false,
      activeCustomers: 5,
      received: 4,
      takenIn: 1,
      toTakeIn: 3,
      proposals: 1,
      differences: { received: 1, takenIn: 0, toTakeIn: 1 },
      purged: { orders: 0 },
    });
    expect(body.conflicts).toHaveLength(1);
    expect(body.conflicts[0].customer.name).toBe("Charlie");
    expect(body.conflicts[0].orders.map((o: { id: string; intake: string }) => [o.id, o.intake])).toEqual([
      [orders.charlieFirst.id, "TAKEN_IN"],
      [orders.charlieSecond.id, "TO_TAKE_IN"],
    ]);
    expect(body.orders.map((o: { customer: { name: string }; source: string; conflict: boolean }) => [o.customer.name, o.source, o.conflict])).toEqual([
      ["Bravo", "WEB", false],
      ["Charlie", "WEB", true],
      ["Charlie", "WEB", true],
      ["Echo", "STAFF", false],
    ]);
    expect(body.differencesList.map((d: { customer: { name: string }; lines: { delta: number }[] }) => [d.customer.name, d.lines[0].delta])).toEqual([["Delta", -3]]);
  });

  it("is the producer's: a retailer is refused, a bad date is a 400", async () => {
    const retailer = await apiToken(server, customers.Alpha.user.email, customers.Alpha.org.slug);
    expect((await api(server, "GET", `/api/v1/intake/${DATE}`, { token: retailer })).status).toBe(403);
    const bad = await api(server, "GET", "/api/v1/intake/2027-02-30", { token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.date).toBeTruthy();
  });
});

describe("taking in", () => {
  it("takes in the selected orders only, leaving a conflicting one alone", async () => {
    const res = await api(server, "POST", `/api/v1/intake/${DATE}`, { token, body: { orderIds: [orders.bravo.id, orders.charlieSecond.id] } });
    expect(res.status).toBe(200);
    expect(res.body.takenIn).toEqual([orders.bravo.id]);
    expect(res.body.conflicts).toHaveLength(1);
    expect(res.body.intake).toMatchObject({ takenIn: 2, toTakeIn: 2, differences: { received: 1, takenIn: 0, toTakeIn: 1 } });
    const bravo = await getDb().order.findUniqueOrThrow({ where: { id: orders.bravo.id }, include: { events: true } });
    expect([bravo.status, bravo.version]).toEqual(["ACCEPTED", 2]);
    expect(bravo.events.map((e) => e.type)).toEqual(["ACCEPTED"]);
    expect(await statusOf(orders.echo.id)).toBe("PENDING");
  });

  it("answers 400 for an order that is not one of the date's", async () => {
    const res = await api(server, "POST", `/api/v1/intake/${DATE}`, { token, body: { orderIds: ["nope"] } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields["orderIds.0"]).toBeTruthy();
  });

  it("takes in all the rest but the conflict, and the received differences", async () => {
    const res = await api(server, "POST", `/api/v1/intake/${DATE}`, { token, body: {} });
    expect(res.status).toBe(200);
    expect(res.body.takenIn).toEqual([orders.echo.id]);
    expect(res.body.conflicts.map((c: { customer: { name: string } }) => c.customer.name)).toEqual(["Charlie"]);
    expect(res.body.intake).toMatchObject({ received: 4, takenIn: 3, toTakeIn: 1, differences: { received: 1, takenIn: 1, toTakeIn: 0 } });
    expect(await statusOf(orders.charlieSecond.id)).toBe("PENDING");
  });
});

describe("a conflict", () => {
  it("blocks the validation of the date", async () => {
    const res = await api(server, "POST", `/api/v1/intake/${DATE}/validate`, { token });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("invalid_transition");
    expect(await getDb().deliveryDay.count({ where: { producerId: producer.id } })).toBe(0);
  });

  it("is resolved by keeping one order: 400 for another customer's order, then the other one is refused with the reason", async () => {
    const path = `/api/v1/intake/${DATE}/conflicts/${customers.Charlie.org.id}`;
    const wrong = await api(server, "POST", path, { token, body: { keepOrderId: orders.bravo.id } });
    expect(wrong.status).toBe(400);
    const res = await api(server, "POST", path, { token, body: { keepOrderId: orders.charlieFirst.id } });
    expect(res.status).toBe(200);
    expect(res.body.conflicts).toEqual([]);
    expect(res.body).toMatchObject({ received: 3, takenIn: 3, toTakeIn: 0 });
    const refused = await getDb().order.findUniqueOrThrow({ where: { id: orders.charlieSecond.id }, include: { events: true } });
    expect(refused.status).toBe("REJECTED");
    expect(JSON.parse(refused.events[0].changes)).toMatchObject({ status: { before: "PENDING", after: "REJECTED" }, keptOrder: { orderId: orders.charlieFirst.id } });
    expect(await statusOf(orders.charlieFirst.id)).toBe("ACCEPTED");
    const again = await api(server, "POST", path, { token, body: { keepOrderId: orders.charlieFirst.id } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("invalid_transition");
  });
});

describe("validating the date", () => {
  it("makes numbered orders of the standing day orders and writes the differences once", async () => {
    // A last-minute difference on Bravo's web order (+2 croissants), received before validation.
    await difference("Bravo", [{ formatId: formats[3].id, delta: 2 }]);
    const lastNumber = (await getDb().order.aggregate({ where: { sellerId: producer.id }, _max: { number: true } }))._max.number!;
    const res = await api(server, "POST", `/api/v1/intake/${DATE}/validate`, { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ date: DATE, ordersCreated: 2, ordersAmended: 1, intake: { validated: true, differences: { received: 2, takenIn: 2, toTakeIn: 0 } } });
    expect(res.body.intake.validation.byName).toBe("Bruno Baker");

    created = await createdOrders();
    expect(created.map((o) => [o.buyerName, o.number, o.status, o.createdByOrgId])).toEqual([
      ["Alpha", lastNumber + 1, "ACCEPTED", producer.id],
      ["Delta", lastNumber + 2, "ACCEPTED", producer.id],
    ]);
    const versions = await getDb().standingOrder.findMany({ where: { relationId: { in: [customers.Alpha.relation.id, customers.Delta.relation.id] } }, orderBy: { relationId: "asc" } });
    expect(created.map((o) => o.standingOrderId).sort()).toEqual(versions.map((v) => v.id).sort());
    const alpha = created[0];
    // 10 baguettes, 2 sliced loaves, and the slicing fee of 2 × 0,200.
    expect(alpha.lines.map((l) => [l.kind, l.quantity, l.unitPrice4, l.totalCents])).toEqual([
      ["ITEM", 10, 11_000, 1_100],
      ["ITEM", 2, 28_000, 560],
      ["FEE", 2, 2_000, 40],
    ]);
    expect(alpha.lines[2].description).toBe("Tranchage");
    expect(alpha.subtotalCents).toBe(1_700);
    expect(alpha.taxCents).toBeGreaterThan(0);
    // Delta: its standing 8 baguettes minus the difference's 3.
    expect(created[1].lines.map((l) => [l.formatId, l.quantity])).toEqual([[formats[0].id, 5]]);
    const bravo = await getDb().order.findUniqueOrThrow({ where: { id: orders.bravo.id }, include: { lines: { orderBy: { position: "asc" } }, events: { orderBy: { createdAt: "asc" } } } });
    expect(bravo.lines.map((l) => [l.formatId, l.quantity])).toEqual([[formats[1].id, 4], [formats[3].id, 2]]);
    expect(bravo.events.map((e) => e.type)).toEqual(["ACCEPTED", "AMENDED"]);
    expect(await getDb().deliveryDay.findUnique({ where: { producerId_date: { producerId: producer.id, date: DATE } } })).toMatchObject({ ordersCreated: 2, validatedByName: "Bruno Baker" });
  });

  it("is refused the second time, nothing applied twice; the intake is closed", async () => {
    const res = await api(server, "POST", `/api/v1/intake/${DATE}/validate`, { token });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("invalid_transition");
    expect(await createdOrders()).toHaveLength(2);
    const bravoLines = await getDb().orderLine.findMany({ where: { orderId: orders.bravo.id }, orderBy: { position: "asc" } });
    expect(bravoLines.map((l) => l.quantity)).toEqual([4, 2]);
    expect((await api(server, "POST", `/api/v1/intake/${DATE}`, { token, body: {} })).status).toBe(409);
  });

  it("makes the real orders the date's day orders, in the retailer's order list", async () => {
    const day = await loadDayOrders(getDb(), producer.id, DATE);
    expect(day.validated).toBe(true);
    expect(day.orders.map((o) => [o.customer.name, o.source, o.order?.number ?? null])).toEqual([
      ["Alpha", "STANDING", created[0].number],
      ["Bravo", "WEB", orders.bravo.number],
      ["Charlie", "WEB", orders.charlieFirst.number],
      ["Delta", "STANDING", created[1].number],
      ["Echo", "STAFF", orders.echo.number],
    ]);
    const alphaToken = await apiToken(server, customers.Alpha.user.email, customers.Alpha.org.slug);
    const list = await api(server, "GET", "/api/v1/orders", { token: alphaToken });
    expect(list.status).toBe(200);
    expect(list.body.orders.map((o: { number: number; status: string }) => [o.number, o.status])).toEqual([[created[0].number, "ACCEPTED"]]);
  });
});

describe("a validated date", () => {
  it("is frozen for the retailer: a new order or a difference for it answers 409, with the words to call the bakery", async () => {
    const alphaToken = await apiToken(server, customers.Alpha.user.email, customers.Alpha.org.slug);
    const before = await getDb().order.count({ where: { sellerId: producer.id, deliveryDate: DATE } });
    const order = await api(server, "POST", "/api/v1/orders", {
      token: alphaToken,
      body: { seller: producer.id, distribution: "SELF", deliveryDate: DATE, lines: [{ formatId: formats[0].id, quantity: 5 }] },
    });
    expect(order.status).toBe(409);
    expect(order.body.error).toMatchObject({ code: "invalid_transition", message: expect.stringContaining("call the bakery") });
    const late = await api(server, "POST", `/api/v1/deliveries/${DATE}/differences`, { token: alphaToken, body: { producer: producer.id, lines: [{ formatId: formats[0].id, delta: 2 }] } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("invalid_transition");
    expect(await getDb().order.count({ where: { sellerId: producer.id, deliveryDate: DATE } })).toBe(before);
    // Another date is open as ever.
    const next = await api(server, "POST", "/api/v1/orders", {
      token: alphaToken,
      body: { seller: producer.id, distribution: "SELF", deliveryDate: addDays(DATE, 40), lines: [{ formatId: formats[0].id, quantity: 5 }] },
    });
    expect(next.status).toBe(201);
  });
});

describe("the delivered history", () => {
  it("holds the validated day for the retailer, and the producer sees it per customer", async () => {
    const alphaToken = await apiToken(server, customers.Alpha.user.email, customers.Alpha.org.slug);
    const res = await api(server, "GET", `/api/v1/deliveries/history?producer=${producer.id}`, { token: alphaToken });
    expect(res.status).toBe(200);
    expect(res.body.days).toHaveLength(1);
    const [day] = res.body.days;
    expect(day).toMatchObject({ date: DATE, orderId: expect.any(String), totalCents: created[0].totalCents });
    expect(day.lines.map((l: { quantity: number; ordered: number }) => [l.ordered, l.quantity])).toEqual([[10, 10], [2, 2], [2, 2]]);
    const producerSide = await api(server, "GET", `/api/v1/deliveries/history?customer=${customers.Bravo.org.id}`, { token });
    expect(producerSide.body.days.map((d: { customer: { name: string }; lines: unknown[] }) => [d.customer.name, d.lines.length])).toEqual([["Bravo", 2]]);
    const all = await api(server, "GET", "/api/v1/deliveries/history", { token });
    expect(all.body.days).toHaveLength(5);
  });

  it("is rebuilt from the orders: a deleted row comes back, a changed order is reflected", async () => {
    const alphaToken = await apiToken(server, customers.Alpha.user.email, customers.Alpha.org.slug);
    await getDb().deliveryHistory.deleteMany({ where: { retailerId: customers.Alpha.org.id } });
    const alphaOrder = await getDb().order.findFirstOrThrow({ where: { buyerId: customers.Alpha.org.id, deliveryDate: DATE }, include: { lines: { orderBy: { position: "asc" } } } });
    await getDb().orderLine.update({ where: { id: alphaOrder.lines[0].id }, data: { receivedQuantity: 9 } });
    expect((await api(server, "GET", "/api/v1/deliveries/history", { token: alphaToken })).body.days).toEqual([]);
    const rebuilt = await api(server, "POST", "/api/v1/deliveries/history/rebuild", { token: alphaToken, body: {} });
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body.rows).toBe(1);
    const res = await api(server, "GET", "/api/v1/deliveries/history", { token: alphaToken });
    expect(res.body.days.map((d: { date: string; orderId: string }) => [d.date, d.orderId])).toEqual([[DATE, alphaOrder.id]]);
    expect(res.body.days[0].lines[0]).toMatchObject({ ordered: 10, quantity: 9 });
    // The retailer's rebuild leaves the other customers' history alone.
    expect(await getDb().deliveryHistory.count({ where: { producerId: producer.id } })).toBe(5);
  });
});

describe("retention", () => {
  const PAST = addDays(todayIso(), -10);
  const RECENT = addDays(todayIso(), -2);

  it("leaves taken-in orders of a date older than the retention out of the intake lists, never out of the order lists", async () => {
    const taken = await placed("Alpha", { date: PAST, status: "ACCEPTED", lines: [{ format: formats[0], quantity: 1 }] });
    const invoiced = await placed("Bravo", { date: PAST, status: "DELIVERED", lines: [{ format: formats[0], quantity: 2 }] });
    await getDb().order.update({ where: { id: invoiced.id }, data: { status: "INVOICED" } });
    const pending = await placed("Delta", { date: PAST, lines: [{ format: formats[0], quantity: 3 }] });
    const past = (await api(server, "GET", `/api/v1/intake/${PAST}`, { token })).body;
    expect(past).toMatchObject({ received: 3, takenIn: 2, toTakeIn: 1, purged: { orders: 2 } });
    expect(past.orders.map((o: { order: { id: string } }) => o.order.id)).toEqual([pending.id]);
    const list = await api(server, "GET", `/api/v1/orders?limit=100`, { token });
    const ids = list.body.orders.map((o: { id: string }) => o.id);
    expect(ids).toEqual(expect.arrayContaining([taken.id, invoiced.id]));
    expect(await statusOf(invoiced.id)).toBe("INVOICED");

    const recent = await placed("Alpha", { date: RECENT, status: "ACCEPTED", lines: [{ format: formats[0], quantity: 1 }] });
    const within = (await api(server, "GET", `/api/v1/intake/${RECENT}`, { token })).body;
    expect(within.purged.orders).toBe(0);
    expect(within.orders.map((o: { order: { id: string } }) => o.order.id)).toEqual([recent.id]);
  });
});

describe("the intake page", () => {
  const PAGE_DATE = addDays(DATE, 1);
  const page = `/o/intake-bakery/bakery/intake/${PAGE_DATE}`;

  it("renders the counters and the orders to take in, and takes them in without JavaScript", async () => {
    const web = await placed("Bravo", { date: PAGE_DATE, lines: [{ format: formats[0], quantity: 6 }] });
    const browser = await new PageClient(server).login(baker.email);
    const res = await browser.get(page);
    expect(res.status).toBe(200);
    expect(res.html).toContain("Injection du");
    expect(res.html).toContain(`#${web.number}`);
    expect(res.html).toMatch(/<span class="text-lg font-bold tabular-nums text-red-700">1<\/span> <!-- -->à injecter/);
    const data = await browser.data(page, "routes/o.$org.bakery.intake.($date)");
    expect(data.body.board).toMatchObject({ activeCustomers: 5, received: 1, toTakeIn: 1, validated: false });

    const none = await browser.post(page, { intent: "takeInSelected" });
    expect(none.status).toBe(400);
    expect(await statusOf(web.id)).toBe("PENDING");
    const taken = await browser.post(page, { intent: "takeInSelected", orderIds: web.id });
    expect(taken.status).toBe(302);
    expect(taken.location).toBe(page);
    expect(await statusOf(web.id)).toBe("ACCEPTED");
  });

  it("opens the customers' day orders from the active customers counter", async () => {
    const browser = await new PageClient(server).login(baker.email);
    const data = await browser.data(`/o/intake-bakery/bakery/intake/${DATE}?show=customers`, "routes/o.$org.bakery.intake.($date)");
    expect(data.body.customers.map((c: { customer: { name: string }; source: string; order: { number: number } | null }) => [c.customer.name, c.source, c.order?.number])).toEqual([
      ["Alpha", "STANDING", created[0].number],
      ["Bravo", "WEB", orders.bravo.number],
      ["Charlie", "WEB", orders.charlieFirst.number],
      ["Delta", "STANDING", created[1].number],
      ["Echo", "STAFF", orders.echo.number],
    ]);
    const other = await browser.data(`/o/intake-bakery/bakery/intake/${DATE}?show=received`, "routes/o.$org.bakery.intake.($date)");
    expect(other.body.customers).toEqual([]);
  });

  it("validates the date, then shows who validated it and no actions", async () => {
    const browser = await new PageClient(server).login(baker.email);
    expect((await browser.post(page, { intent: "validate" })).status).toBe(302);
    const res = await browser.get(page);
    expect(res.html).toContain("Validée par Bruno Baker");
    expect(res.html).not.toContain('value="validate"');
    expect(res.html).not.toContain('value="takeInAll"');
    // Tomorrow by default, and ?date= leads to the date's own page.
    expect((await browser.get("/o/intake-bakery/bakery/intake")).status).toBe(200);
    expect((await browser.get(`/o/intake-bakery/bakery/intake?date=${PAGE_DATE}`)).location).toBe(page);
  });

  it("shows the retailer its delivered history and rebuilds it", async () => {
    const browser = await new PageClient(server).login(customers.Alpha.user.email);
    const res = await browser.get("/o/intake-alpha/bakery/history");
    expect(res.status).toBe(200);
    expect(res.html).toContain("Historique des livraisons");
    expect(res.html).toContain("Boulangerie Test");
    const rebuilt = await browser.post("/o/intake-alpha/bakery/history", { intent: "rebuild" });
    expect(rebuilt.status).toBe(302);
    const empty = await new PageClient(server).login(customers.Echo.user.email);
    await getDb().deliveryHistory.deleteMany({ where: { retailerId: customers.Echo.org.id } });
    expect((await empty.get("/o/intake-echo/bakery/history")).html).toContain("Aucune livraison");
  });
});

describe("live", () => {
  it("tells the producer's organization room that the date changed when orders are taken in", async () => {
    const LIVE_DATE = addDays(DATE, 2);
    const web = await placed("Delta", { date: LIVE_DATE, lines: [{ format: formats[0], quantity: 2 }] });
    const socket = connect(server.baseUrl, { path: "/socket.io", transports: ["websocket"], auth: { token }, reconnection: false });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.on("connect_error", reject);
        socket.on("connect", () => socket.emit("org:join", { orgSlug: producer.slug }, (ack: { ok: boolean }) => (ack.ok ? resolve() : reject(new Error("join refused")))));
      });
      const heard = new Promise<{ date: string }>((resolve) => socket.on("bakery:changed", resolve));
      const updated = new Promise<{ orderId: string; status: string }>((resolve) => socket.on("order:updated", resolve));
      expect((await api(server, "POST", `/api/v1/intake/${LIVE_DATE}`, { token, body: {} })).status).toBe(200);
      expect(await heard).toEqual({ date: LIVE_DATE });
      expect(await updated).toMatchObject({ orderId: web.id, status: "ACCEPTED" });
    } finally {
      socket.close();
    }
  });
});

describe("an order someone is amending", () => {
  const LOCKED_DATE = addDays(DATE, 20);
  it("is left out of a batch and holds the validation (423) until its edit lease ends; nothing is overwritten", async () => {
    const clerk = await getDb().user.create({ data: { email: "clerk@intake-bakery.test", name: "Clara Clerk", passwordHash: "x" } });
    const order = await placed("Bravo", { date: LOCKED_DATE, lines: [{ format: formats[0], quantity: 9 }] });
    await getDb().order.update({ where: { id: order.id }, data: { lockedById: clerk.id, lockedUntil: new Date(Date.now() + 5 * 60_000) } });

    const batch = await api(server, "POST", `/api/v1/intake/${LOCKED_DATE}`, { token, body: {} });
    expect(batch.status).toBe(200);
    expect(batch.body).toMatchObject({ takenIn: [], locked: [order.id] });
    expect(await getDb().order.findUniqueOrThrow({ where: { id: order.id }, select: { status: true, version: true, lockedById: true } })).toEqual({ status: "PENDING", version: 1, lockedById: clerk.id });

    const refused = await api(server, "POST", `/api/v1/intake/${LOCKED_DATE}/validate`, { token });
    expect(refused.status).toBe(423);
    expect(refused.body.error).toMatchObject({ code: "locked", details: { lockedBy: { id: clerk.id, name: "Clara Clerk" } } });
    expect(await getDb().deliveryDay.count({ where: { producerId: producer.id, date: LOCKED_DATE } })).toBe(0);

    // The lease runs out (the clerk left without saving): the date validates, the order taken in.
    await getDb().order.update({ where: { id: order.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    const validated = await api(server, "POST", `/api/v1/intake/${LOCKED_DATE}/validate`, { token });
    expect(validated.status).toBe(200);
    expect(validated.body.takenIn).toContain(order.id);
  });
});

describe("a customer asking only by a difference", () => {
  const ASKED_DATE = addDays(DATE, 25);
  it("gets, at validation, an order placed by the retailer who asked: its source is web", async () => {
    customers.Foxtrot = await createBakeryCustomer(producer.id, { name: "Foxtrot", slug: "intake-foxtrot", email: "foxtrot@intake.test" });
    await difference("Foxtrot", [{ formatId: formats[3].id, delta: 8 }], ASKED_DATE);
    const res = await api(server, "POST", `/api/v1/intake/${ASKED_DATE}/validate`, { token });
    expect(res.status).toBe(200);
    const order = await getDb().order.findFirstOrThrow({ where: { sellerId: producer.id, buyerId: customers.Foxtrot.org.id, deliveryDate: ASKED_DATE }, include: { lines: true } });
    expect(order).toMatchObject({ status: "ACCEPTED", standingOrderId: null, createdById: customers.Foxtrot.user.id, createdByOrgId: customers.Foxtrot.org.id });
    expect(order.lines.map((l) => [l.formatId, l.quantity])).toEqual([[formats[3].id, 8]]);
    const day = await loadDayOrders(getDb(), producer.id, ASKED_DATE);
    expect(day.orders.find((o) => o.customer.name === "Foxtrot")).toMatchObject({ source: "WEB", order: { id: order.id } });
  });
});
