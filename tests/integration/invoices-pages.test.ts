// The invoice in the pages, with plain form posts (no JavaScript): publishing from the order page,
// the invoice page's forms (payment, credit notes with the proposal for short deliveries, deleting a
// payment, cancelling) with field errors in the user's language, the read-only view of the retailer's
// owner, 403 for its staff, and the producer's "invoice on delivery" setting.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { createOrderRecords, type OrderRecordInput } from "../factories/orders";
import { PageClient, useTestServer, type TestServer } from "../setup/http";
import { daysFromToday, loadDemo, type Demo } from "../setup/orders-api";

let server: TestServer;
let demo: Demo;
let alice: PageClient;
let bottle: string;
let keg: string;
const base = "/o/brasserie-du-pont";
const INVOICE_ROUTE = "routes/o.$org.invoices.$invoiceId";

beforeAll(async () => {
  server = await useTestServer();
  demo = await loadDemo();
  bottle = demo.format("BDP-BLO", "Bouteille 33 cl");
  keg = demo.format("BDP-AMB", "Fût 30 L");
  alice = await new PageClient(server).login("alice@brasserie.test");
});

async function deliveredOrder(lines: OrderRecordInput["lines"] = [{ format: bottle, quantity: 24, receivedQuantity: 20 }, { format: keg, quantity: 2 }]) {
  const [order] = await createOrderRecords(getDb(), [
    { sellerId: demo.org["brasserie-du-pont"], buyerId: demo.org["epicerie-martin"], status: "DELIVERED", distribution: "DISTRIBUTOR", deliveryDate: daysFromToday(-1), lines },
  ]);
  return order;
}

/** Publishes from the order page; returns the invoice. */
async function publishFromPage(order: { id: string; version?: number }) {
  const res = await alice.post(`${base}/orders/${order.id}`, { intent: "publish-invoice", version: String(order.version ?? 1) });
  expect(res.status).toBe(302);
  return getDb().invoice.findFirstOrThrow({ where: { orderId: order.id, status: { not: "CANCELLED" } } });
}

describe("the order page", () => {
  it("offers to publish the invoice of a delivered order, then shows its summary with a link", async () => {
    const order = await deliveredOrder();
    const before = await alice.get(`${base}/orders/${order.id}`);
    expect(before.html).toContain("Publier la facture");
    expect(before.html).toContain('value="publish-invoice"');

    const invoice = await publishFromPage(order);
    expect(invoice.number).toMatch(/^F-\d{4}-\d{6}$/);
    const after = await alice.get(`${base}/orders/${order.id}`);
    expect(after.html).toContain(invoice.number);
    expect(after.html).toContain(`${base}/invoices/${invoice.id}`);
    expect(after.html).not.toContain('value="publish-invoice"');

    // A stale version comes back as the conflict message, nothing published twice.
    const stale = await alice.post(`${base}/orders/${order.id}`, { intent: "publish-invoice", version: "1" });
    expect(stale.status).toBe(409);
    expect(await getDb().invoice.count({ where: { orderId: order.id } })).toBe(1);
  });

  it("shows no publish button to the sales person or the retailer", async () => {
    const order = await deliveredOrder();
    const sam = await new PageClient(server).login("sam@brasserie.test");
    expect((await sam.get(`${base}/orders/${order.id}`)).html).not.toContain('value="publish-invoice"');
    const marc = await new PageClient(server).login("marc@martin.test");
    expect((await marc.get(`/o/epicerie-martin/orders/${order.id}`)).html).not.toContain('value="publish-invoice"');
  });
});

describe("the invoice page", () => {
  it("shows the frozen invoice and proposes the credit note of the short delivery, prefilled", async () => {
    const order = await deliveredOrder();
    const invoice = await publishFromPage(order);
    const page = await alice.get(`${base}/invoices/${invoice.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`Facture ${invoice.number}`);
    expect(page.html).toContain("Épicerie Martin");
    expect(page.html).toContain("Aucune note de crédit pour cette facture.");
    expect(page.html).toContain("Aucun paiement enregistré.");
    const data = (await alice.data(`${base}/invoices/${invoice.id}`, INVOICE_ROUTE)).body;
    const bottles = data.invoice.lines.find((l: any) => l.formatId === bottle);
    expect(data.proposal.lines).toEqual([expect.objectContaining({ lineId: bottles.id, quantity: 4 })]);
    // The proposal prefills the form's quantity.
    expect(page.html).toMatch(new RegExp(`name="credit\\.${bottles.id}"[^>]*value="4"`));

    const issued = await alice.post(`${base}/invoices/${invoice.id}`, { intent: "credit-lines", [`credit.${bottles.id}`]: "4", note: "Livraison incomplète" });
    expect(issued.status).toBe(302);
    const after = (await alice.data(`${base}/invoices/${invoice.id}`, INVOICE_ROUTE)).body;
    expect(after.invoice.creditNotes).toEqual([expect.objectContaining({ kind: "LINES", note: "Livraison incomplète" })]);
    expect(after.proposal).toBeNull();
  });

  it("records payments with field errors in the user's language, then PAID; deleting a payment reopens it", async () => {
    const order = await deliveredOrder([{ format: bottle, quantity: 6 }]);
    const invoice = await publishFromPage(order);
    const url = `${base}/invoices/${invoice.id}`;

    const bad = await alice.post(url, { intent: "payment", amount: "douze", method: "CASH", reference: "", paidAt: daysFromToday(0) });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("Saisissez un montant comme 12,50.");
    const tooMuch = await alice.post(url, { intent: "payment", amount: String((invoice.totalCents + 100) / 100).replace(".", ","), method: "CASH", reference: "", paidAt: daysFromToday(0) });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.html).toContain("C’est plus que le reste dû.");

    const half = Math.floor(invoice.totalCents / 2);
    const partial = await alice.post(url, { intent: "payment", amount: (half / 100).toFixed(2).replace(".", ","), method: "CHEQUE", reference: "CHQ 7", paidAt: daysFromToday(0) });
    expect(partial.status).toBe(302);
    const rest = await alice.post(url, { intent: "payment", amount: ((invoice.totalCents - half) / 100).toFixed(2), method: "TRANSFER", reference: "", paidAt: daysFromToday(0) });
    expect(rest.status).toBe(302);
    const paid = (await alice.data(url, INVOICE_ROUTE)).body.invoice;
    expect(paid).toMatchObject({ status: "PAID", balanceCents: 0 });
    expect((await getDb().order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PAID");

    const cheque = paid.payments.find((p: any) => p.reference === "CHQ 7");
    const removed = await alice.post(url, { intent: "delete-payment", paymentId: cheque.id });
    expect(removed.status).toBe(302);
    expect((await alice.data(url, INVOICE_ROUTE)).body.invoice).toMatchObject({ status: "ISSUED", balanceCents: half });
    expect((await getDb().order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("INVOICED");
  });

  it("credits a free amount (the note is mandatory) and cancels the invoice after confirmation", async () => {
    const order = await deliveredOrder([{ format: bottle, quantity: 6 }]);
    const invoice = await publishFromPage(order);
    const url = `${base}/invoices/${invoice.id}`;
    const noNote = await alice.post(url, { intent: "credit-amount", amount: "1,00", note: "" });
    expect(noNote.status).toBe(400);
    expect(noNote.html).toContain("Obligatoire.");

    const cancelled = await alice.post(url, { intent: "cancel", reason: "Erreur de prix" });
    expect(cancelled.status).toBe(302);
    const view = (await alice.data(url, INVOICE_ROUTE)).body.invoice;
    expect(view.status).toBe("CANCELLED");
    expect(view.creditNotes).toEqual([expect.objectContaining({ kind: "CANCELLATION", note: "Erreur de prix", totalCents: invoice.totalCents })]);
    expect(view.actions).toEqual([]);
    expect((await alice.get(url)).html).toContain("Cette facture a été annulée");
    expect((await getDb().order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("DELIVERED");
  });

  it("is read-only for the retailer's owner, and refused to its staff", async () => {
    const order = await deliveredOrder([{ format: bottle, quantity: 6 }]);
    const invoice = await publishFromPage(order);
    const marc = await new PageClient(server).login("marc@martin.test");
    const page = await marc.get(`/o/epicerie-martin/invoices/${invoice.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(invoice.number);
    expect(page.html).not.toContain('value="payment"');
    expect(page.html).not.toContain('value="cancel"');
    const post = await marc.post(`/o/epicerie-martin/invoices/${invoice.id}`, { intent: "payment", amount: "1", method: "CASH" });
    expect(post.status).toBe(403);
    const sophie = await new PageClient(server).login("sophie@martin.test");
    expect((await sophie.data(`/o/epicerie-martin/invoices/${invoice.id}`, INVOICE_ROUTE)).status).toBe(403);
  });
});

describe("the producer's invoicing setting", () => {
  it("turns automatic publication on delivery on and off", async () => {
    const seller = demo.org["brasserie-du-pont"];
    const on = await alice.post(`${base}/settings`, { intent: "invoicing", autoInvoiceOnDelivery: "on" });
    expect(on.status).toBe(302);
    expect((await getDb().organization.findUniqueOrThrow({ where: { id: seller } })).autoInvoiceOnDelivery).toBe(true);
    expect((await alice.get(`${base}/settings`)).html).toContain("Publier la facture automatiquement");
    const off = await alice.post(`${base}/settings`, { intent: "invoicing" });
    expect(off.status).toBe(302);
    expect((await getDb().organization.findUniqueOrThrow({ where: { id: seller } })).autoInvoiceOnDelivery).toBe(false);
  });
});
