// The order pages, as a browser without JavaScript uses them (plain GET and form posts): the list and
// its filters, the new-order form (one order however often it is posted), the order page's edit mode
// with its lock and its conflicts, what the retailer may not do, the customer page; and the live
// updates over socket.io.
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { PageClient, useTestServer, type TestServer } from "../setup/http";
import { daysFromToday, loadDemo, ordersClient, placed, type Demo, type OrdersClient } from "../setup/orders-api";

const BRASSERIE = "brasserie-du-pont";
const MARTIN = "epicerie-martin";

let server: TestServer;
let client: OrdersClient;
let demo: Demo;
let alice: PageClient; // OWNER of the producer
let sam: PageClient; // SALES of the producer
let marc: PageClient; // OWNER of the retailer
let bottle: string;
let keg: string;

beforeAll(async () => {
  server = await useTestServer();
  client = ordersClient(server);
  demo = await loadDemo();
  bottle = demo.format("BDP-BLO", "Bouteille 33 cl");
  keg = demo.format("BDP-AMB", "Fût 30 L");
  [alice, sam, marc] = await Promise.all([
    new PageClient(server).login("alice@brasserie.test"),
    new PageClient(server).login("sam@brasserie.test"),
    new PageClient(server).login("marc@martin.test"),
  ]);
});

/** An order of the retailer (marc) to the brasserie, through the API. */
function marcOrders(lines = [{ formatId: bottle, quantity: 48 }, { formatId: keg, quantity: 2 }]) {
  return placed(client, "marc", { seller: demo.org[BRASSERIE], distribution: "SELF", deliveryDate: daysFromToday(3), lines });
}

/** The fields the page's edit form posts for an order, as it shows them (French decimal commas). */
function editFields(order: any, intent: string, changes: Record<string, string> = {}): Record<string, string> {
  const fields: Record<string, string> = { intent, version: String(order.version), deliveryDate: order.deliveryDate, note: order.note };
  if (order.taxesEnabled) fields.taxesEnabled = "on";
  if (order.depositsEnabled) fields.depositsEnabled = "on";
  order.lines.forEach((l: any, i: number) => {
    Object.assign(fields, {
      [`line.${i}.id`]: l.id,
      [`line.${i}.kind`]: l.kind,
      [`line.${i}.description`]: l.description,
      [`line.${i}.quantity`]: String(l.quantity),
      [`line.${i}.unitPrice`]: (l.unitPrice4 / 10_000).toFixed(2).replace(".", ","),
      [`line.${i}.discount`]: String(l.discountBps / 100),
      [`line.${i}.tax`]: String(l.taxRateBps / 100),
      [`line.${i}.deposit`]: (l.depositCents / 100).toFixed(2).replace(".", ","),
    });
  });
  for (const kind of ["ITEM", "FEE", "REBATE"]) fields[`add.${["ITEM", "FEE", "REBATE"].indexOf(kind)}.kind`] = kind;
  return { ...fields, ...changes };
}

const decode = (html: string) => html.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/[\u00a0\u202f]/g, " ");

describe("the order list", () => {
  it("shows the quick filters with their counts, and each one lists its statuses", async () => {
    const all = await alice.data(`/o/${BRASSERIE}/orders`, "routes/o.$org.orders._index");
    expect(all.status).toBe(200);
    const { counts } = all.body;
    expect(counts.to_accept).toBeGreaterThan(0);
    // The to-do filters carry a count; history (done, all) is listed without one.
    expect(Object.keys(counts).sort()).toEqual(["late", "to_accept", "to_deliver", "to_invoice", "to_ship", "unpaid"]);
    const expected: Record<string, string[]> = { to_accept: ["PENDING"], to_ship: ["ACCEPTED"], to_deliver: ["SHIPPED"], done: ["PAID", "REJECTED", "CANCELLED", "EXPIRED"] };
    for (const [view, statuses] of Object.entries(expected)) {
      const res = await alice.data(`/o/${BRASSERIE}/orders?view=${view}`, "routes/o.$org.orders._index");
      expect(res.status).toBe(200);
      for (const order of res.body.orders) expect(statuses).toContain(order.status);
      if (counts[view] > 0) expect(res.body.orders.length).toBeGreaterThan(0);
    }
    const page = decode((await alice.get(`/o/${BRASSERIE}/orders?view=to_accept`)).html);
    expect(page).toMatch(new RegExp(`aria-current="page"[^>]*>À accepter<span[^>]*>${counts.to_accept}</span>`));
  });

  it("searches by number and by customer, filters by customer and delivery dates, and pages with a cursor", async () => {
    const route = "routes/o.$org.orders._index";
    const first = await alice.data(`/o/${BRASSERIE}/orders`, route);
    const some = first.body.orders[3];
    const byNumber = await alice.data(`/o/${BRASSERIE}/orders?q=${some.number}`, route);
    expect(byNumber.body.orders.map((o: any) => o.id)).toEqual([some.id]);

    const byName = await alice.data(`/o/${BRASSERIE}/orders?q=central`, route);
    expect(byName.body.orders.length).toBeGreaterThan(0);
    for (const o of byName.body.orders) expect(o.buyer.name).toBe("Café Central");

    const central = demo.org["cafe-central"];
    const byCustomer = await alice.data(`/o/${BRASSERIE}/orders?buyer=${central}`, route);
    expect(byCustomer.body.partners.buyers.map((b: any) => b.name)).toEqual(["Café Central", "Épicerie Martin"]);
    for (const o of byCustomer.body.orders) expect(o.buyer.id).toBe(central);

    const from = daysFromToday(-5);
    const to = daysFromToday(2);
    const byDates = await alice.data(`/o/${BRASSERIE}/orders?deliveryFrom=${from}&deliveryTo=${to}`, route);
    expect(byDates.body.orders.length).toBeGreaterThan(0);
    for (const o of byDates.body.orders) {
      expect(o.deliveryDate >= from && o.deliveryDate <= to).toBe(true);
    }

    // 25 a page; the next page continues where the first stopped, and keeps the filters.
    expect(first.body.orders).toHaveLength(25);
    expect(first.body.nextCursor).toBeTruthy();
    const html = decode((await alice.get(`/o/${BRASSERIE}/orders?buyer=${central}`)).html);
    const next = /href="([^"]*cursor=[^"]+)"/.exec(html)?.[1];
    expect(next).toContain(`buyer=${central}`);
    const second = await alice.data(`/o/${BRASSERIE}/orders?cursor=${encodeURIComponent(first.body.nextCursor)}`, route);
    const firstIds = new Set(first.body.orders.map((o: any) => o.id));
    expect(second.body.orders.length).toBeGreaterThan(0);
    for (const o of second.body.orders) expect(firstIds.has(o.id)).toBe(false);
    const secondHtml = decode((await alice.get(`/o/${BRASSERIE}/orders?cursor=${encodeURIComponent(first.body.nextCursor)}`)).html);
    expect(secondHtml).toContain("Première page");

    // A bad filter is left out and said, never a 500.
    const bad = await alice.data(`/o/${BRASSERIE}/orders?deliveryFrom=yesterday&view=nope`, route);
    expect(bad.status).toBe(200);
    expect(bad.body.invalid).toBe(true);
  });

  it("exports the filtered list as CSV, and links each customer to its page", async () => {
    const counts = (await alice.data(`/o/${BRASSERIE}/orders`, "routes/o.$org.orders._index")).body.counts;
    const res = await alice.download(`/o/${BRASSERIE}/orders/export.csv?view=to_accept`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const rows = (await res.text()).trim().split(/\r?\n/);
    expect(rows[0]).toContain("number");
    expect(rows.length - 1).toBe(counts.to_accept);
    const html = (await alice.get(`/o/${BRASSERIE}/orders`)).html;
    expect(html).toContain(`href="/o/${BRASSERIE}/orders/export.csv"`);
    expect(html).toContain(`href="/o/${BRASSERIE}/customers/${demo.org[MARTIN]}"`);
  });

  it("shows a retailer its own orders, by seller, without a customer column", async () => {
    const res = await marc.data(`/o/${MARTIN}/orders`, "routes/o.$org.orders._index");
    expect(res.status).toBe(200);
    for (const o of res.body.orders) expect(o.buyer.id).toBe(demo.org[MARTIN]);
    const html = decode((await marc.get(`/o/${MARTIN}/orders`)).html);
    expect(html).toContain("Nouvelle commande");
    expect(html).not.toContain(`/customers/`);
  });
});

describe("the new-order form without JavaScript", () => {
  async function openForm(path = `/o/${MARTIN}/orders/new`) {
    const res = await marc.get(path);
    expect(res.status).toBe(200);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(res.html)?.[1];
    const relation = /name="relation" value="([^"]+)"/.exec(res.html)?.[1];
    expect(key).toBeTruthy();
    expect(relation).toBeTruthy();
    return { key: key!, relation: relation!, html: res.html };
  }

  it("places one order, even when the same form is posted twice", async () => {
    const { key, relation, html } = await openForm();
    expect(html).toContain(`name="qty.${bottle}"`);
    const fields = {
      relation,
      idempotencyKey: key,
      intent: "place",
      [`qty.${bottle}`]: "24",
      [`qty.${keg}`]: "1",
      applyGroupDiscount: "on",
      taxesEnabled: "on",
      depositsEnabled: "on",
      distribution: "DISTRIBUTOR",
      deliveryDate: daysFromToday(2),
      note: "Sans JavaScript",
    };
    const db = getDb();
    const before = await db.order.count({ where: { buyerId: demo.org[MARTIN] } });
    const first = await marc.post(`/o/${MARTIN}/orders/new`, fields);
    expect(first.status).toBe(302);
    expect(first.location).toMatch(new RegExp(`^/o/${MARTIN}/orders/[a-z0-9]+$`));
    const again = await marc.post(`/o/${MARTIN}/orders/new`, fields);
    expect(again.status).toBe(302);
    expect(again.location).toBe(first.location);
    expect(await db.order.count({ where: { buyerId: demo.org[MARTIN] } })).toBe(before + 1);

    const orderId = first.location!.split("/").pop()!;
    const order = (await client.get("marc", orderId)).body;
    expect(order).toMatchObject({ status: "PENDING", note: "Sans JavaScript", distribution: "DISTRIBUTOR", deliveryDate: daysFromToday(2) });
    expect(order.lines.map((l: any) => [l.formatId, l.quantity, l.discountBps])).toEqual([
      [bottle, 24, 500],
      [keg, 1, 500],
    ]);
    // The toast follows the redirect.
    const page = decode((await marc.get(first.location!)).html);
    expect(page).toContain(`Commande ${order.number} envoyée à Brasserie du Pont.`);
  });

  it("computes the total on the server to confirm it, and keeps what was typed when a quantity is wrong", async () => {
    const { key, relation } = await openForm();
    const base = { relation, idempotencyKey: key, taxesEnabled: "on", depositsEnabled: "on", distribution: "SELF", deliveryDate: daysFromToday(2) };
    const db = getDb();
    const before = await db.order.count();
    // 10 kegs at 129 €, less the 5 % group discount a retailer's order always carries:
    // 1 225,50 € + 20 % tax + 10 × 30 € deposit = 1 770,60 €.
    const preview = await marc.post(`/o/${MARTIN}/orders/new`, { ...base, intent: "preview", [`qty.${keg}`]: "10" });
    expect(preview.status).toBe(200);
    const html = decode(preview.html);
    expect(html).toContain("Total mis à jour");
    expect(html).toContain("1 770,60 €");
    expect(html).toContain(`value="10"`);

    const wrong = await marc.post(`/o/${MARTIN}/orders/new`, { ...base, intent: "place", [`qty.${keg}`]: "deux", [`qty.${bottle}`]: "12" });
    expect(wrong.status).toBe(400);
    const wrongHtml = decode(wrong.html);
    expect(wrongHtml).toContain("Un nombre entier de 1 à 1 000 000.");
    expect(wrongHtml).toContain(`value="deux"`);
    expect(wrongHtml).toContain(`name="idempotencyKey" value="${key}"`);

    const empty = await marc.post(`/o/${MARTIN}/orders/new`, { ...base, intent: "place" });
    expect(empty.status).toBe(400);
    expect(decode(empty.html)).toContain("Saisissez au moins une quantité.");
    expect(await db.order.count()).toBe(before);
  });

  it("reorders: the quantities of a past order are typed in already", async () => {
    const past = await marcOrders([{ formatId: keg, quantity: 3 }]);
    const res = await marc.data(`/o/${MARTIN}/orders/new?from=${past.id}`, "routes/o.$org.orders.new");
    expect(res.status).toBe(200);
    expect(res.body.form.prefill).toEqual({ [keg]: 3 });
    expect(res.body.form.from).toMatchObject({ id: past.id, number: past.number, dropped: 0 });
  });

  it("lets a producer order for a customer, chosen first", async () => {
    const choose = await alice.data(`/o/${BRASSERIE}/orders/new`, "routes/o.$org.orders.new");
    expect(choose.body.form).toBeNull();
    expect(choose.body.choices.map((c: any) => c.customer).sort()).toEqual(["Café Central", "Épicerie Martin"]);
    const martin = choose.body.choices.find((c: any) => c.customer === "Épicerie Martin");
    const form = await alice.data(`/o/${BRASSERIE}/orders/new?relation=${martin.id}`, "routes/o.$org.orders.new");
    expect(form.body.form.relation).toMatchObject({ groupDiscountBps: 500, minOrderCents: 15_000, defaultDistribution: "DISTRIBUTOR" });
    // A relation that is not the user's answers 404.
    const foreign = await getDb().relation.findFirstOrThrow({ where: { producer: { slug: "boulangerie-aurore" } } });
    expect((await alice.data(`/o/${BRASSERIE}/orders/new?relation=${foreign.id}`, "routes/o.$org.orders.new")).status).toBe(404);
  });
});

describe("the order page", () => {
  it("takes the lock in edit mode, saves, and shows the change in the history", async () => {
    const order = await marcOrders();
    const page = `/o/${BRASSERIE}/orders/${order.id}`;
    const edit = await alice.get(`${page}?edit=1`);
    expect(edit.status).toBe(200);
    expect(edit.html).toContain('name="line.0.quantity"');
    const db = getDb();
    const alicesId = (await db.user.findUniqueOrThrow({ where: { email: "alice@brasserie.test" } })).id;
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).lockedById).toBe(alicesId);

    const saved = await alice.post(
      `${page}?edit=1`,
      editFields(order, "save", { "line.0.quantity": "72", "line.1.unitPrice": "125,5", "add.1.description": "Livraison express", "add.1.amount": "15" }),
    );
    expect(saved.status).toBe(302);
    expect(saved.location).toBe(page);
    const after = (await client.get("alice", order.id)).body;
    expect(after.version).toBe(2);
    expect(after.lockedBy).toBeNull();
    expect(after.lines.map((l: any) => [l.kind, l.quantity, l.unitPrice4])).toEqual([
      ["ITEM", 72, 18_500],
      ["ITEM", 2, 1_255_000],
      ["FEE", 1, 150_000],
    ]);
    const history = decode((await marc.get(`/o/${MARTIN}/orders/${order.id}?tab=history`)).html);
    expect(history).toContain("Modifiée");
    expect(history).toMatch(/Quantité :.*48.*→.*72/s);
    expect(history).toContain("Livraison express");
  });

  it("answers a stale save with the French workstation message, the typed values and the current version", async () => {
    const order = await marcOrders();
    const page = `/o/${BRASSERIE}/orders/${order.id}`;
    expect((await alice.get(`${page}?edit=1`)).status).toBe(200);
    // Meanwhile another workstation (alice's integration, holding the same user's lock) changes it.
    const other = await client.patch("alice", order.id, { version: 1, note: "Changé ailleurs" });
    expect(other.status).toBe(200);

    const stale = await alice.post(`${page}?edit=1`, editFields(order, "save", { "line.0.quantity": "61", note: "Ma note" }));
    expect(stale.status).toBe(409);
    const html = decode(stale.html);
    expect(html).toContain("Le document a été modifié sur un autre poste de travail.");
    expect(html).toMatch(/name="line\.0\.quantity"[^>]*value="61"|value="61"[^>]*name="line\.0\.quantity"/);
    expect(html).toContain("Ma note");
    expect(html).toContain("Version actuelle (v2)");
    expect(html).toContain("Changé ailleurs");
    // Nothing of the stale save was written.
    expect((await client.get("alice", order.id)).body).toMatchObject({ version: 2, note: "Changé ailleurs" });

    // Saving again, on the current version, applies what was typed.
    const again = await alice.post(`${page}?edit=1`, editFields({ ...order, version: 2 }, "save", { "line.0.quantity": "61", note: "Ma note" }));
    expect(again.status).toBe(302);
    expect((await client.get("alice", order.id)).body).toMatchObject({ version: 3, note: "Ma note", lines: [{ quantity: 61 }, { quantity: 2 }] });
  });

  it("names the holder of the lock: no edit mode for the others, 423 on their saves", async () => {
    const order = await marcOrders();
    const page = `/o/${BRASSERIE}/orders/${order.id}`;
    expect((await sam.get(`${page}?edit=1`)).html).toContain('name="line.0.quantity"');

    const view = decode((await alice.get(page)).html);
    expect(view).toContain("Sam Leroy modifie cette commande.");
    expect(view).not.toContain(`href="${page}?edit=1"`);
    const edit = decode((await alice.get(`${page}?edit=1`)).html);
    expect(edit).toContain("Sam Leroy modifie cette commande.");
    expect(edit).not.toContain('name="line.0.quantity"');

    const blocked = await alice.post(page, editFields(order, "save", { "line.0.quantity": "1" }));
    expect(blocked.status).toBe(423);
    expect(decode(blocked.html)).toContain("Sam Leroy modifie cette commande.");
    const accept = await alice.post(page, { intent: "accept", version: "1" });
    expect(accept.status).toBe(423);

    // Sam cancels his editing: the lock is gone, alice may accept.
    expect((await sam.post(page, { intent: "cancel-edit", version: "1" })).status).toBe(302);
    const accepted = await alice.post(page, { intent: "accept", version: "1" });
    expect(accepted.status).toBe(302);
    expect((await client.get("alice", order.id)).body.status).toBe("ACCEPTED");
  });

  it("gives the retailer no edit controls and no seller actions", async () => {
    const order = await marcOrders();
    const page = `/o/${MARTIN}/orders/${order.id}`;
    const html = decode((await marc.get(page)).html);
    expect(html).toContain("vous ne pouvez ni modifier ni annuler cette commande");
    expect(html).not.toContain("?edit=1");
    expect(html).not.toContain('value="accept"');
    expect(html).not.toContain('value="cancel"');
    const edit = await marc.get(`${page}?edit=1`);
    expect(edit.html).not.toContain('name="line.0.quantity"');
    expect((await getDb().order.findUniqueOrThrow({ where: { id: order.id } })).lockedById).toBeNull();
    const save = await marc.post(page, editFields(order, "save", { "line.0.quantity": "1" }));
    expect(save.status).toBe(403);
    const cancel = await marc.post(page, { intent: "cancel", version: "1" });
    expect(cancel.status).toBe(403);
    expect((await client.get("marc", order.id)).body).toMatchObject({ version: 1, status: "PENDING" });
  });

  it("runs the order through its statuses with the page's buttons; delivery takes the received quantities", async () => {
    const order = await marcOrders();
    const page = `/o/${BRASSERIE}/orders/${order.id}`;
    expect((await alice.post(page, { intent: "accept", version: "1" })).status).toBe(302);
    expect((await alice.post(page, { intent: "ship", version: "2" })).status).toBe(302);
    const shipped = (await client.get("marc", order.id)).body;
    // The retailer confirms what arrived: one keg more than ordered → an order for the extra.
    const html = (await marc.get(`/o/${MARTIN}/orders/${order.id}`)).html;
    expect(html).toContain(`name="received.${shipped.lines[1].id}"`);
    const delivered = await marc.post(`/o/${MARTIN}/orders/${order.id}`, {
      intent: "deliver",
      version: "3",
      [`received.${shipped.lines[0].id}`]: "48",
      [`received.${shipped.lines[1].id}`]: "3",
    });
    expect(delivered.status).toBe(302);
    const after = (await client.get("marc", order.id)).body;
    expect(after.status).toBe("DELIVERED");
    expect(after.lines.map((l: any) => l.receivedQuantity)).toEqual([48, 3]);
    expect(delivered.location).not.toBe(`/o/${MARTIN}/orders/${order.id}`);
    const extra = (await client.get("marc", delivered.location!.split("/").pop()!)).body;
    expect(extra).toMatchObject({ status: "DELIVERED", parentOrderId: order.id, lines: [{ formatId: keg, quantity: 1 }] });
    // A stale button (an old version) says the order changed elsewhere.
    const stale = await alice.post(page, { intent: "cancel", version: "1" });
    expect(stale.status).toBe(409);
  });

  it("shows the customer history and the documents tab", async () => {
    const order = await marcOrders();
    const customer = await alice.data(`/o/${BRASSERIE}/orders/${order.id}?tab=customer`, "routes/o.$org.orders.$orderId");
    expect(customer.body.customerOrders.orders.length).toBeGreaterThan(0);
    for (const o of customer.body.customerOrders.orders) {
      expect(o.buyer.id).toBe(demo.org[MARTIN]);
      expect(o.id).not.toBe(order.id);
    }
    const documents = (await marc.get(`/o/${MARTIN}/orders/${order.id}?tab=documents`)).html;
    expect(documents).toContain(`href="/o/${MARTIN}/orders/${order.id}/purchase-order.pdf"`);
    expect(documents).toContain(`action="/o/${MARTIN}/orders/${order.id}/documents"`);
    expect(documents).toMatch(/enctype="multipart\/form-data"/i);
    const messages = decode((await marc.get(`/o/${MARTIN}/orders/${order.id}?tab=messages`)).html);
    // The conversation (tests/integration/chat-*.test.ts): empty, with its form.
    expect(messages).toContain("Aucun message pour l’instant");
    expect(messages).toContain(`action="/o/${MARTIN}/orders/${order.id}/messages"`);
  });
});

describe("the customer page", () => {
  it("shows the seller side the relation's terms and the customer's orders; 404 for anyone else", async () => {
    const res = await alice.data(`/o/${BRASSERIE}/customers/${demo.org[MARTIN]}`, "routes/o.$org.customers.$customerId");
    expect(res.status).toBe(200);
    expect(res.body.customer.name).toBe("Épicerie Martin");
    expect(res.body.relations[0]).toMatchObject({ minOrderCents: 15_000, customerGroup: { name: "Épiceries fines" }, rep: { name: "Agence Rep" } });
    expect(res.body.orders.length).toBeGreaterThan(0);
    for (const o of res.body.orders) expect(o.buyer.id).toBe(demo.org[MARTIN]);
    // The retailer has no customers; a producer's non-customer answers 404.
    expect((await marc.data(`/o/${MARTIN}/customers/${demo.org[BRASSERIE]}`, "routes/o.$org.customers.$customerId")).status).toBe(404);
    expect((await alice.data(`/o/${BRASSERIE}/customers/${demo.org["bistro-gare"]}`, "routes/o.$org.customers.$customerId")).status).toBe(404);
  });
});

describe("the home page", () => {
  it("counts what needs the user now, and offers to order again", async () => {
    const producer = await alice.data(`/o/${BRASSERIE}`, "routes/o.$org._index");
    const list = await alice.data(`/o/${BRASSERIE}/orders`, "routes/o.$org.orders._index");
    expect(producer.body.orders.counts.to_accept).toBe(list.body.counts.to_accept);
    const retailer = await marc.data(`/o/${MARTIN}`, "routes/o.$org._index");
    expect(retailer.body.orders.reorder).toBeTruthy();
    const html = (await marc.get(`/o/${MARTIN}`)).html;
    expect(html).toContain(`href="/o/${MARTIN}/orders/new?from=${retailer.body.orders.reorder.id}"`);
  });
});

describe("live updates over socket.io", () => {
  const sockets: Socket[] = [];
  afterAll(() => sockets.forEach((s) => s.close()));

  function open(auth: { token: string } | { cookie: string }): Promise<Socket> {
    const socket = connect(server.baseUrl, {
      path: "/socket.io",
      transports: ["websocket"],
      reconnection: false,
      ...("token" in auth ? { auth } : { extraHeaders: { cookie: auth.cookie } }),
    });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.on("connect", () => resolve(socket));
      socket.on("connect_error", reject);
    });
  }
  const ask = (socket: Socket, event: string, payload: unknown) => socket.timeout(5_000).emitWithAck(event, payload);

  async function sessionCookie(email: string): Promise<string> {
    const res = await fetch(`${server.baseUrl}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password: "comptoir-demo" }),
      redirect: "manual",
    });
    return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  }

  it("tells a browser that joined its organization's room when an order changes through the API", async () => {
    const socket = await open({ cookie: await sessionCookie("alice@brasserie.test") });
    expect(await ask(socket, "org:join", { orgSlug: BRASSERIE })).toEqual({ ok: true });
    // Not a member: refused.
    expect(await ask(socket, "org:join", { orgSlug: "boulangerie-aurore" })).toEqual({ ok: false, error: { code: "not_found" } });

    const received: any[] = [];
    socket.on("order:updated", (e) => received.push(e));
    const order = await marcOrders();
    const accepted = await client.act("alice", order.id, "accept", { version: 1 });
    expect(accepted.status).toBe(200);
    await expect.poll(() => received.filter((e) => e.orderId === order.id).map((e) => [e.version, e.status])).toEqual([
      [1, "PENDING"],
      [2, "ACCEPTED"],
    ]);
  });

  it("lets a party join an order's room; an outsider's order:join answers not_found", async () => {
    const order = await marcOrders();
    const retailer = await open({ token: await client.token("marc") });
    expect(await ask(retailer, "order:join", { orderId: order.id })).toEqual({ ok: true });
    const updates: any[] = [];
    retailer.on("order:updated", (e) => updates.push(e));
    await client.patch("alice", order.id, { version: 1, note: "Vu" });
    await expect.poll(() => updates.map((e) => e.version)).toContain(2);

    const outsider = await open({ token: await client.token("gaston") });
    expect(await ask(outsider, "order:join", { orderId: order.id })).toEqual({ ok: false, error: { code: "not_found" } });
    const outsiderCookie = await open({ cookie: await sessionCookie("gaston@gare.test") });
    expect(await ask(outsiderCookie, "order:join", { orderId: order.id, orgSlug: "bistro-gare" })).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await ask(outsiderCookie, "order:join", { orderId: order.id })).toEqual({ ok: false, error: { code: "not_found" } });
    // A token bound to one organization cannot act for another.
    expect(await ask(retailer, "org:join", { orgSlug: BRASSERIE })).toEqual({ ok: false, error: { code: "not_found" } });
  });
});
