// The long-lived PDF pool of single downloads: the same PDFs as the server's thread would draw, a
// worker that dies (out of its bounded heap) fails its one request and is replaced, and an idle pool
// ends its workers (their memory goes back to the system).
import { afterAll, describe, expect, it } from "vitest";
import { renderInvoicePdf, type InvoicePdfProps } from "~/pdf/invoice";
import { renderPurchaseOrderPdf, type PurchaseOrderPdfProps } from "~/pdf/purchase-order";
import { pdfText } from "../../../tests/setup/pdf-text";
import { createPdfPool } from "./pdf-pool.server";

const invoice = (number: string, lineCount = 1): InvoicePdfProps => ({
  language: "fr",
  locale: "fr-FR",
  currency: "EUR",
  number,
  issuedAt: new Date("2026-11-20T10:00:00Z"),
  dueDate: "2026-12-20",
  paymentTermsDays: 30,
  orderNumber: 42,
  deliveryDate: "2026-11-19",
  seller: { name: "Brasserie du Pont", taxNumber: "FR12345678901" },
  buyer: { name: "Épicerie Martin" },
  lines: Array.from({ length: lineCount }, (_, i) => ({
    kind: "ITEM" as const,
    description: `Blonde — Caisse de 24 × 33 cl, lot ${i}`,
    quantity: 3,
    unitPrice4: 40_0000,
    discountBps: 0,
    taxRateBps: 2000,
    depositCents: 0,
    totalCents: 12_000,
  })),
  taxesEnabled: true,
  depositsEnabled: false,
  totals: { subtotalCents: 12_000 * lineCount, discountCents: 0, taxCents: 2_400 * lineCount, depositCents: 0, totalCents: 14_400 * lineCount },
  note: "",
});

const purchaseOrder: PurchaseOrderPdfProps = {
  language: "en",
  locale: "en-GB",
  currency: "EUR",
  number: 42,
  version: 3,
  orderDate: new Date("2026-03-02T10:00:00Z"),
  deliveryDate: "2026-03-10",
  distribution: "SELF",
  seller: { name: "Brasserie du Pont" },
  buyer: { name: "Épicerie Martin" },
  rep: null,
  distributor: null,
  lines: [{ kind: "ITEM", description: "Limonade artisanale", quantity: 3, unitPrice4: 21_6000, discountBps: 0, taxRateBps: 550, depositCents: 480 }],
  taxesEnabled: true,
  depositsEnabled: true,
  note: "",
};

const pools: { close(): Promise<void> }[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));

describe("the shared PDF pool", () => {
  it("draws a purchase order with the same text as the server's thread", { timeout: 60_000 }, async () => {
    const pool = createPdfPool(1);
    pools.push(pool);
    const bytes = await pool.purchaseOrder(purchaseOrder);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    expect(pdfText(bytes)).toBe(pdfText(await renderPurchaseOrderPdf(purchaseOrder)));
  });

  it("fails only the request whose worker ran out of its heap, and draws the next one in a new worker", { timeout: 120_000 }, async () => {
    const pool = createPdfPool(1, { resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 } });
    pools.push(pool);
    await expect(pool.invoice(invoice("F-2026-000666", 40_000))).rejects.toThrow(/memory/i);
    const next = await pool.invoice(invoice("F-2026-000667"));
    expect(pdfText(next)).toContain("Facture F-2026-000667");
    expect(pdfText(next)).toBe(pdfText(await renderInvoicePdf(invoice("F-2026-000667"))));
  });

  it("ends its workers after the idle delay and starts one again on the next request", { timeout: 60_000 }, async () => {
    const pool = createPdfPool(1, { idleMs: 300 });
    pools.push(pool);
    await pool.invoice(invoice("F-2026-000001"));
    expect(pool.workerCount()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(pool.workerCount()).toBe(0);
    expect(pdfText(await pool.invoice(invoice("F-2026-000002")))).toContain("Facture F-2026-000002");
  });
});
