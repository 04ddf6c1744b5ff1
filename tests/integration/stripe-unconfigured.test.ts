// Online payment with no Stripe keys (the default): no pay button, the checkout API answers 409
// payment_unavailable, the webhook refuses everything with 400. And the producer's payment settings.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { api, apiToken, PageClient, useTestServer, type TestServer } from "../setup/http";
import { insertInvoice } from "../setup/insert-invoice";
import { insertOrder } from "../setup/insert-order";
import { signedEvent } from "../setup/stripe-stand-in";

let server: TestServer;
let invoiceId: string;
let sellerId: string;

beforeAll(async () => {
  server = await useTestServer();
  await getDb().organization.update({ where: { slug: "brasserie-du-pont" }, data: { stripeAccountId: "acct_1BrasseriePont" } });
  const order = await insertOrder({
    seller: "brasserie-du-pont",
    buyer: "epicerie-martin",
    createdBy: "marc@martin.test",
    status: "DELIVERED",
    lines: [{ description: "Blonde", quantity: 10, unitPrice4: 1_0000, taxRateBps: 2000 }],
  });
  const invoice = await insertInvoice(order, { createdBy: "alice@brasserie.test" });
  invoiceId = invoice.id;
  sellerId = invoice.sellerId;
});

describe("without Stripe keys", () => {
  it("answers 409 payment_unavailable to a checkout, even for a producer with a connected account", async () => {
    const token = await apiToken(server, "marc@martin.test", "epicerie-martin");
    const res = await api(server, "POST", `/api/v1/invoices/${invoiceId}/checkout`, { token });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("payment_unavailable");
    expect(await getDb().checkoutSession.count()).toBe(0);
  });

  it("refuses every webhook with 400: no webhook secret is configured", async () => {
    const { payload, signature } = signedEvent({ id: "evt_unconfigured", type: "checkout.session.completed", data: { object: { id: "cs_test_x" } } }, "whsec_anything");
    const res = await api(server, "POST", "/api/v1/webhooks/stripe", { rawBody: payload, headers: { "Stripe-Signature": signature } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(await getDb().stripeEvent.count()).toBe(0);
  });

  it("shows no pay button on the payables page", async () => {
    const marc = await new PageClient(server).login("marc@martin.test");
    const res = await marc.data(`/o/epicerie-martin/payables?supplier=${sellerId}`, "routes/o.$org.payables");
    expect(res.status).toBe(200);
    expect(res.body.selected.payOnline).toBe(false);
    expect(res.body.selected.openInvoices.map((i: { id: string }) => i.id)).toContain(invoiceId);
    const page = await marc.get(`/o/epicerie-martin/payables?supplier=${sellerId}`);
    expect(page.html).not.toContain('name="invoiceIds"');
    // Posting anyway gets the same 409, in the user's language.
    const post = await marc.post(`/o/epicerie-martin/payables?supplier=${sellerId}`, { invoiceIds: invoiceId });
    expect(post.status).toBe(409);
    expect(post.html).toMatch(/paiement en ligne n’est pas disponible|Online payment is not available/);
  });

  it("shows no Pay online button on the invoice page, even to the customer's owner of a connected supplier", async () => {
    const marc = await new PageClient(server).login("marc@martin.test");
    const page = await marc.get(`/o/epicerie-martin/invoices/${invoiceId}`);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('value="pay-online"');
    expect(page.html).not.toMatch(/Pay online|Payer en ligne/);
    const post = await marc.post(`/o/epicerie-martin/invoices/${invoiceId}`, { intent: "pay-online" });
    expect(post.status).toBe(409);
    expect(post.html).toMatch(/paiement en ligne n’est pas disponible|Online payment is not available/);
    expect(await getDb().checkoutSession.count()).toBe(0);
  });
});

describe("payment settings", () => {
  it("lets the producer's owner set and remove its Stripe Connect account", async () => {
    const alice = await new PageClient(server).login("alice@brasserie.test");
    const page = await alice.get("/o/brasserie-du-pont/payment-settings");
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/pas configuré sur ce serveur|not configured on this server/);
    const bad = await alice.post("/o/brasserie-du-pont/payment-settings", { stripeAccountId: "1234" });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("acct_1Nv0FGQ9RKHgCVdK");
    expect((await alice.post("/o/brasserie-du-pont/payment-settings", { stripeAccountId: " acct_1NewAccount42 " })).status).toBe(302);
    expect((await getDb().organization.findUniqueOrThrow({ where: { slug: "brasserie-du-pont" } })).stripeAccountId).toBe("acct_1NewAccount42");
    expect((await alice.post("/o/brasserie-du-pont/payment-settings", { stripeAccountId: "" })).status).toBe(302);
    expect((await getDb().organization.findUniqueOrThrow({ where: { slug: "brasserie-du-pont" } })).stripeAccountId).toBeNull();
  });

  it("shows them read-only to other members, refuses their changes, and does not exist for a retailer", async () => {
    const sam = await new PageClient(server).login("sam@brasserie.test");
    const page = await sam.get("/o/brasserie-du-pont/payment-settings");
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('name="stripeAccountId"');
    expect((await sam.post("/o/brasserie-du-pont/payment-settings", { stripeAccountId: "acct_1SamWasHere1" })).status).toBe(403);
    const marc = await new PageClient(server).login("marc@martin.test");
    expect((await marc.data("/o/epicerie-martin/payment-settings", "routes/o.$org.payment-settings")).status).toBe(404);
  });

  it("links receivables, payables and payment settings in the menu by kind and role", async () => {
    const alice = await new PageClient(server).login("alice@brasserie.test");
    const home = (await alice.get("/o/brasserie-du-pont")).html;
    expect(home).toContain('href="/o/brasserie-du-pont/receivables"');
    expect(home).toContain('href="/o/brasserie-du-pont/payment-settings"');
    expect(home).not.toContain('href="/o/brasserie-du-pont/payables"');
    const marc = (await (await new PageClient(server).login("marc@martin.test")).get("/o/epicerie-martin")).html;
    expect(marc).toContain('href="/o/epicerie-martin/payables"');
    const sophie = (await (await new PageClient(server).login("sophie@martin.test")).get("/o/epicerie-martin")).html;
    expect(sophie).not.toContain('href="/o/epicerie-martin/payables"');
  });
});
