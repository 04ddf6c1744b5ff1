// Periodic invoicing through the JSON API: a customer's billing period, one invoice for every delivered
// order of the period not yet invoiced (consecutive number, hash chain, InvoiceOrder, every order
// INVOICED), never an order on two invoices (a second run, concurrent runs, an order invoiced alone),
// cancellation freeing the orders, a credit note and a payment on it, its PDF, no automatic invoice at
// delivery for weekly and monthly customers, and the retailer's invoices by year.
import { beforeAll, describe, expect, it } from "vitest";
import { verifyLedger } from "~/modules/invoice/ledger.server";
import { getDb } from "~/utils/db.server";
import { createBakeryCustomer, createBakeryProducer, type BakeryFormat } from "../factories/bakery";
import { createUser } from "../factories/index";
import { api, apiToken, PageClient, useTestServer, type TestServer } from "../setup/http";
import { insertOrder } from "../setup/insert-order";
import { pdfText } from "../setup/pdf-text";

let server: TestServer;
let formats: BakeryFormat[] = [];
let bakery: Awaited<ReturnType<typeof createBakeryProducer>>;
const customers: Record<string, Awaited<ReturnType<typeof createBakeryCustomer>>> = {};
const tokens: Record<string, string> = {};

const NOVEMBER = { from: "2026-11-01", to: "2026-11-30" };

async function delivered(customer: keyof typeof customers, deliveryDate: string, quantities: number[] = [10, 4]) {
  return insertOrder({
    seller: bakery.producer.slug,
    buyer: customers[customer].org.slug,
    createdBy: customers[customer].user.email,
    status: "DELIVERED",
    deliveryDate,
    lines: quantities.map((quantity, i) => ({
      formatId: formats[i].id,
      description: `${formats[i].productName} — ${formats[i].name}`,
      quantity,
      unitPrice4: formats[i].unitPrice4,
      taxRateBps: 550,
    })),
  });
}

const as = (who: string) => ({
  get: (path: string) => api(server, "GET", path, { token: tokens[who] }),
  post: (path: string, body: unknown) => api(server, "POST", path, { token: tokens[who], body }),
  put: (path: string, body: unknown) => api(server, "PUT", path, { token: tokens[who], body }),
});

async function statusOf(orderId: string) {
  return (await getDb().order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true } })).status;
}

beforeAll(async () => {
  server = await useTestServer();
  bakery = await createBakeryProducer({ name: "Boulangerie Factures", members: [{ role: "OWNER", name: "Bruno" }, { role: "STAFF", name: "Sam" }] });
  formats = bakery.formats;
  customers.Monthly = await createBakeryCustomer(bakery.producer.id, { name: "Café Mensuel", billingPeriod: "MONTHLY" });
  customers.Weekly = await createBakeryCustomer(bakery.producer.id, { name: "Hôtel Hebdo", billingPeriod: "WEEKLY" });
  customers.Each = await createBakeryCustomer(bakery.producer.id, { name: "Épicerie Chaque" });
  customers.Race = await createBakeryCustomer(bakery.producer.id, { name: "Resto Course", billingPeriod: "MONTHLY" });
  for (const [role, name] of [["ACCOUNTANT", "acc"], ["STAFF", "staff"]] as const) {
    const user = await createUser({ name });
    await getDb().membership.create({ data: { userId: user.id, organizationId: customers.Monthly.org.id, role } });
    tokens[`monthly-${name}`] = await apiToken(server, user.email, customers.Monthly.org.slug);
    tokens[`monthly-${name}-email`] = user.email;
  }
  tokens.bruno = await apiToken(server, bakery.users[0].user.email, bakery.producer.slug);
  tokens.sam = await apiToken(server, bakery.users[1].user.email, bakery.producer.slug);
  tokens.monthly = await apiToken(server, customers.Monthly.user.email, customers.Monthly.org.slug);
});

describe("the periods of a billing period", () => {
  it("list each customer with its billing period and the period's delivered orders not invoiced", async () => {
    const orders = [await delivered("Monthly", "2026-11-03"), await delivered("Monthly", "2026-11-10", [5]), await delivered("Monthly", "2026-11-24", [2, 2])];
    await delivered("Monthly", "2026-12-01"); // another month
    await insertOrder({ seller: bakery.producer.slug, buyer: customers.Monthly.org.slug, createdBy: customers.Monthly.user.email, status: "SHIPPED", deliveryDate: "2026-11-26", lines: [{ description: "x", quantity: 1, unitPrice4: 10_000 }] });
    const res = await as("bruno").get("/api/v1/invoicing/periods?period=MONTHLY&date=2026-11-15");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ period: "MONTHLY", from: "2026-11-01", to: "2026-11-30", label: "2026-11" });
    const monthly = res.body.customers.find((c: any) => c.customer.name === "Café Mensuel");
    expect(monthly).toMatchObject({ billingPeriod: "MONTHLY", orderCount: 3, totalCents: orders.reduce((sum, o) => sum + o.totalCents, 0) });
    expect(monthly.orders.map((o: any) => o.deliveryDate)).toEqual(["2026-11-03", "2026-11-10", "2026-11-24"]);
    expect(res.body.customers.find((c: any) => c.customer.name === "Hôtel Hebdo")).toMatchObject({ billingPeriod: "WEEKLY", orderCount: 0, totalCents: 0 });

    const week = await as("bruno").get("/api/v1/invoicing/periods?period=WEEKLY&date=2026-12-31");
    expect(week.body).toMatchObject({ from: "2026-12-28", to: "2027-01-03", label: "2026-W53" });
  });

  it("are the producer's: the retailer and the producer's staff get 403, a bad period 400", async () => {
    expect((await as("monthly").get("/api/v1/invoicing/periods")).status).toBe(403);
    expect((await as("sam").get("/api/v1/invoicing/periods")).status).toBe(403);
    const bad = await as("bruno").get("/api/v1/invoicing/periods?period=YEARLY&date=2026-13-01");
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(["date", "period"]);
  });
});

describe("invoicing a period", () => {
  let invoiceId = "";

  it("makes one invoice of the monthly customer's 3 orders, numbered after the previous invoice, chained, every order INVOICED", async () => {
    const alone = await delivered("Each", "2026-11-05", [1]);
    const single = await as("bruno").post(`/api/v1/orders/${alone.id}/invoice`, { version: alone.version });
    expect(single.status).toBe(201);
    // The single-order path lists its order too.
    expect(await getDb().invoiceOrder.findMany({ where: { invoiceId: single.body.id }, select: { orderId: true, position: true } })).toEqual([{ orderId: alone.id, position: 0 }]);

    const res = await as("bruno").post("/api/v1/invoicing/periods/invoice", { relations: [customers.Monthly.relation.id], ...NOVEMBER });
    expect(res.status).toBe(200);
    expect(res.body.skipped).toEqual([]);
    expect(res.body.invoices).toHaveLength(1);
    const made = res.body.invoices[0];
    expect(made.customer).toEqual({ id: customers.Monthly.org.id, name: "Café Mensuel" });
    expect(made.orders.map((o: any) => o.deliveryDate)).toEqual(["2026-11-03", "2026-11-10", "2026-11-24"]);
    const sequence = (n: string) => Number(n.slice(-6));
    expect(sequence(made.number)).toBe(sequence(single.body.number) + 1);
    invoiceId = made.id;

    const rows = await getDb().invoiceOrder.findMany({ where: { invoiceId }, orderBy: { position: "asc" } });
    expect(rows.map((r) => [r.orderId, r.position])).toEqual(made.orders.map((o: any, i: number) => [o.id, i]));
    for (const o of made.orders) expect(await statusOf(o.id)).toBe("INVOICED");

    const invoice = (await as("bruno").get(`/api/v1/invoices/${invoiceId}`)).body;
    expect(invoice).toMatchObject({ status: "ISSUED", orderId: made.orders[0].id, totalCents: made.totalCents, balanceCents: made.totalCents });
    expect(made.totalCents).toBe(made.orders.reduce((sum: number, o: any) => sum + o.totalCents, 0));
    expect(invoice.lines).toHaveLength(5);
    expect(invoice.lines[0].description).toBe(`Livraison du 03/11/2026 — commande n° ${made.orders[0].number} : Baguette — Pièce`);
    expect(invoice.lines[2].description).toContain(`commande n° ${made.orders[1].number}`);
    // Every order's page shows the invoice, not only the first one's.
    const third = (await as("monthly").get(`/api/v1/orders/${made.orders[2].id}`)).body;
    expect(third).toMatchObject({ status: "INVOICED", invoice: { id: invoiceId, number: made.number } });
    const listed = (await as("monthly").get(`/api/v1/orders?status=INVOICED`)).body.orders.filter((o: any) => made.orders.some((m: any) => m.id === o.id));
    expect(listed.map((o: any) => o.invoice?.number)).toEqual([made.number, made.number, made.number]);
    const documents = await (await new PageClient(server).login(customers.Monthly.user.email)).get(`/o/${customers.Monthly.org.slug}/orders/${made.orders[2].id}/documents`);
    expect(documents.status).toBe(200);
    expect(documents.html).toContain(made.number);
    const invoicePage = await (await new PageClient(server).login(customers.Monthly.user.email)).get(`/o/${customers.Monthly.org.slug}/invoices/${invoiceId}`);
    expect(invoicePage.status).toBe(200);
    expect(invoicePage.html).toContain("Commandes facturées :");
    for (const o of made.orders) expect(invoicePage.html).toContain(`/orders/${o.id}"`);
    expect((await verifyLedger(getDb())).broken).toBeNull();
    // The orders covered are part of the hashed content: taking one off the invoice breaks the chain there.
    const taken = rows[1];
    await getDb().invoiceOrder.delete({ where: { invoiceId_orderId: { invoiceId, orderId: taken.orderId } } });
    expect((await verifyLedger(getDb())).broken).toMatchObject({ number: made.number, problem: expect.stringContaining("content differs") });
    await getDb().invoiceOrder.create({ data: taken });
    expect((await verifyLedger(getDb())).broken).toBeNull();
  });

  it("finds nothing left on a second run, and refuses to invoice one of its orders again (409)", async () => {
    const again = await as("bruno").post("/api/v1/invoicing/periods/invoice", { relations: [customers.Monthly.relation.id], ...NOVEMBER });
    expect(again.status).toBe(200);
    expect(again.body.invoices).toEqual([]);
    expect(again.body.skipped).toMatchObject([{ relationId: customers.Monthly.relation.id, reason: "nothing_to_invoice" }]);
    const covered = await getDb().invoiceOrder.findFirstOrThrow({ where: { invoiceId, position: 1 } });
    const order = await getDb().order.findUniqueOrThrow({ where: { id: covered.orderId } });
    const res = await as("bruno").post(`/api/v1/orders/${order.id}/invoice`, { version: order.version });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("invalid_transition");
    const periods = await as("bruno").get("/api/v1/invoicing/periods?period=MONTHLY&date=2026-11-15");
    expect(periods.body.customers.find((c: any) => c.relationId === customers.Monthly.relation.id).orderCount).toBe(0);
  });

  it("leaves out an order already invoiced alone, and makes a weekly customer's invoice for its week", async () => {
    const [a, b, c] = [await delivered("Weekly", "2026-11-09"), await delivered("Weekly", "2026-11-11"), await delivered("Weekly", "2026-11-15")];
    await delivered("Weekly", "2026-11-16"); // the next week
    expect((await as("bruno").post(`/api/v1/orders/${b.id}/invoice`, { version: b.version })).status).toBe(201);
    const res = await as("bruno").post("/api/v1/invoicing/periods/invoice", { from: "2026-11-09", to: "2026-11-15" });
    expect(res.status).toBe(200);
    // Without `relations`: the weekly and monthly customers with something to invoice (not Épicerie Chaque, per delivery).
    expect(res.body.invoices.map((i: any) => [i.customer.name, i.orders.map((o: any) => o.id)])).toEqual([["Hôtel Hebdo", [a.id, c.id]]]);
    expect(res.body.skipped).toEqual([]);

    // Even an order whose status says DELIVERED is refused while a live invoice covers it.
    await getDb().order.update({ where: { id: c.id }, data: { status: "DELIVERED" } });
    const order = await getDb().order.findUniqueOrThrow({ where: { id: c.id } });
    const twice = await as("bruno").post(`/api/v1/orders/${c.id}/invoice`, { version: order.version });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: "invalid_transition", message: "An order is already on another invoice.", details: { number: res.body.invoices[0].number } });
    const rerun = await as("bruno").post("/api/v1/invoicing/periods/invoice", { relations: [customers.Weekly.relation.id], from: "2026-11-09", to: "2026-11-15" });
    expect(rerun.body).toMatchObject({ invoices: [], skipped: [{ reason: "nothing_to_invoice" }] });
    await getDb().order.update({ where: { id: c.id }, data: { status: "INVOICED" } });
  });

  it("gives a customer invoiced per delivery one invoice per order when it is chosen", async () => {
    const [a, b] = [await delivered("Each", "2026-11-17", [2]), await delivered("Each", "2026-11-18", [3])];
    const res = await as("bruno").post("/api/v1/invoicing/periods/invoice", { relations: [customers.Each.relation.id], from: "2026-11-16", to: "2026-11-22" });
    expect(res.body.invoices.map((i: any) => i.orders.map((o: any) => o.id))).toEqual([[a.id], [b.id]]);
    expect(res.body.invoices.map((i: any) => i.totalCents)).toEqual([a.totalCents, b.totalCents]);
  });

  it("never puts an order on two invoices when two runs race", async () => {
    const orders = [await delivered("Race", "2026-11-02"), await delivered("Race", "2026-11-20")];
    const body = { relations: [customers.Race.relation.id], ...NOVEMBER };
    const runs = await Promise.all([as("bruno").post("/api/v1/invoicing/periods/invoice", body), as("bruno").post("/api/v1/invoicing/periods/invoice", body), as("bruno").post(`/api/v1/orders/${orders[0].id}/invoice`, { version: orders[0].version })]);
    // Whatever the order they ran in: one run invoices what is left, the other finds nothing.
    const made = runs.slice(0, 2).flatMap((r) => r.body.invoices);
    expect(made).toHaveLength(1);
    expect(runs.slice(0, 2).flatMap((r) => r.body.skipped.map((s: any) => s.reason))).toEqual(["nothing_to_invoice"]);
    expect([201, 409]).toContain(runs[2].status);
    expect(made[0].orders.map((o: any) => o.id)).toEqual(runs[2].status === 201 ? [orders[1].id] : orders.map((o) => o.id));
    for (const o of orders) {
      const live = await getDb().invoiceOrder.count({ where: { orderId: o.id, invoice: { status: { not: "CANCELLED" } } } });
      expect(live).toBe(1);
      expect(await statusOf(o.id)).toBe("INVOICED");
    }
    expect((await verifyLedger(getDb())).broken).toBeNull();
  });

  it("reports an unknown relation as skipped", async () => {
    const res = await as("bruno").post("/api/v1/invoicing/periods/invoice", { relations: ["nope"], ...NOVEMBER });
    expect(res.body.skipped).toMatchObject([{ relationId: "nope", customer: null, reason: "not_found" }]);
    const bad = await as("bruno").post("/api/v1/invoicing/periods/invoice", { from: "2026-11-30", to: "2026-11-01" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toEqual({ to: "The last day must be on or after the first." });
  });

  it("prints every order covered on the invoice PDF", async () => {
    const made = await getDb().invoice.findUniqueOrThrow({ where: { id: invoiceId } });
    const res = await fetch(`${server.baseUrl}/api/v1/invoices/${invoiceId}/invoice.pdf`, { headers: { Authorization: `Bearer ${tokens.bruno}` } });
    expect(res.status).toBe(200);
    const text = pdfText(new Uint8Array(await res.arrayBuffer()));
    const covered = await getDb().invoiceOrder.findMany({ where: { invoiceId }, orderBy: { position: "asc" } });
    const numbers = await Promise.all(covered.map(async (c) => (await getDb().order.findUniqueOrThrow({ where: { id: c.orderId } })).number));
    expect(text).toContain(`Facture ${made.number}`);
    expect(text).toContain("COMMANDES FACTURÉES");
    expect(text).toContain(`Commande n° ${numbers[0]} – livraison du 3 novembre 2026`);
    expect(text).toContain(`Commande n° ${numbers[1]} – livraison du 10 novembre 2026`);
    expect(text).toContain(`Commande n° ${numbers[2]} – livraison du 24 novembre 2026`);
  });

  it("frees its orders when cancelled; the next invoice takes a credit note and a payment, then every order is PAID", async () => {
    const covered = (await getDb().invoiceOrder.findMany({ where: { invoiceId }, orderBy: { position: "asc" } })).map((c) => c.orderId);
    const cancelled = await as("bruno").post(`/api/v1/invoices/${invoiceId}/cancel`, { reason: "Mauvais mois" });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("CANCELLED");
    for (const id of covered) expect(await statusOf(id)).toBe("DELIVERED");

    const res = await as("bruno").post("/api/v1/invoicing/periods/invoice", { relations: [customers.Monthly.relation.id], ...NOVEMBER });
    const again = res.body.invoices[0];
    expect(again.orders.map((o: any) => o.id)).toEqual(covered);
    const invoice = (await as("bruno").get(`/api/v1/invoices/${again.id}`)).body;
    const line = invoice.lines[1];
    const credit = await as("bruno").post(`/api/v1/invoices/${again.id}/credit-notes`, { lines: [{ lineId: line.id, quantity: 1 }], note: "Un pain manquant" });
    expect(credit.status).toBe(201);
    expect(credit.body.totalCents).toBeGreaterThan(0);
    const rest = invoice.totalCents - credit.body.totalCents;
    const payment = await as("bruno").post(`/api/v1/invoices/${again.id}/payments`, { amountCents: rest, method: "TRANSFER" });
    expect(payment.status).toBe(201);
    const paid = (await as("bruno").get(`/api/v1/invoices/${again.id}`)).body;
    expect(paid).toMatchObject({ status: "PAID", balanceCents: 0, creditedCents: credit.body.totalCents, paidCents: rest });
    for (const id of covered) expect(await statusOf(id)).toBe("PAID");
    expect((await verifyLedger(getDb())).broken).toBeNull();
  });
});

describe("billing period of a customer", () => {
  it("is set by the producer; the retailer gets 403, another producer's relation 404, a wrong value 400", async () => {
    const path = `/api/v1/relations/${customers.Each.relation.id}/billing-period`;
    const res = await as("bruno").put(path, { billingPeriod: "WEEKLY" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ relationId: customers.Each.relation.id, customer: { id: customers.Each.org.id, name: "Épicerie Chaque" }, billingPeriod: "WEEKLY" });
    expect((await getDb().relation.findUniqueOrThrow({ where: { id: customers.Each.relation.id } })).billingPeriod).toBe("WEEKLY");
    expect((await as("monthly").put(path, { billingPeriod: "MONTHLY" })).status).toBe(403);
    expect((await as("bruno").put(path, { billingPeriod: "YEARLY" })).status).toBe(400);
    const other = await createBakeryProducer({ name: "Autre boulangerie" });
    const stranger = await createBakeryCustomer(other.producer.id, { name: "Ailleurs" });
    expect((await as("bruno").put(`/api/v1/relations/${stranger.relation.id}/billing-period`, { billingPeriod: "MONTHLY" })).status).toBe(404);
    await as("bruno").put(path, { billingPeriod: "PER_DELIVERY" });
  });

  it("keeps weekly and monthly orders out of the automatic invoice at delivery", async () => {
    await getDb().organization.update({ where: { id: bakery.producer.id }, data: { autoInvoiceOnDelivery: true } });
    try {
      const shipped = async (customer: string) =>
        insertOrder({ seller: bakery.producer.slug, buyer: customers[customer].org.slug, createdBy: customers[customer].user.email, status: "SHIPPED", deliveryDate: "2026-12-03", lines: [{ description: "Baguette", quantity: 3, unitPrice4: 11_000 }] });
      const monthly = await shipped("Monthly");
      const each = await shipped("Each");
      const m = await as("bruno").post(`/api/v1/orders/${monthly.id}/deliver`, { version: monthly.version });
      const e = await as("bruno").post(`/api/v1/orders/${each.id}/deliver`, { version: each.version });
      expect([m.status, m.body.status, m.body.invoice]).toEqual([200, "DELIVERED", null]);
      expect([e.status, e.body.status]).toEqual([200, "INVOICED"]);
    } finally {
      await getDb().organization.update({ where: { id: bakery.producer.id }, data: { autoInvoiceOnDelivery: false } });
    }
  });
});

describe("the pages", () => {
  it("let the producer see a period, invoice the selected customers and read the report, and set a billing period", async () => {
    customers.Page = await createBakeryCustomer(bakery.producer.id, { name: "Brasserie Page", billingPeriod: "MONTHLY" });
    const orders = [await delivered("Page", "2026-10-05"), await delivered("Page", "2026-10-19", [3])];
    const page = await new PageClient(server).login(bakery.users[0].user.email);
    const path = `/o/${bakery.producer.slug}/bakery/invoicing?period=MONTHLY&date=2026-10-10`;
    const shown = await page.get(path);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain("Facturation périodique");
    expect(shown.html).toContain("Brasserie Page");
    expect(shown.html).toMatch(/2026-10 : du .*1 oct\. 2026.* au .*31 oct\. 2026/);

    const empty = await page.post(path, { intent: "invoice", from: "2026-10-01", to: "2026-10-31" });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain("Sélectionnez au moins un client.");

    const made = await page.post(path, { intent: "invoice", relations: customers.Page.relation.id, from: "2026-10-01", to: "2026-10-31" });
    expect(made.status).toBe(200);
    const invoice = await getDb().invoiceOrder.findFirstOrThrow({ where: { orderId: orders[0].id }, include: { invoice: true } });
    expect(made.html).toContain("Rapport de facturation");
    expect(made.html).toContain(invoice.invoice.number);
    expect(await getDb().invoiceOrder.count({ where: { invoiceId: invoice.invoiceId } })).toBe(2);

    const saved = await page.post(path, { intent: "billing", relationId: customers.Page.relation.id, billingPeriod: "WEEKLY" });
    expect(saved.status).toBe(302);
    expect((await getDb().relation.findUniqueOrThrow({ where: { id: customers.Page.relation.id } })).billingPeriod).toBe("WEEKLY");
  });

  it("show the retailer's accountant its invoices by year, with the orders covered; its staff gets 403", async () => {
    const accountant = await new PageClient(server).login(tokens["monthly-acc-email"]);
    const res = await accountant.get(`/o/${customers.Monthly.org.slug}/bakery/invoices`);
    expect(res.status).toBe(200);
    const live = await getDb().invoice.findMany({ where: { buyerId: customers.Monthly.org.id }, orderBy: { sequence: "asc" } });
    expect(live.length).toBeGreaterThanOrEqual(2);
    for (const invoice of live) expect(res.html).toContain(invoice.number);
    expect(res.html).toContain("Boulangerie Factures");
    expect(res.html).toContain(`/invoices/${live[0].id}/invoice.pdf`);
    expect(res.html).toContain(`<option value="${new Date().getFullYear()}"`);
    const older = await accountant.get(`/o/${customers.Monthly.org.slug}/bakery/invoices?year=2019`);
    expect(older.status).toBe(200);
    expect(older.html).toContain("Pas encore de factures");
    // In English for a user who reads English.
    await getDb().user.update({ where: { email: tokens["monthly-acc-email"] }, data: { locale: "en" } });
    const english = await (await new PageClient(server).login(tokens["monthly-acc-email"])).get(`/o/${customers.Monthly.org.slug}/bakery/invoices`);
    for (const text of ["Invoices by year", "Orders covered", "Supplier", live[0].number]) expect(english.html).toContain(text);

    const staff = await new PageClient(server).login(tokens["monthly-staff-email"]);
    expect((await staff.get(`/o/${customers.Monthly.org.slug}/bakery/invoices`)).status).toBe(403);
    const baker = await new PageClient(server).login(bakery.users[1].user.email);
    expect((await baker.get(`/o/${bakery.producer.slug}/bakery/invoicing`)).status).toBe(403);
  });
});
