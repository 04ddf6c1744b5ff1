// The home page's "what needs me now" beyond orders: overdue invoices for the seller side, invoices to
// pay for the retailer's OWNER and ACCOUNTANT (never its STAFF), unread messages for everyone; each
// tile links to where it is handled, and says so when there is nothing to do.
import { beforeAll, describe, expect, it } from "vitest";
import { recordPaymentInTx } from "~/modules/payment/record-payment.server";
import { getDb } from "~/utils/db.server";
import { api, apiToken, PageClient, useTestServer, type TestServer } from "../setup/http";
import { insertInvoice } from "../setup/insert-invoice";
import { insertOrder } from "../setup/insert-order";

let server: TestServer;
const DAY = 86_400_000;

/** An invoice of `seller` to `buyer`: 10 × `unitPrice4` at 20 % VAT (12,00 € at 1.00), issued `daysAgo` on 30-day terms. */
async function invoice(seller: string, buyer: string, createdBy: string, daysAgo: number, unitPrice4 = 1_0000, rep: string | null = null) {
  const order = await insertOrder({ seller, buyer, createdBy, rep, status: "DELIVERED", lines: [{ description: "Blonde", quantity: 10, unitPrice4, taxRateBps: 2000 }] });
  return insertInvoice(order, { issuedAt: new Date(Date.now() - daysAgo * DAY), paymentTermsDays: 30 });
}

/** The home page's tiles beyond orders: each link's text (spaces made plain) by its address. */
function tilesOf(html: string): Map<string, string> {
  const list = /<ul[^>]*data-testid="home-attention"[^>]*>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "";
  const tiles = new Map<string, string>();
  for (const m of list.matchAll(/<a[^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)) {
    tiles.set(m[1], m[2].replace(/<[^>]+>/g, " ").replace(/&#x27;|&#39;/g, "'").replace(/[\s\u00a0\u202f]+/g, " ").trim());
  }
  return tiles;
}

async function homeTiles(email: string, org: string): Promise<Map<string, string>> {
  const client = await new PageClient(server).login(email);
  const page = await client.get(`/o/${org}`);
  expect(page.status).toBe(200);
  return tilesOf(page.html);
}

beforeAll(async () => {
  server = await useTestServer();
  // Épicerie Martin owes the brasserie: one invoice 10 days overdue (12,00 €, through its rep), one
  // not yet due (24,00 €), one paid (36,00 €: neither overdue nor to pay).
  await invoice("brasserie-du-pont", "epicerie-martin", "marc@martin.test", 40, 1_0000, "agence-rep");
  await invoice("brasserie-du-pont", "epicerie-martin", "marc@martin.test", 5, 2_0000);
  const paid = await invoice("brasserie-du-pont", "epicerie-martin", "marc@martin.test", 60, 3_0000);
  await getDb().$transaction((tx) =>
    recordPaymentInTx(tx, {
      sellerId: paid.sellerId, buyerId: paid.buyerId, amountCents: paid.totalCents, method: "TRANSFER", reference: "VIR-1", paidAt: new Date(),
      source: "MANUAL", externalId: null, createdById: null, createdByOrgId: paid.sellerId, allocations: [{ invoiceId: paid.id, amountCents: paid.totalCents }],
    }),
  );
  // Another producer's overdue invoice (96,00 €) counts for it alone.
  await invoice("boulangerie-aurore", "bistro-gare", "gaston@gare.test", 45, 8_0000);
  // Marc writes on one of his orders: the brasserie's members have one unread message.
  const order = await insertOrder({ seller: "brasserie-du-pont", buyer: "epicerie-martin", createdBy: "marc@martin.test", lines: [{ description: "Ambrée", quantity: 1, unitPrice4: 1_0000 }] });
  const posted = await api(server, "POST", `/api/v1/orders/${order.id}/messages`, { token: await apiToken(server, "marc@martin.test", "epicerie-martin"), body: { body: "Livraison avant 10 h ?" } });
  expect(posted.status).toBe(201);
});

describe("the home page's tiles", () => {
  it("shows the producer its overdue invoices with their total, and its unread messages", async () => {
    const tiles = await homeTiles("alice@brasserie.test", "brasserie-du-pont");
    expect(tiles.get("/o/brasserie-du-pont/receivables")).toMatch(/^(1 overdue invoice 12,00 € past due|1 facture en retard 12,00 € échus)$/);
    expect(tiles.get("/o/brasserie-du-pont/orders")).toMatch(/^(1 unread message|1 message non lu)$/);
    expect(tiles.has("/o/brasserie-du-pont/payables")).toBe(false);
  });

  it("counts each seller's own invoices: another producer sees only its own", async () => {
    const tiles = await homeTiles("bruno@aurore.test", "boulangerie-aurore");
    expect(tiles.get("/o/boulangerie-aurore/receivables")).toMatch(/^(1 overdue invoice 96,00 € past due|1 facture en retard 96,00 € échus)$/);
    expect(tiles.get("/o/boulangerie-aurore/orders")).toMatch(/^(No unread message|Aucun message non lu)$/);
  });

  it("shows a rep agency the overdue invoices of the orders it takes part in", async () => {
    const tiles = await homeTiles("rita@rep.test", "agence-rep");
    expect(tiles.get("/o/agence-rep/receivables")).toMatch(/^(1 overdue invoice 12,00 € past due|1 facture en retard 12,00 € échus)$/);
  });

  it("shows the retailer's owner its invoices to pay with the balance, and no overdue tile", async () => {
    const tiles = await homeTiles("marc@martin.test", "epicerie-martin");
    expect(tiles.get("/o/epicerie-martin/payables")).toMatch(/^(2 invoices to pay Balance due: 36,00 €|2 factures à payer Reste dû : 36,00 €)$/);
    expect(tiles.get("/o/epicerie-martin/orders")).toMatch(/^(No unread message|Aucun message non lu)$/);
    expect(tiles.has("/o/epicerie-martin/receivables")).toBe(false);
  });

  it("shows a retailer's STAFF member no invoice tile, only its messages", async () => {
    // Marc's message is unread for the other members of his organization too.
    const tiles = await homeTiles("sophie@martin.test", "epicerie-martin");
    expect([...tiles.keys()]).toEqual(["/o/epicerie-martin/orders"]);
    expect(tiles.get("/o/epicerie-martin/orders")).toMatch(/^(1 unread message|1 message non lu)$/);
  });

  it("says when there is nothing to pay", async () => {
    const tiles = await homeTiles("chloe@central.test", "cafe-central");
    expect(tiles.get("/o/cafe-central/payables")).toMatch(/^(No invoice to pay|Aucune facture à payer)$/);
  });

  it("says when nothing is overdue", async () => {
    // Distribution Nord delivers for the brasserie but takes part in none of these invoiced orders.
    const tiles = await homeTiles("dan@nord.test", "distribution-nord");
    expect(tiles.get("/o/distribution-nord/receivables")).toMatch(/^(No overdue invoice|Aucune facture en retard)$/);
  });
});
