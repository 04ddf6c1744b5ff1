// Receivables and payables: the ledger of one customer with the running balance (invoices +, credit
// notes −, payments −, a deleted payment reversed on the day it was deleted), ageing by days past due,
// filters, CSV, recording a payment from the ledger, who may see what, and the customers list.
import { beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "~/modules/org/access.server";
import { todayIso } from "~/modules/order/dates";
import { deletePayment } from "~/modules/payment/payments.server";
import { recordPaymentInTx } from "~/modules/payment/record-payment.server";
import { getDb } from "~/utils/db.server";
import { createMember, createOrganization, createRelation, createUser } from "../factories";
import { api, apiToken, PageClient, useTestServer, type TestServer } from "../setup/http";
import { insertCreditNote, insertInvoice } from "../setup/insert-invoice";
import { insertOrder } from "../setup/insert-order";

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

let server: TestServer;
const ids = { producer: "", retailer: "", rep: "", otherRetailer: "" };
const inv: Record<"old" | "mid" | "recent" | "paid" | "viaRep", { id: string; number: string; orderId: string; totalCents: number }> = {} as never;
let creditNoteId = "";
let paymentId = "";
let deletedPaymentId = "";
let token: Record<"owner" | "staff" | "retailerOwner" | "retailerAccountant" | "retailerStaff" | "rep", string>;

async function member(orgId: string, email: string, role: "OWNER" | "ACCOUNTANT" | "STAFF") {
  const user = await createUser({ email, name: email.split("@")[0] });
  await getDb().membership.create({ data: { userId: user.id, organizationId: orgId, role } });
  return user;
}

/** A published invoice: 10 × unitPrice at 20 % VAT, issued `issuedDaysAgo` days ago with `terms` days to pay. */
async function invoice(issuedDaysAgo: number, terms: number, unitPrice4: number, rep = false) {
  const order = await insertOrder({
    seller: "ledger-producer",
    buyer: "ledger-retailer",
    rep: rep ? "ledger-rep" : null,
    createdBy: "owner@ledger-retailer.test",
    status: "DELIVERED",
    lines: [{ description: "Café en grains", quantity: 10, unitPrice4, taxRateBps: 2000 }],
  });
  const row = await insertInvoice(order, { issuedAt: daysAgo(issuedDaysAgo), paymentTermsDays: terms, createdBy: "owner@ledger-producer.test" });
  return { id: row.id, number: row.number, orderId: row.orderId, totalCents: row.totalCents };
}

async function pay(invoiceId: string, amountCents: number, paidDaysAgo: number, reference: string) {
  const row = await getDb().invoice.findUniqueOrThrow({ where: { id: invoiceId } });
  const { id } = await getDb().$transaction((tx) =>
    recordPaymentInTx(tx, {
      sellerId: row.sellerId, buyerId: row.buyerId, amountCents, method: "TRANSFER", reference, paidAt: daysAgo(paidDaysAgo),
      source: "MANUAL", externalId: null, createdById: null, createdByOrgId: row.sellerId, allocations: [{ invoiceId, amountCents }],
    }),
  );
  return id;
}

beforeAll(async () => {
  server = await useTestServer();
  const { org: producer } = await createMember("PRODUCER", "OWNER", { email: "owner@ledger-producer.test", name: "Olive Owner" });
  await getDb().organization.update({ where: { id: producer.id }, data: { slug: "ledger-producer", name: "Torréfaction Ledger" } });
  const retailer = await createOrganization({ kind: "RETAILER", slug: "ledger-retailer", name: "Bar du Ledger" });
  const rep = await createOrganization({ kind: "REP_AGENCY", slug: "ledger-rep", name: "Reps du Ledger" });
  const other = await createOrganization({ kind: "RETAILER", slug: "ledger-other", name: "Autre Client" });
  Object.assign(ids, { producer: producer.id, retailer: retailer.id, rep: rep.id, otherRetailer: other.id });
  await member(producer.id, "staff@ledger-producer.test", "STAFF");
  await member(retailer.id, "owner@ledger-retailer.test", "OWNER");
  await member(retailer.id, "accountant@ledger-retailer.test", "ACCOUNTANT");
  await member(retailer.id, "staff@ledger-retailer.test", "STAFF");
  await member(rep.id, "owner@ledger-rep.test", "OWNER");
  await createRelation({ producerId: producer.id, partnerId: retailer.id, kind: "RETAIL", paymentTermsDays: 30, repId: rep.id });
  await createRelation({ producerId: producer.id, partnerId: rep.id, kind: "REPRESENTATION" });
  await createRelation({ producerId: producer.id, partnerId: other.id, kind: "RETAIL" });

  inv.paid = await invoice(200, 30, 1_0000); // 12.00, due 170 days ago, paid in full
  inv.old = await invoice(100, 30, 1_0000); // 12.00, due 70 days ago → 60–89
  inv.mid = await invoice(50, 15, 2_0000); // 24.00, due 35 days ago → 30–59
  inv.recent = await invoice(5, 30, 1_0000); // 12.00, not yet due → current
  inv.viaRep = await invoice(3, 30, 5_0000, true); // 60.00, an order the rep took part in → current
  await pay(inv.paid.id, 1200, 150, "VIR-PAID");
  creditNoteId = (await insertCreditNote(inv.mid.id, { amountCents: 400, note: "Casse", issuedAt: daysAgo(40) })).id;
  paymentId = await pay(inv.old.id, 200, 60, "CHQ-1");
  deletedPaymentId = await pay(inv.recent.id, 100, 2, "ERREUR");
  const alice = await getDb().user.findUniqueOrThrow({ where: { email: "owner@ledger-producer.test" } });
  await deletePayment(await loadActor(alice, "ledger-producer"), deletedPaymentId);

  token = {
    owner: await apiToken(server, "owner@ledger-producer.test", "ledger-producer"),
    staff: await apiToken(server, "staff@ledger-producer.test", "ledger-producer"),
    retailerOwner: await apiToken(server, "owner@ledger-retailer.test", "ledger-retailer"),
    retailerAccountant: await apiToken(server, "accountant@ledger-retailer.test", "ledger-retailer"),
    retailerStaff: await apiToken(server, "staff@ledger-retailer.test", "ledger-retailer"),
    rep: await apiToken(server, "owner@ledger-rep.test", "ledger-rep"),
  };
});

const ledger = (who: string, query: string) => api(server, "GET", `/api/v1/receivables?${query}`, { token: who });

describe("GET /api/v1/receivables", () => {
  it("lists every document in date order with the running balance and the ageing of open invoices", async () => {
    const res = await ledger(token.owner, `customer=${ids.retailer}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const rows = res.body.entries.map((e: any) => [e.type, e.number, e.amountCents, e.balanceCents]);
    expect(rows).toEqual([
      ["INVOICE", inv.paid.number, 1200, 1200],
      ["PAYMENT", "VIR-PAID", -1200, 0],
      ["INVOICE", inv.old.number, 1200, 1200],
      ["PAYMENT", "CHQ-1", -200, 1000],
      ["INVOICE", inv.mid.number, 2400, 3400],
      ["CREDIT_NOTE", expect.any(String), -400, 3000],
      ["INVOICE", inv.recent.number, 1200, 4200],
      ["INVOICE", inv.viaRep.number, 6000, 10200],
      ["PAYMENT", "ERREUR", -100, 10100],
      ["PAYMENT_REVERSAL", "ERREUR", 100, 10200],
    ]);
    const dates = res.body.entries.map((e: any) => Date.parse(e.date));
    expect([...dates].sort((a, b) => a - b)).toEqual(dates);
    expect(res.body.entries.find((e: any) => e.type === "CREDIT_NOTE")).toMatchObject({ id: creditNoteId, invoiceId: inv.mid.id });
    expect(res.body.entries.filter((e: any) => e.id === deletedPaymentId).map((e: any) => e.type)).toEqual(["PAYMENT", "PAYMENT_REVERSAL"]);
    expect(res.body.balanceCents).toBe(10200);
    expect(res.body.ageing).toEqual({ currentCents: 7200, d30Cents: 2000, d60Cents: 1000, d90Cents: 0 });
    expect(res.body.overdueCents).toBe(3000);
    expect(res.body.customer).toEqual({ id: ids.retailer, name: "Bar du Ledger" });
  });

  it("filters by type and dates without changing the balances", async () => {
    const payments = await ledger(token.owner, `customer=${ids.retailer}&type=PAYMENT`);
    expect(payments.body.entries.map((e: any) => [e.number, e.balanceCents])).toEqual([["VIR-PAID", 0], ["CHQ-1", 1000], ["ERREUR", 10100]]);
    const recent = await ledger(token.owner, `customer=${ids.retailer}&from=${todayIso(daysAgo(45))}&to=${todayIso(daysAgo(1))}`);
    expect(recent.body.openingBalanceCents).toBe(3400);
    // The deleted payment's reversal (today) is after the range; the payment itself (2 days ago) is in it.
    expect(recent.body.entries.map((e: any) => e.type)).toEqual(["CREDIT_NOTE", "INVOICE", "INVOICE", "PAYMENT"]);
    expect(recent.body.entries.at(-1).balanceCents).toBe(10100);
    expect(recent.body.balanceCents).toBe(10200);
  });

  it("answers 400 naming the field for bad filters", async () => {
    for (const [query, field] of [
      [`customer=${ids.retailer}&from=2026-02-30`, "from"],
      [`customer=${ids.retailer}&from=2026-03-10&to=2026-03-01`, "to"],
      [`customer=${ids.retailer}&type=REFUND`, "type"],
      [`customer=${ids.retailer}&supplier=${ids.producer}`, "customer"],
      ["", "customer"],
    ]) {
      const res = await ledger(token.owner, query);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
      expect(Object.keys(res.body.error.details.fields)).toContain(field);
    }
  });

  it("shows the retailer its payables to OWNER and ACCOUNTANT, never to STAFF", async () => {
    for (const who of [token.retailerOwner, token.retailerAccountant]) {
      const res = await ledger(who, `supplier=${ids.producer}`);
      expect(res.status).toBe(200);
      expect(res.body.balanceCents).toBe(10200);
      expect(res.body.seller).toEqual({ id: ids.producer, name: "Torréfaction Ledger" });
    }
    const staff = await ledger(token.retailerStaff, `supplier=${ids.producer}`);
    expect(staff.status).toBe(403);
    expect(staff.body.error.code).toBe("forbidden");
    // A retailer has no customers; the producer's STAFF may not read receivables.
    expect((await ledger(token.retailerOwner, `customer=${ids.producer}`)).status).toBe(404);
    expect((await ledger(token.staff, `customer=${ids.retailer}`)).status).toBe(403);
  });

  it("shows a rep agency only the invoices of the orders it took part in", async () => {
    const res = await ledger(token.rep, `customer=${ids.retailer}`);
    expect(res.status).toBe(200);
    expect(res.body.entries.map((e: any) => [e.type, e.number])).toEqual([["INVOICE", inv.viaRep.number]]);
    expect(res.body.balanceCents).toBe(6000);
  });

  it("answers 404 for an organization that is not a customer, and shows nothing of it", async () => {
    const bistro = await getDb().organization.findUniqueOrThrow({ where: { slug: "bistro-gare" } });
    const res = await ledger(token.owner, `customer=${bistro.id}`);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain("Bistro");
    const aurore = await getDb().organization.findUniqueOrThrow({ where: { slug: "boulangerie-aurore" } });
    expect((await ledger(token.retailerOwner, `supplier=${aurore.id}`)).status).toBe(404);
  });
});

describe("receivables pages", () => {
  let owner: PageClient;
  beforeAll(async () => {
    owner = await new PageClient(server).login("owner@ledger-producer.test");
  });

  it("lists the customers with an open balance, largest first", async () => {
    const res = await owner.data("/o/ledger-producer/receivables", "routes/o.$org.receivables._index");
    expect(res.status).toBe(200);
    expect(res.body.customers).toEqual([
      expect.objectContaining({ customer: { id: ids.retailer, name: "Bar du Ledger" }, openCents: 10200, overdueCents: 3000, openInvoices: 4 }),
    ]);
    const page = await owner.get("/o/ledger-producer/receivables");
    expect(page.html).toContain(`/o/ledger-producer/receivables/${ids.retailer}`);
  });

  it("shows an empty state when nobody owes anything", async () => {
    const { org } = await createMember("PRODUCER", "OWNER", { email: "owner@empty-producer.test" });
    const client = await new PageClient(server).login("owner@empty-producer.test");
    const slug = org.slug;
    const page = await client.get(`/o/${slug}/receivables`);
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/Aucun client ne vous doit rien|No customer owes you anything/);
  });

  it("shows the ledger with the ageing chart, the filters and the brought-forward balance", async () => {
    const url = `/o/ledger-producer/receivables/${ids.retailer}`;
    const page = await owner.get(url);
    expect(page.status).toBe(200);
    for (const bucket of ["currentCents", "d30Cents", "d60Cents", "d90Cents"]) expect(page.html).toContain(`data-bucket="${bucket}"`);
    expect(page.html).toContain(inv.mid.number);
    expect(page.html.match(/data-type="INVOICE"/g)).toHaveLength(5);
    const filtered = await owner.get(`${url}?type=INVOICE&from=${todayIso(daysAgo(60))}`);
    expect(filtered.html.match(/data-type="/g)).toHaveLength(3);
    expect(filtered.html).toMatch(/Solde reporté|Balance brought forward/);
  });

  it("exports the filtered ledger as CSV", async () => {
    const res = await owner.download(`/o/ledger-producer/receivables/${ids.retailer}/export.csv?type=INVOICE`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe("date,type,number,amount,balance,currency,due_date,status,method");
    expect(lines.slice(1).map((l) => l.split(",").slice(1, 5))).toEqual([
      ["INVOICE", inv.paid.number, "12.00", "12.00"],
      ["INVOICE", inv.old.number, "12.00", "12.00"],
      ["INVOICE", inv.mid.number, "24.00", "34.00"],
      ["INVOICE", inv.recent.number, "12.00", "42.00"],
      ["INVOICE", inv.viaRep.number, "60.00", "102.00"],
    ]);
  });

  it("records one payment over the open invoices, oldest due first", async () => {
    const url = `/o/ledger-producer/receivables/${ids.retailer}`;
    const bad = await owner.post(url, { amount: "abc", method: "TRANSFER" });
    expect(bad.status).toBe(400);
    const res = await owner.post(url, { amount: "15,00", method: "CHEQUE", reference: "CHQ-2", paidAt: "" });
    expect(res.status).toBe(302);
    const payment = await getDb().payment.findFirstOrThrow({ where: { reference: "CHQ-2" }, include: { allocations: true } });
    expect(payment.amountCents).toBe(1500);
    // The oldest due first: the rest of the old invoice (10.00), then 5.00 of the next one.
    expect(payment.allocations.map((a) => [a.invoiceId, a.amountCents]).sort()).toEqual([[inv.mid.id, 500], [inv.old.id, 1000]].sort());
    expect((await getDb().invoice.findUniqueOrThrow({ where: { id: inv.old.id } })).status).toBe("PAID");
    const after = await ledger(token.owner, `customer=${ids.retailer}`);
    expect(after.body.balanceCents).toBe(8700);
    // Leave the books as they were for the next tests.
    const me = await getDb().user.findUniqueOrThrow({ where: { email: "owner@ledger-producer.test" } });
    await deletePayment(await loadActor(me, "ledger-producer"), payment.id);
  });
});

describe("payables page", () => {
  it("shows the retailer's owner what it owes each supplier, and no pay button without Stripe", async () => {
    const client = await new PageClient(server).login("owner@ledger-retailer.test");
    const list = await client.data("/o/ledger-retailer/payables", "routes/o.$org.payables");
    expect(list.status).toBe(200);
    expect(list.body.balances).toEqual([expect.objectContaining({ seller: { id: ids.producer, name: "Torréfaction Ledger" }, openCents: 10200 })]);
    const page = await client.get(`/o/ledger-retailer/payables?supplier=${ids.producer}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(inv.recent.number);
    expect(page.html).not.toContain('name="invoiceIds"');
  });

  it("is closed to the retailer's STAFF (403)", async () => {
    const client = await new PageClient(server).login("staff@ledger-retailer.test");
    expect((await client.data("/o/ledger-retailer/payables", "routes/o.$org.payables")).status).toBe(403);
  });
});
