// Online payment with Stripe configured, against a local stand-in of the Stripe API: the retailer opens
// a Checkout session on the producer's connected account (Stripe-Account header), Stripe's signed
// webhook records ONE payment however many times it is delivered, and what no open invoice can take
// any more stays visible.
import { beforeAll, describe, expect, it } from "vitest";
import { recordPaymentInTx } from "~/modules/payment/record-payment.server";
import { getDb } from "~/utils/db.server";
import { api, apiToken, PageClient, useTestServer, type TestServer } from "../setup/http";
import { insertInvoice } from "../setup/insert-invoice";
import { insertOrder } from "../setup/insert-order";
import { completedEvent, configureStripe, signedEvent, startStripeStandIn, TEST_STRIPE_SECRET_KEY, type StripeStandIn } from "../setup/stripe-stand-in";

const ACCOUNT = "acct_1BrasseriePont";
let standIn: StripeStandIn;
let server: TestServer;
let tokens: Record<"marc" | "sophie" | "alice" | "chloe" | "gaston", string>;

beforeAll(async () => {
  standIn = await startStripeStandIn();
  configureStripe(standIn);
  server = await useTestServer();
  await getDb().organization.update({ where: { slug: "brasserie-du-pont" }, data: { stripeAccountId: ACCOUNT } });
  tokens = {
    marc: await apiToken(server, "marc@martin.test", "epicerie-martin"),
    sophie: await apiToken(server, "sophie@martin.test", "epicerie-martin"),
    alice: await apiToken(server, "alice@brasserie.test", "brasserie-du-pont"),
    chloe: await apiToken(server, "chloe@central.test", "cafe-central"),
    gaston: await apiToken(server, "gaston@gare.test", "bistro-gare"),
  };
});

/** A published invoice of `seller` to `buyer`: 10 × 1.00 at 20 % VAT = 12.00 unless told otherwise. */
async function invoice(seller: string, buyer: string, createdBy: string, unitPrice4 = 1_0000) {
  const order = await insertOrder({ seller, buyer, createdBy, status: "DELIVERED", lines: [{ description: "Blonde", quantity: 10, unitPrice4, taxRateBps: 2000 }] });
  return insertInvoice(order, { createdBy: seller === "brasserie-du-pont" ? "alice@brasserie.test" : "bruno@aurore.test" });
}

const checkout = (token: string, invoiceId: string) => api(server, "POST", `/api/v1/invoices/${invoiceId}/checkout`, { token });

function postEvent(payload: string, signature?: string) {
  return api(server, "POST", "/api/v1/webhooks/stripe", { rawBody: payload, headers: signature ? { "Stripe-Signature": signature } : {} });
}

describe("opening a Checkout session", () => {
  it("opens one on the producer's connected account for the invoice's open balance", async () => {
    const inv = await invoice("brasserie-du-pont", "epicerie-martin", "marc@martin.test");
    const before = standIn.requests.length;
    const res = await checkout(tokens.marc, inv.id);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.url).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);
    expect(res.body.amountCents).toBe(1200);

    const [sent] = standIn.requests.slice(before);
    expect(sent.path).toBe("/v1/checkout/sessions");
    expect(sent.stripeAccount).toBe(ACCOUNT);
    expect(sent.authorization).toBe(`Bearer ${TEST_STRIPE_SECRET_KEY}`);
    expect(sent.idempotencyKey).toBe(`checkout-${res.body.checkoutSessionId}`);
    expect(sent.params).toMatchObject({
      mode: "payment",
      "line_items[0][quantity]": "1",
      "line_items[0][price_data][unit_amount]": "1200",
      "line_items[0][price_data][currency]": "eur",
      "metadata[checkoutSessionId]": res.body.checkoutSessionId,
      client_reference_id: res.body.checkoutSessionId,
    });
    expect(sent.params["line_items[0][price_data][product_data][name]"]).toContain(inv.number);
    expect(sent.params.success_url).toMatch(/\/o\/epicerie-martin\/payables\?supplier=.+&checkout=success$/);

    const row = await getDb().checkoutSession.findUniqueOrThrow({ where: { id: res.body.checkoutSessionId } });
    expect(row).toMatchObject({ amountCents: 1200, currency: "EUR", status: "OPEN", invoiceIds: JSON.stringify([inv.id]) });
    expect(standIn.sessions.has(row.stripeSessionId)).toBe(true);
  });

  it("refuses a STAFF member of the retailer (403) and the producer's side (403)", async () => {
    const inv = await invoice("brasserie-du-pont", "epicerie-martin", "marc@martin.test");
    for (const token of [tokens.sophie, tokens.alice]) {
      const res = await checkout(token, inv.id);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
  });

  it("answers 404 for another tenant's invoice and opens nothing", async () => {
    const foreign = await invoice("boulangerie-aurore", "bistro-gare", "gaston@gare.test");
    const before = standIn.requests.length;
    const res = await checkout(tokens.marc, foreign.id);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
    expect(JSON.stringify(res.body)).not.toContain("Bistro");
    expect(standIn.requests.length).toBe(before);
  });

  it("answers 409 payment_unavailable when the producer has no connected account", async () => {
    const inv = await invoice("boulangerie-aurore", "cafe-central", "chloe@central.test");
    const res = await checkout(tokens.chloe, inv.id);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("payment_unavailable");
  });

  it("answers 409 for an invoice that is no longer open", async () => {
    const inv = await invoice("brasserie-du-pont", "epicerie-martin", "marc@martin.test");
    await getDb().$transaction((tx) =>
      recordPaymentInTx(tx, {
        sellerId: inv.sellerId, buyerId: inv.buyerId, amountCents: inv.totalCents, method: "TRANSFER", reference: "VIR-1", paidAt: new Date(),
        source: "MANUAL", externalId: null, createdById: null, createdByOrgId: inv.sellerId, allocations: [{ invoiceId: inv.id, amountCents: inv.totalCents }],
      }),
    );
    const res = await checkout(tokens.marc, inv.id);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("invalid_transition");
  });

  it("answers 409 payment_unavailable, not a 500, when Stripe refuses", async () => {
    const inv = await invoice("brasserie-du-pont", "epicerie-martin", "marc@martin.test");
    standIn.failNext();
    const res = await checkout(tokens.marc, inv.id);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("payment_unavailable");
    expect(await getDb().checkoutSession.count({ where: { invoiceIds: { contains: inv.id } } })).toBe(0);
  });
});

describe("the Stripe webhook", () => {
  it("records one card payment however many times the event arrives (10 deliveries, some at once)", async () => {
    const inv = await invoice("brasserie-du-pont", "epicerie-martin", "marc@martin.test");
    const opened = await checkout(tokens.marc, inv.id);
    const row = await getDb().checkoutSession.findUniqueOrThrow({ where: { id: opened.body.checkoutSessionId } });
    const { payload, signature } = completedEvent(standIn.sessions.get(row.stripeSessionId)!, `evt_paid_${row.id}`);

    const first = await postEvent(payload, signature);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ received: true, duplicate: false });
    const again = await Promise.all(Array.from({ length: 6 }, () => postEvent(payload, signature)));
    for (let i = 0; i < 3; i++) again.push(await postEvent(payload, signature));
    expect(again.map((r) => r.status)).toEqual(Array(9).fill(200));
    expect(again.every((r) => r.body.duplicate === true)).toBe(true);

    const payments = await getDb().payment.findMany({ where: { externalId: row.stripeSessionId }, include: { allocations: true } });
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ amountCents: 1200, method: "CARD", source: "STRIPE", currency: "EUR" });
    expect(payments[0].allocations).toEqual([expect.objectContaining({ invoiceId: inv.id, amountCents: 1200 })]);
    expect(await getDb().stripeEvent.count({ where: { id: `evt_paid_${row.id}` } })).toBe(1);
    expect(await getDb().invoice.findUniqueOrThrow({ where: { id: inv.id } })).toMatchObject({ status: "PAID", paidCents: 1200, balanceCents: 0 });
    expect((await getDb().order.findUniqueOrThrow({ where: { id: inv.orderId } })).status).toBe("PAID");
    expect((await getDb().checkoutSession.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("PAID");

    // Another event about the same session (async payment succeeded) records nothing more.
    const other = signedEvent({ id: `evt_async_${row.id}`, type: "checkout.session.async_payment_succeeded", data: { object: { ...standIn.sessions.get(row.stripeSessionId)!, payment_status: "paid" } } });
    expect((await postEvent(other.payload, other.signature)).status).toBe(200);
    expect(await getDb().payment.count({ where: { externalId: row.stripeSessionId } })).toBe(1);

    // The retailer's owner sees its balance with this supplier go down.
    const ledger = await api(server, "GET", `/api/v1/receivables?supplier=${inv.sellerId}`, { token: tokens.marc });
    expect(ledger.status).toBe(200);
    const entry = ledger.body.entries.find((e: { type: string; id: string }) => e.type === "PAYMENT" && e.id === payments[0].id);
    expect(entry).toMatchObject({ amountCents: -1200, method: "CARD", source: "STRIPE" });
  });

  it("refuses a missing or wrong signature with 400 and records nothing", async () => {
    const inv = await invoice("brasserie-du-pont", "epicerie-martin", "marc@martin.test");
    const opened = await checkout(tokens.marc, inv.id);
    const row = await getDb().checkoutSession.findUniqueOrThrow({ where: { id: opened.body.checkoutSessionId } });
    const { payload, signature } = completedEvent(standIn.sessions.get(row.stripeSessionId)!, `evt_forged_${row.id}`);

    const missing = await postEvent(payload);
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("validation_failed");
    const forgedSecret = completedEvent(standIn.sessions.get(row.stripeSessionId)!, `evt_forged_${row.id}`);
    const wrong = signedEvent(JSON.parse(forgedSecret.payload), "whsec_somebody_else");
    expect((await postEvent(wrong.payload, wrong.signature)).status).toBe(400);
    const tampered = payload.replace('"amount_total":1200', '"amount_total":1');
    const res = await postEvent(tampered, signature);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");

    expect(await getDb().payment.count({ where: { externalId: row.stripeSessionId } })).toBe(0);
    expect(await getDb().stripeEvent.count({ where: { id: `evt_forged_${row.id}` } })).toBe(0);
  });

  it("marks an abandoned session expired", async () => {
    const inv = await invoice("brasserie-du-pont", "epicerie-martin", "marc@martin.test");
    const opened = await checkout(tokens.marc, inv.id);
    const row = await getDb().checkoutSession.findUniqueOrThrow({ where: { id: opened.body.checkoutSessionId } });
    const expired = signedEvent({ id: `evt_exp_${row.id}`, type: "checkout.session.expired", data: { object: { ...standIn.sessions.get(row.stripeSessionId)!, status: "expired" } } });
    expect((await postEvent(expired.payload, expired.signature)).status).toBe(200);
    expect((await getDb().checkoutSession.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("EXPIRED");
  });
});

describe("paying several invoices from the payables page", () => {
  it("pays the ticked invoices in one session; an invoice paid meanwhile takes nothing and the rest stays visible", async () => {
    const a = await invoice("brasserie-du-pont", "cafe-central", "chloe@central.test"); // 12.00
    const b = await invoice("brasserie-du-pont", "cafe-central", "chloe@central.test", 2_0000); // 24.00
    const chloe = await new PageClient(server).login("chloe@central.test");
    const page = await chloe.get(`/o/cafe-central/payables?supplier=${a.sellerId}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('name="invoiceIds"');

    const before = standIn.requests.length;
    const body = new URLSearchParams([["invoiceIds", a.id], ["invoiceIds", b.id]]);
    const res = await fetch(`${server.baseUrl}/o/cafe-central/payables?supplier=${a.sellerId}`, {
      method: "POST",
      headers: { Cookie: await sessionCookie("chloe@central.test"), "Content-Type": "application/x-www-form-urlencoded" },
      body,
      redirect: "manual",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\//);
    const [sent] = standIn.requests.slice(before);
    expect(sent.stripeAccount).toBe(ACCOUNT);
    expect(sent.params["line_items[0][price_data][unit_amount]"]).toBe("1200");
    expect(sent.params["line_items[1][price_data][unit_amount]"]).toBe("2400");
    const row = await getDb().checkoutSession.findFirstOrThrow({ where: { buyerId: a.buyerId, invoiceIds: { contains: b.id } } });
    expect(row.amountCents).toBe(3600);

    // Meanwhile the brasserie records a transfer settling invoice a.
    await getDb().$transaction((tx) =>
      recordPaymentInTx(tx, {
        sellerId: a.sellerId, buyerId: a.buyerId, amountCents: 1200, method: "TRANSFER", reference: "VIR-2", paidAt: new Date(),
        source: "MANUAL", externalId: null, createdById: null, createdByOrgId: a.sellerId, allocations: [{ invoiceId: a.id, amountCents: 1200 }],
      }),
    );
    const { payload, signature } = completedEvent(standIn.sessions.get(row.stripeSessionId)!, `evt_multi_${row.id}`);
    expect((await postEvent(payload, signature)).status).toBe(200);

    const payment = await getDb().payment.findUniqueOrThrow({ where: { externalId: row.stripeSessionId }, include: { allocations: true } });
    expect(payment.amountCents).toBe(2400);
    expect(payment.allocations).toEqual([expect.objectContaining({ invoiceId: b.id, amountCents: 2400 })]);
    expect((await getDb().invoice.findUniqueOrThrow({ where: { id: b.id } })).status).toBe("PAID");
    expect((await getDb().checkoutSession.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("OVERPAID");

    // The 12.00 nobody could take shows on both sides as an unallocated payment (a credit).
    const alice = await apiToken(server, "alice@brasserie.test", "brasserie-du-pont");
    const seller = await api(server, "GET", `/api/v1/receivables?customer=${a.buyerId}`, { token: alice });
    expect(seller.body.unallocatedCents).toBe(1200);
    expect(seller.body.entries).toContainEqual(expect.objectContaining({ type: "UNALLOCATED", id: row.id, amountCents: -1200 }));
    const buyer = await chloe.get(`/o/cafe-central/payables?supplier=${a.sellerId}`);
    expect(buyer.html).toMatch(/12,00\s€/);
  });

  it("asks to tick at least one invoice", async () => {
    const a = await invoice("brasserie-du-pont", "cafe-central", "chloe@central.test");
    const chloe = await new PageClient(server).login("chloe@central.test");
    const res = await chloe.post(`/o/cafe-central/payables?supplier=${a.sellerId}`, {});
    expect(res.status).toBe(400);
    expect(res.html).toMatch(/Cochez au moins une facture|Tick at least one invoice/);
  });
});

describe("paying one invoice from its page", () => {
  it("shows the customer's owner a Pay online button that opens Checkout for the balance", async () => {
    const inv = await invoice("brasserie-du-pont", "epicerie-martin", "marc@martin.test");
    const marc = await new PageClient(server).login("marc@martin.test");
    const page = await marc.get(`/o/epicerie-martin/invoices/${inv.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/Pay online|Payer en ligne/);
    expect(page.html).toContain('value="pay-online"');
    expect(page.html).toMatch(/12,00\s€/);

    const before = standIn.requests.length;
    const res = await marc.post(`/o/epicerie-martin/invoices/${inv.id}`, { intent: "pay-online" });
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\//);
    const [sent] = standIn.requests.slice(before);
    expect(sent.stripeAccount).toBe(ACCOUNT);
    expect(sent.params["line_items[0][price_data][unit_amount]"]).toBe("1200");
    expect(sent.params.success_url).toMatch(/\/o\/epicerie-martin\/payables\?supplier=.+&checkout=success$/);
    expect(await getDb().checkoutSession.count({ where: { buyerId: inv.buyerId, invoiceIds: JSON.stringify([inv.id]) } })).toBe(1);
  });

  it("shows no button to the seller, for a supplier without a connected account, or once the invoice is paid", async () => {
    const inv = await invoice("brasserie-du-pont", "epicerie-martin", "marc@martin.test");
    const alice = await new PageClient(server).login("alice@brasserie.test");
    const sellerPage = await alice.get(`/o/brasserie-du-pont/invoices/${inv.id}`);
    expect(sellerPage.status).toBe(200);
    expect(sellerPage.html).not.toContain('value="pay-online"');

    const unconnected = await invoice("boulangerie-aurore", "cafe-central", "chloe@central.test");
    const chloe = await new PageClient(server).login("chloe@central.test");
    const page = await chloe.get(`/o/cafe-central/invoices/${unconnected.id}`);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('value="pay-online"');
    // Posting anyway answers the checkout's refusal in the page, not a 500.
    const post = await chloe.post(`/o/cafe-central/invoices/${unconnected.id}`, { intent: "pay-online" });
    expect(post.status).toBe(409);
    expect(post.html).toMatch(/paiement en ligne n’est pas disponible|Online payment is not available/);

    await getDb().$transaction((tx) =>
      recordPaymentInTx(tx, {
        sellerId: inv.sellerId, buyerId: inv.buyerId, amountCents: inv.totalCents, method: "TRANSFER", reference: "VIR-3", paidAt: new Date(),
        source: "MANUAL", externalId: null, createdById: null, createdByOrgId: inv.sellerId, allocations: [{ invoiceId: inv.id, amountCents: inv.totalCents }],
      }),
    );
    const marc = await new PageClient(server).login("marc@martin.test");
    const paid = await marc.get(`/o/epicerie-martin/invoices/${inv.id}`);
    expect(paid.status).toBe(200);
    expect(paid.html).not.toContain('value="pay-online"');
  });
});

/** A logged-in session cookie, for a form post with a repeated field (PageClient posts one value per name). */
async function sessionCookie(email: string): Promise<string> {
  const res = await fetch(`${server.baseUrl}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: "comptoir-demo" }),
    redirect: "manual",
  });
  expect(res.status).toBe(302);
  return res.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
}
