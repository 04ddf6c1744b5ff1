// After publication, through the JSON API and the payment services: cancelling (a full credit note, the
// order back to DELIVERED, a new number when published again), credit notes and their limits, payments
// (partial, then PAID with the order, a deleted payment reopening both), one payment over several
// invoices, and who may do what.
import { beforeAll, describe, expect, it } from "vitest";
import type { OrgActor } from "~/modules/org/actor";
import { loadActor } from "~/modules/org/access.server";
import { proposedCreditNote } from "~/modules/invoice/credit-notes.server";
import { deletePayment, recordCustomerPayment } from "~/modules/payment/payments.server";
import { computeTotals } from "~/modules/pricing/totals";
import { getDb } from "~/utils/db.server";
import { createOrderRecords, type OrderRecordInput } from "../factories/orders";
import { useTestServer, type TestServer } from "../setup/http";
import { daysFromToday, loadDemo, ordersClient, type Demo, type OrdersClient, type Person } from "../setup/orders-api";

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

async function actorOf(email: string, slug: string): Promise<OrgActor> {
  const user = await getDb().user.findUniqueOrThrow({ where: { email } });
  return loadActor(user, slug);
}

/** A published invoice of a delivered order of Épicerie Martin at the brasserie. */
async function publishedInvoice(lines: OrderRecordInput["lines"] = [{ format: bottle, quantity: 24 }, { format: keg, quantity: 2 }], buyer: "epicerie-martin" | "cafe-central" = "epicerie-martin") {
  const [order] = await createOrderRecords(getDb(), [
    {
      sellerId: demo.org["brasserie-du-pont"],
      buyerId: demo.org[buyer],
      status: "DELIVERED",
      distribution: buyer === "epicerie-martin" ? "DISTRIBUTOR" : "SELF",
      deliveryDate: daysFromToday(-1),
      lines,
    },
  ]);
  const res = await client.call("alice", "POST", `/api/v1/orders/${order.id}/invoice`, { version: order.version ?? 1 });
  if (res.status !== 201) throw new Error(`publish: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const getInvoice = async (id: string, who: Person = "alice") => (await client.call(who, "GET", `/api/v1/invoices/${id}`)).body;
const credit = (who: Person, id: string, body: unknown) => client.call(who, "POST", `/api/v1/invoices/${id}/credit-notes`, body);
const pay = (who: Person, id: string, body: unknown) => client.call(who, "POST", `/api/v1/invoices/${id}/payments`, body);
const cancel = (who: Person, id: string, body: unknown = {}) => client.call(who, "POST", `/api/v1/invoices/${id}/cancel`, body);

describe("cancelling an invoice", () => {
  it("issues a full credit note, brings the order back to DELIVERED, and a new publication takes a new number", async () => {
    const invoice = await publishedInvoice();
    const res = await cancel("anna", invoice.id, { reason: "Wrong prices" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: invoice.id, number: invoice.number, status: "CANCELLED", balanceCents: 0, creditedCents: invoice.totalCents });
    const note = res.body.creditNote;
    expect(note).toMatchObject({ kind: "CANCELLATION", invoiceId: invoice.id, totalCents: invoice.totalCents, note: "Wrong prices" });
    expect(note.number).toMatch(new RegExp(`^AV-${new Date().getFullYear()}-\\d{6}$`));
    expect(note.lines.map((l: any) => [l.lineId, l.quantity, l.totalCents])).toEqual(invoice.lines.map((l: any) => [l.id, l.quantity, l.totalCents]));

    const order = (await client.get("alice", invoice.orderId)).body;
    expect(order).toMatchObject({ status: "DELIVERED", invoice: null });
    const events = (await client.history("alice", order.id)).body.events;
    expect(events.find((e: any) => e.type === "INVOICE_CANCELLED").changes).toMatchObject({
      status: { before: "INVOICED", after: "DELIVERED" },
      invoice: invoice.number,
      creditNote: note.number,
    });

    const again = await client.call("alice", "POST", `/api/v1/orders/${order.id}/invoice`, { version: order.version });
    expect(again.status).toBe(201);
    expect(again.body.number).not.toBe(invoice.number);
    expect(Number(again.body.number.slice(-6))).toBeGreaterThan(Number(invoice.number.slice(-6)));
    // The cancelled invoice stays readable, and cannot be cancelled twice.
    expect((await getInvoice(invoice.id)).status).toBe("CANCELLED");
    expect((await cancel("alice", invoice.id)).body.error.code).toBe("invalid_transition");
  });

  it("is refused while payments or credit notes are on the invoice, and to those without the right", async () => {
    const paid = await publishedInvoice();
    await pay("alice", paid.id, { amountCents: 100, method: "CASH" });
    const refused = await cancel("alice", paid.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "invalid_transition", message: expect.stringMatching(/payments/i) });

    const credited = await publishedInvoice();
    await credit("alice", credited.id, { amountCents: 100, note: "Broken bottle" });
    expect((await cancel("alice", credited.id)).body.error.code).toBe("invalid_transition");

    const plain = await publishedInvoice();
    expect((await cancel("sam", plain.id)).status).toBe(403);
    expect((await cancel("marc", plain.id)).status).toBe(403);
    expect((await cancel("bruno", plain.id)).status).toBe(404);
  });
});

describe("credit notes", () => {
  it("credit lines at the invoice's prices, discounts, taxes and deposits, within what is left on each line", async () => {
    const invoice = await publishedInvoice();
    const bottles = invoice.lines.find((l: any) => l.formatId === bottle);
    const flags = { taxesEnabled: invoice.taxesEnabled, depositsEnabled: invoice.depositsEnabled };
    const expected = computeTotals([{ ...bottles, quantity: 4 }], flags).totals;

    const res = await credit("anna", invoice.id, { lines: [{ lineId: bottles.id, quantity: 4 }], note: "4 bottles broken" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ invoiceId: invoice.id, totalCents: expected.totalCents, note: "4 bottles broken", kind: "LINES", taxCents: expected.taxCents, depositCents: expected.depositCents });
    expect(res.body.lines).toEqual([expect.objectContaining({ lineId: bottles.id, quantity: 4, unitPrice4: bottles.unitPrice4, discountBps: bottles.discountBps })]);
    expect(res.body.number).toMatch(/^AV-\d{4}-\d{6}$/);

    const after = await getInvoice(invoice.id);
    expect(after).toMatchObject({ creditedCents: expected.totalCents, balanceCents: invoice.totalCents - expected.totalCents, status: "ISSUED" });
    expect(after.lines.find((l: any) => l.id === bottles.id).creditedQuantity).toBe(4);
    expect((await client.get("alice", invoice.orderId)).body.invoice.balanceCents).toBe(invoice.totalCents - expected.totalCents);

    // 24 invoiced, 4 credited: 21 is too many.
    const over = await credit("alice", invoice.id, { lines: [{ lineId: bottles.id, quantity: 21 }], note: "again" });
    expect(over.status).toBe(400);
    expect(over.body.error).toMatchObject({ code: "validation_failed", details: { fields: { "lines.0.quantity": expect.any(String) } } });
    const unknown = await credit("alice", invoice.id, { lines: [{ lineId: "nope", quantity: 1 }], note: "x" });
    expect(unknown.body.error.details.fields).toHaveProperty("lines.0.lineId");
  });

  it("credit a free amount, never above the open balance; the note is mandatory and one kind at a time", async () => {
    const invoice = await publishedInvoice();
    const over = await credit("alice", invoice.id, { amountCents: invoice.totalCents + 1, note: "too much" });
    expect(over.status).toBe(400);
    expect(over.body.error.details.fields).toHaveProperty("amountCents");
    const noNote = await credit("alice", invoice.id, { amountCents: 100 });
    expect(noNote.body.error.details.fields).toHaveProperty("note");
    const both = await credit("alice", invoice.id, { amountCents: 100, lines: [{ lineId: invoice.lines[0].id, quantity: 1 }], note: "x" });
    expect(both.status).toBe(400);
    const neither = await credit("alice", invoice.id, { note: "x" });
    expect(neither.status).toBe(400);

    // A payment first: the balance left is what may still be credited.
    await pay("alice", invoice.id, { amountCents: invoice.totalCents - 500, method: "TRANSFER", reference: "VIR-1" });
    const aboveBalance = await credit("alice", invoice.id, { amountCents: 501, note: "gesture" });
    expect(aboveBalance.status).toBe(400);
    expect(aboveBalance.body.error.details.fields.amountCents).toMatch(/balance/i);
    const exact = await credit("alice", invoice.id, { amountCents: 500, note: "Commercial gesture" });
    expect(exact.status).toBe(201);
    // Credits and payments cover the total: the invoice and its order are PAID.
    expect(await getInvoice(invoice.id)).toMatchObject({ status: "PAID", balanceCents: 0, creditedCents: 500 });
    expect((await client.get("alice", invoice.orderId)).body.status).toBe("PAID");
  });

  it("are for the seller side by role: the retailer gets 403, the rep and the distributor may", async () => {
    const invoice = await publishedInvoice();
    const body = { amountCents: 100, note: "x" };
    expect((await credit("marc", invoice.id, body)).status).toBe(403);
    expect((await credit("sophie", invoice.id, body)).status).toBe(403);
    expect((await credit("sam", invoice.id, body)).status).toBe(403);
    expect((await credit("chloe", invoice.id, body)).status).toBe(403);
    expect((await credit("bruno", invoice.id, body)).status).toBe(404);
    expect((await credit("rita", invoice.id, body)).status).toBe(201);
    expect((await credit("dan", invoice.id, body)).status).toBe(201);
  });

  it("are proposed for the quantities received short at delivery", async () => {
    const invoice = await publishedInvoice([{ format: bottle, quantity: 24, receivedQuantity: 18 }, { format: keg, quantity: 2 }]);
    const alice = await actorOf("alice@brasserie.test", "brasserie-du-pont");
    const bottles = invoice.lines.find((l: any) => l.formatId === bottle);
    const proposal = await proposedCreditNote(alice, invoice.id);
    const expected = computeTotals([{ ...bottles, quantity: 6 }], { taxesEnabled: invoice.taxesEnabled, depositsEnabled: invoice.depositsEnabled }).totals;
    expect(proposal).toEqual({
      invoiceId: invoice.id,
      lines: [{ lineId: bottles.id, description: bottles.description, invoiced: 24, received: 18, quantity: 6 }],
      totalCents: expected.totalCents,
    });
    await credit("alice", invoice.id, { lines: [{ lineId: bottles.id, quantity: 6 }], note: "Not delivered" });
    expect(await proposedCreditNote(alice, invoice.id)).toBeNull();
  });
});

describe("payments", () => {
  it("partial, then PAID with the order; a deleted payment reopens both, and stays in the history", async () => {
    const invoice = await publishedInvoice();
    const first = await pay("anna", invoice.id, { amountCents: 1000, method: "CHEQUE", reference: "CHQ 42", paidAt: daysFromToday(-1) });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ invoiceId: invoice.id, amountCents: 1000, method: "CHEQUE", reference: "CHQ 42" });
    expect(first.body.paidAt.slice(0, 10)).toBe(daysFromToday(-1));
    expect(await getInvoice(invoice.id)).toMatchObject({ status: "ISSUED", paidCents: 1000, balanceCents: invoice.totalCents - 1000 });

    const over = await pay("alice", invoice.id, { amountCents: invoice.totalCents, method: "CASH" });
    expect(over.status).toBe(400);
    expect(over.body.error.details.fields).toHaveProperty("amountCents");
    expect((await pay("alice", invoice.id, { amountCents: 10, method: "BITCOIN" })).body.error.details.fields).toHaveProperty("method");

    const rest = await pay("alice", invoice.id, { amountCents: invoice.totalCents - 1000, method: "TRANSFER" });
    expect(rest.status).toBe(201);
    const settled = await getInvoice(invoice.id);
    expect(settled).toMatchObject({ status: "PAID", balanceCents: 0, paidCents: invoice.totalCents, paidAt: expect.any(String) });
    const paidOrder = (await client.get("alice", invoice.orderId)).body;
    expect(paidOrder).toMatchObject({ status: "PAID", invoice: { status: "PAID", balanceCents: 0 } });
    // The retailer's owner sees it settled.
    expect((await getInvoice(invoice.id, "marc")).status).toBe("PAID");

    // Only the seller's owner or accountant deletes a payment.
    const sam = await actorOf("sam@brasserie.test", "brasserie-du-pont");
    await expect(deletePayment(sam, first.body.id)).rejects.toMatchObject({ code: "forbidden" });
    const anna = await actorOf("anna@brasserie.test", "brasserie-du-pont");
    await deletePayment(anna, first.body.id, invoice.id);
    const reopened = await getInvoice(invoice.id);
    expect(reopened).toMatchObject({ status: "ISSUED", paidAt: null, paidCents: invoice.totalCents - 1000, balanceCents: 1000 });
    expect(reopened.payments.find((p: any) => p.id === first.body.id).deletedAt).toEqual(expect.any(String));
    expect((await client.get("alice", invoice.orderId)).body).toMatchObject({ status: "INVOICED", version: paidOrder.version + 1 });
    const types = (await client.history("alice", invoice.orderId)).body.events.map((e: any) => e.type);
    expect(types).toEqual(expect.arrayContaining(["PAYMENT_RECORDED", "PAID", "PAYMENT_DELETED", "REOPENED"]));
    await expect(deletePayment(anna, first.body.id)).rejects.toMatchObject({ code: "invalid_transition" });
    const deleted = await getDb().payment.findUniqueOrThrow({ where: { id: first.body.id } });
    expect(deleted.deletedById).toBe(anna.userId);
  });

  it("are recorded by the seller side by role: the retailer gets 403", async () => {
    const invoice = await publishedInvoice();
    const body = { amountCents: 100, method: "CASH" };
    expect((await pay("marc", invoice.id, body)).status).toBe(403);
    expect((await pay("sam", invoice.id, body)).status).toBe(403);
    expect((await pay("bruno", invoice.id, body)).status).toBe(404);
    expect((await pay("dan", invoice.id, body)).status).toBe(201);
  });

  it("one payment settles several invoices of a customer, oldest due first", async () => {
    // Café Central's only invoices at the brasserie: the oldest (same due date, issued first) is settled first.
    const a = await publishedInvoice([{ format: bottle, quantity: 6 }], "cafe-central");
    const b = await publishedInvoice([{ format: bottle, quantity: 12 }], "cafe-central");
    const alice = await actorOf("alice@brasserie.test", "brasserie-du-pont");
    const payment = await recordCustomerPayment(alice, { buyerId: demo.org["cafe-central"], amountCents: a.totalCents + 100, method: "TRANSFER", reference: "VIR-2" });
    expect(payment.allocations).toEqual([
      { invoiceId: a.id, amountCents: a.totalCents },
      { invoiceId: b.id, amountCents: 100 },
    ]);
    expect(await getInvoice(a.id)).toMatchObject({ status: "PAID", balanceCents: 0 });
    expect(await getInvoice(b.id)).toMatchObject({ status: "ISSUED", balanceCents: b.totalCents - 100 });
    await expect(
      recordCustomerPayment(alice, { buyerId: demo.org["cafe-central"], amountCents: b.totalCents, method: "CASH" }),
    ).rejects.toMatchObject({ code: "validation_failed", details: { fields: { amountCents: expect.any(String) } } });
    const chosen = await recordCustomerPayment(alice, {
      buyerId: demo.org["cafe-central"],
      amountCents: 300,
      method: "CASH",
      allocations: [{ invoiceId: b.id, amountCents: 300 }],
    });
    expect((await getInvoice(b.id)).payments.find((p: any) => p.id === chosen.id)).toMatchObject({ amountCents: 300, paymentAmountCents: 300 });
    // A paid invoice takes no more; the amounts must add up; another producer settles nothing here.
    await expect(
      recordCustomerPayment(alice, { buyerId: demo.org["cafe-central"], amountCents: 100, method: "CASH", allocations: [{ invoiceId: a.id, amountCents: 100 }] }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    await expect(
      recordCustomerPayment(alice, { buyerId: demo.org["cafe-central"], amountCents: 100, method: "CASH", allocations: [{ invoiceId: b.id, amountCents: 50 }] }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    const bruno = await actorOf("bruno@aurore.test", "boulangerie-aurore");
    await expect(
      recordCustomerPayment(bruno, { buyerId: demo.org["cafe-central"], sellerId: demo.org["brasserie-du-pont"], amountCents: 100, method: "CASH", allocations: [{ invoiceId: b.id, amountCents: 100 }] }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });
});
