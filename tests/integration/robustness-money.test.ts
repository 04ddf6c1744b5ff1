// Issue 10, the money side: amounts that multiply beyond the documented bounds are refused before any
// write (so that no order becomes unreadable), and a buyer's order always carries its taxes, deposits
// and group discount (removing them is the seller side's decision).
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { PageClient, useTestServer, type TestServer } from "../setup/http";
import { daysFromToday, loadDemo, ordersClient, placed, type Demo, type OrdersClient } from "../setup/orders-api";

const BRASSERIE = "brasserie-du-pont";
const MARTIN = "epicerie-martin";

let server: TestServer;
let client: OrdersClient;
let demo: Demo;
let bottle: string;
let keg: string;

beforeAll(async () => {
  server = await useTestServer();
  client = ordersClient(server);
  demo = await loadDemo();
  bottle = demo.format("BDP-BLO", "Bouteille 33 cl");
  keg = demo.format("BDP-AMB", "Fût 30 L");
});

function marcOrders(lines = [{ formatId: bottle, quantity: 48 }]) {
  return placed(client, "marc", { seller: demo.org[BRASSERIE], distribution: "SELF", deliveryDate: daysFromToday(3), lines });
}

/** A delivered order of marc's, invoiced by the brasserie: the invoice. */
async function invoiceOf(lines = [{ formatId: bottle, quantity: 48 }]) {
  const order = await marcOrders(lines);
  for (const [action, version] of [["accept", 1], ["ship", 2], ["deliver", 3]] as const) {
    const res = await client.act("alice", order.id, action, { version });
    if (res.status !== 200) throw new Error(`${action}: ${res.status}`);
  }
  const invoice = await client.call("alice", "POST", `/api/v1/orders/${order.id}/invoice`, { version: 4 });
  if (invoice.status !== 201) throw new Error(`invoice: ${invoice.status}`);
  return invoice.body;
}

/** Many FEE lines, each within every documented input range. */
function fees(count: number, quantity: number, unitPrice4: number) {
  return Array.from({ length: count }, (_, i) => ({ kind: "FEE", description: `Frais ${i}`, quantity, unitPrice4 }));
}

describe("amounts beyond the documented bounds", () => {
  it("refuses 400 fee lines of 1,000,000 × 1,000,000.00 before writing, and the order stays readable", async () => {
    const order = await marcOrders();
    const res = await client.patch("sam", order.id, { version: 1, lines: [{ id: order.lines[0].id }, ...fees(400, 1_000_000, 10_000_000_000)] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    // Each of these lines is 10^14 cents, beyond the 10^11 a line may reach: named on its price.
    const fields = res.body.error.details.fields;
    expect(Object.keys(fields)).toHaveLength(400);
    expect(fields["lines.1.unitPrice4"]).toMatch(/too large/);
    expect(fields["lines.400.unitPrice4"]).toMatch(/too large/);
    expect(fields["lines.0.unitPrice4"]).toBeUndefined();

    const after = await client.get("marc", order.id);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ version: 1, totalCents: order.totalCents });
    expect(after.body.lines).toHaveLength(1);
    expect((await client.get("sam", order.id)).status).toBe(200);
  });

  it("refuses lines that are each within bounds when the order's total is not, naming `lines`", async () => {
    const order = await marcOrders();
    // 20 lines of 10^11 cents (the largest a line may be) make 2·10^12 cents (+ tax), beyond 10^12.
    const res = await client.patch("sam", order.id, { version: 1, lines: fees(20, 1_000_000, 10_000_000) });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual({ lines: expect.stringMatching(/order is too large/) });
    expect((await client.get("marc", order.id)).body.version).toBe(1);

    // The same lines with fewer of them fit, and read back exactly.
    const fits = await client.patch("sam", order.id, { version: 1, lines: fees(8, 1_000_000, 10_000_000), taxesEnabled: false });
    expect(fits.status).toBe(200);
    expect(fits.body.totalCents).toBe(800_000_000_000);
    const read = await client.get("marc", order.id);
    expect(read.status).toBe(200);
    expect(read.body.totalCents).toBe(800_000_000_000);
  });

  it("names the deposit when deposit × quantity is what is too large", async () => {
    const order = await marcOrders();
    const res = await client.patch("sam", order.id, { version: 1, lines: [{ id: order.lines[0].id, quantity: 1_000_000, depositCents: 1_000_000_000 }] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual({ "lines.0.depositCents": expect.stringMatching(/line is too large/) });
  });

  it("refuses, on the order page's edit form, a price that makes the line too large", async () => {
    const order = await marcOrders();
    const page = `/o/${BRASSERIE}/orders/${order.id}`;
    const alice = await new PageClient(server).login("alice@brasserie.test");
    expect((await alice.get(`${page}?edit=1`)).status).toBe(200);
    const l = order.lines[0];
    const res = await alice.post(`${page}?edit=1`, {
      intent: "save",
      version: "1",
      deliveryDate: order.deliveryDate,
      note: "",
      taxesEnabled: "on",
      depositsEnabled: "on",
      "line.0.id": l.id,
      "line.0.kind": l.kind,
      "line.0.description": l.description,
      "line.0.quantity": "1000000",
      "line.0.unitPrice": "1000000",
      "line.0.discount": "0",
      "line.0.tax": "20",
      "line.0.deposit": "0",
    });
    expect(res.status).toBe(400);
    expect(res.html).toContain("Cette ligne est trop élevée");
    expect((await client.get("marc", order.id)).body).toMatchObject({ version: 1, totalCents: order.totalCents });
  });

  it("refuses received quantities whose extra order would be too large, and delivers nothing", async () => {
    const order = await marcOrders([{ formatId: keg, quantity: 1 }]);
    const line = order.lines[0];
    const amended = await client.patch("alice", order.id, { version: 1, lines: [{ id: line.id, unitPrice4: 10_000_000_000 }] });
    expect(amended.status).toBe(200);
    expect((await client.act("alice", order.id, "accept", { version: 2 })).status).toBe(200);
    expect((await client.act("alice", order.id, "ship", { version: 3 })).status).toBe(200);
    const res = await client.act("alice", order.id, "deliver", { version: 4, received: [{ lineId: line.id, quantity: 1_000_000 }] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual({ "received.0.quantity": expect.stringMatching(/line is too large/) });
    const after = await client.get("marc", order.id);
    expect(after.body).toMatchObject({ status: "SHIPPED", version: 4 });
    expect(await getDb().order.count({ where: { parentOrderId: order.id } })).toBe(0);
  });

  it("invoices, credits and pays a large order in one record each, up to the largest document", async () => {
    const order = await marcOrders();
    // One line of 10^11 cents (1,000,000,000.00): beyond the former 10,000,000.00 limit of a payment.
    const amended = await client.patch("alice", order.id, { version: 1, lines: fees(1, 1_000_000, 10_000_000), taxesEnabled: false });
    expect(amended.status).toBe(200);
    for (const [action, version] of [["accept", 2], ["ship", 3], ["deliver", 4]] as const) {
      expect((await client.act("alice", order.id, action, { version })).status).toBe(200);
    }
    const invoice = await client.call("alice", "POST", `/api/v1/orders/${order.id}/invoice`, { version: 5 });
    expect(invoice.status).toBe(201);
    expect(invoice.body.totalCents).toBe(100_000_000_000);

    const credit = await client.call("alice", "POST", `/api/v1/invoices/${invoice.body.id}/credit-notes`, { amountCents: 40_000_000_000, note: "Geste" });
    expect(credit.status).toBe(201);
    const payment = await client.call("alice", "POST", `/api/v1/invoices/${invoice.body.id}/payments`, { amountCents: 60_000_000_000, method: "TRANSFER" });
    expect(payment.status).toBe(201);
    const paid = await client.call("anna", "GET", `/api/v1/invoices/${invoice.body.id}`);
    expect(paid.body).toMatchObject({ status: "PAID", balanceCents: 0 });

    const beyond = await client.call("alice", "POST", `/api/v1/invoices/${invoice.body.id}/payments`, { amountCents: 1_000_000_000_001, method: "CASH" });
    expect(beyond.status).toBe(400);
    expect(Object.keys(beyond.body.error.details.fields)).toEqual(["amountCents"]);
  });
});

describe("taxes, deposits and the group discount on a buyer's order", () => {
  it("answers 403 when a retailer asks the API for an order without taxes, deposits or discount, and writes nothing", async () => {
    const db = getDb();
    const before = await db.order.count({ where: { buyerId: demo.org[MARTIN] } });
    for (const flag of ["taxesEnabled", "depositsEnabled", "applyGroupDiscount"]) {
      const res = await client.create("marc", {
        seller: demo.org[BRASSERIE],
        distribution: "SELF",
        deliveryDate: daysFromToday(3),
        lines: [{ formatId: bottle, quantity: 48 }],
        [flag]: false,
      });
      expect(res.status, flag).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
    expect(await db.order.count({ where: { buyerId: demo.org[MARTIN] } })).toBe(before);
  });

  it("still lets the seller side remove them, on creation and by amendment", async () => {
    const order = await placed(client, "sam", {
      buyer: demo.org[MARTIN],
      distribution: "SELF",
      deliveryDate: daysFromToday(3),
      lines: [{ formatId: bottle, quantity: 48 }],
      taxesEnabled: false,
    });
    expect(order).toMatchObject({ taxesEnabled: false, taxCents: 0 });
    const withTaxes = await marcOrders();
    const amended = await client.patch("sam", withTaxes.id, { version: 1, depositsEnabled: false });
    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({ depositsEnabled: false, depositCents: 0 });
  });

  it("hides the switches from a retailer's new-order form, and a post without them still carries taxes and deposits", async () => {
    const marc = await new PageClient(server).login("marc@martin.test");
    const form = await marc.get(`/o/${MARTIN}/orders/new`);
    expect(form.status).toBe(200);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(form.html)![1];
    const relation = /name="relation" value="([^"]+)"/.exec(form.html)![1];
    expect(form.html).not.toContain('name="taxesEnabled"');
    expect(form.html).not.toContain('name="depositsEnabled"');
    expect(form.html).not.toContain('name="applyGroupDiscount"');

    // An unchecked box is an absent field: the post of order 163, made without VAT.
    const res = await marc.post(`/o/${MARTIN}/orders/new`, {
      relation,
      idempotencyKey: key,
      intent: "place",
      [`qty.${bottle}`]: "24",
      distribution: "SELF",
      deliveryDate: daysFromToday(2),
    });
    expect(res.status).toBe(302);
    const order = (await client.get("marc", res.location!.split("/").pop()!)).body;
    expect(order).toMatchObject({ taxesEnabled: true, depositsEnabled: true });
    expect(order.taxCents).toBeGreaterThan(0);
    expect(order.depositCents).toBeGreaterThan(0);
    expect(order.lines[0].discountBps).toBe(500);

    // The producer's form keeps them.
    const alice = await new PageClient(server).login("alice@brasserie.test");
    const producerForm = await alice.get(`/o/${BRASSERIE}/orders/new?relation=${relation}`);
    expect(producerForm.status).toBe(200);
    expect(producerForm.html).toContain('name="taxesEnabled"');
  });
});

describe("Idempotency-Key on credit notes and payments", () => {
  const counts = async (invoiceId: string) => {
    const db = getDb();
    return {
      creditNotes: await db.creditNote.count({ where: { invoiceId } }),
      payments: await db.paymentAllocation.count({ where: { invoiceId } }),
    };
  };

  it("makes one payment and one credit note for 5 parallel requests with one key, every answer the same record", async () => {
    const invoice = await invoiceOf();
    const pay = () =>
      client.call("anna", "POST", `/api/v1/invoices/${invoice.id}/payments`, { amountCents: 1000, method: "TRANSFER", reference: "VIR 1" }, { "Idempotency-Key": "bank-import-1" });
    const payments = await Promise.all(Array.from({ length: 5 }, pay));
    expect(payments.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(payments.map((r) => r.body.id)).size).toBe(1);
    expect(payments[4].body).toMatchObject({ invoiceId: invoice.id, amountCents: 1000, method: "TRANSFER", reference: "VIR 1" });

    const credit = () =>
      client.call("anna", "POST", `/api/v1/invoices/${invoice.id}/credit-notes`, { amountCents: 500, note: "Casse" }, { "Idempotency-Key": "credit-1" });
    const credits = await Promise.all(Array.from({ length: 5 }, credit));
    expect(credits.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(credits.map((r) => r.body.id)).size).toBe(1);
    expect(await counts(invoice.id)).toEqual({ creditNotes: 1, payments: 1 });

    // A later retry returns the first record too; another key is another record.
    const retry = await pay();
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(payments[0].body.id);
    const other = await client.call("anna", "POST", `/api/v1/invoices/${invoice.id}/payments`, { amountCents: 1000, method: "TRANSFER" }, { "Idempotency-Key": "bank-import-2" });
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(payments[0].body.id);
    const after = (await client.call("anna", "GET", `/api/v1/invoices/${invoice.id}`)).body;
    expect(after).toMatchObject({ paidCents: 2000, creditedCents: 500, balanceCents: invoice.totalCents - 2500 });
  });

  it("returns the payment that settled the invoice to a retry, not a 409", async () => {
    const invoice = await invoiceOf();
    const body = { amountCents: invoice.totalCents, method: "CHEQUE" };
    const first = await client.call("anna", "POST", `/api/v1/invoices/${invoice.id}/payments`, body, { "Idempotency-Key": "settle-1" });
    expect(first.status).toBe(201);
    const retry = await client.call("anna", "POST", `/api/v1/invoices/${invoice.id}/payments`, body, { "Idempotency-Key": "settle-1" });
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(await counts(invoice.id)).toEqual({ creditNotes: 0, payments: 1 });
  });

  it("answers 400 naming the header when a key is reused on another invoice, or is over-long", async () => {
    const [a, b] = [await invoiceOf(), await invoiceOf()];
    const first = await client.call("anna", "POST", `/api/v1/invoices/${a.id}/credit-notes`, { amountCents: 100, note: "x" }, { "Idempotency-Key": "once" });
    expect(first.status).toBe(201);
    const elsewhere = await client.call("anna", "POST", `/api/v1/invoices/${b.id}/credit-notes`, { amountCents: 100, note: "x" }, { "Idempotency-Key": "once" });
    expect(elsewhere.status).toBe(400);
    expect(Object.keys(elsewhere.body.error.details.fields)).toEqual(["Idempotency-Key"]);
    const long = await client.call("anna", "POST", `/api/v1/invoices/${b.id}/payments`, { amountCents: 100, method: "CASH" }, { "Idempotency-Key": "k".repeat(300) });
    expect(long.status).toBe(400);
    expect(Object.keys(long.body.error.details.fields)).toEqual(["Idempotency-Key"]);
    expect(await counts(b.id)).toEqual({ creditNotes: 0, payments: 0 });
  });

  it("makes one record when the invoice page's payment or credit note form is posted twice", async () => {
    const invoice = await invoiceOf();
    const anna = await new PageClient(server).login("anna@brasserie.test");
    const page = `/o/${BRASSERIE}/invoices/${invoice.id}`;
    const html = (await anna.get(page)).html;
    const keys = [...html.matchAll(/name="idempotencyKey" value="([^"]+)"/g)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size).toBe(keys.length);

    const paymentKey = /name="idempotencyKey" value="([^"]+)"(?:(?!<\/form>)[\s\S])*name="intent" value="payment"/.exec(html)?.[1];
    const amountKey = /name="idempotencyKey" value="([^"]+)"(?:(?!<\/form>)[\s\S])*name="intent" value="credit-amount"/.exec(html)?.[1];
    expect(paymentKey).toBeTruthy();
    expect(amountKey).toBeTruthy();
    const payment = { intent: "payment", idempotencyKey: paymentKey!, amount: "10,00", method: "CASH", reference: "", paidAt: daysFromToday(0) };
    const [p1, p2] = [await anna.post(page, payment), await anna.post(page, payment)];
    expect([p1.status, p2.status]).toEqual([302, 302]);
    const credit = { intent: "credit-amount", idempotencyKey: amountKey!, amount: "5,00", note: "Casse" };
    const [c1, c2] = [await anna.post(page, credit), await anna.post(page, credit)];
    expect([c1.status, c2.status]).toEqual([302, 302]);
    expect(await counts(invoice.id)).toEqual({ creditNotes: 1, payments: 1 });

    // The next render carries new keys: the next payment is a new one.
    const next = (await anna.get(page)).html;
    expect(next).not.toContain(paymentKey!);
  });
});

describe("money records that are idempotent by state", () => {
  it("publishes one invoice and cancels it once, however many identical requests arrive together", async () => {
    const order = await marcOrders();
    for (const [action, version] of [["accept", 1], ["ship", 2], ["deliver", 3]] as const) {
      expect((await client.act("alice", order.id, action, { version })).status).toBe(200);
    }
    const publish = () => client.call("alice", "POST", `/api/v1/orders/${order.id}/invoice`, { version: 4 });
    const published = await Promise.all(Array.from({ length: 5 }, publish));
    expect(published.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const invoice = published.find((r) => r.status === 201)!.body;

    const cancel = () => client.call("alice", "POST", `/api/v1/invoices/${invoice.id}/cancel`, { reason: "Erreur" });
    const cancelled = await Promise.all(Array.from({ length: 5 }, cancel));
    expect(cancelled.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const db = getDb();
    expect(await db.invoice.count({ where: { orderId: order.id } })).toBe(1);
    expect(await db.creditNote.count({ where: { invoiceId: invoice.id } })).toBe(1);
  });
});

describe("control characters in a search", () => {
  it("answers 400 naming `q` on every API search instead of the whole list", async () => {
    for (const q of ["%00", "%01", "Mar%00tin", "a%0Ab", "%7F", "%C2%85"]) {
      for (const path of [`/api/v1/orders?q=${q}`, `/api/v1/orders/export.csv?q=${q}`, `/api/v1/catalog?producer=${demo.org[BRASSERIE]}&q=${q}`]) {
        const res = await client.call("marc", "GET", path);
        expect(res.status, `${path}`).toBe(400);
        expect(res.body.error.code).toBe("validation_failed");
        expect(Object.keys(res.body.error.details.fields)).toEqual(["q"]);
      }
    }
    // A search without them still finds, and a blank one is no search.
    await marcOrders();
    const found = await client.list("alice", { q: "  Martin " });
    expect(found.status).toBe(200);
    expect(found.body.orders.length).toBeGreaterThan(0);
    expect(found.body.orders.every((o: any) => o.buyer.name === "Épicerie Martin")).toBe(true);
    expect((await client.list("alice", { q: "   " })).status).toBe(200);
  });

  it("shows the order list's and the catalog's error state, not the whole list, on the pages", async () => {
    await marcOrders();
    const marc = await new PageClient(server).login("marc@martin.test");
    const list = await marc.get(`/o/${MARTIN}/orders?q=%00`);
    expect(list.status).toBe(400);
    expect(list.html).not.toMatch(/href="\/o\/epicerie-martin\/orders\/[a-z0-9]{20,}"/);
    expect(list.html).toContain("Une erreur est survenue");
    const normal = await marc.get(`/o/${MARTIN}/orders`);
    expect(normal.html).toMatch(/href="\/o\/epicerie-martin\/orders\/[a-z0-9]{20,}"/);

    const catalog = await marc.get(`/o/${MARTIN}/catalog/${demo.org[BRASSERIE]}?q=%00`);
    expect(catalog.status).toBe(400);
    expect(catalog.html).not.toContain("Blonde du Pont");
    expect((await marc.get(`/o/${MARTIN}/catalog/${demo.org[BRASSERIE]}`)).html).toContain("Blonde du Pont");
  });
});
