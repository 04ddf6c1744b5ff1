// The PDF pool of bulk exports: worker threads draw the same PDFs as the server's own thread, several
// at a time, and a document that cannot be drawn fails alone.
import { afterAll, describe, expect, it } from "vitest";
import { renderDeliveryNotesPdf, type DeliveryNotesPdfProps } from "~/pdf/delivery-notes";
import { renderInvoicePdf, type InvoicePdfProps } from "~/pdf/invoice";
import { pdfText } from "../../../tests/setup/pdf-text";
import { createPdfPool } from "./pdf-pool.server";

const invoice = (number: string): InvoicePdfProps => ({
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
  lines: [{ kind: "ITEM", description: "Blonde — Caisse de 24 × 33 cl", quantity: 3, unitPrice4: 40_0000, discountBps: 0, taxRateBps: 2000, depositCents: 0, totalCents: 12_000 }],
  taxesEnabled: true,
  depositsEnabled: false,
  totals: { subtotalCents: 12_000, discountCents: 0, taxCents: 2_400, depositCents: 0, totalCents: 14_400 },
  note: "",
});

const pool = createPdfPool(2);
afterAll(() => pool.close());

describe("the PDF pool", () => {
  it("draws invoices in worker threads, the same text as the server's thread", { timeout: 60_000 }, async () => {
    const drawn = await Promise.all(["F-2026-000001", "F-2026-000002", "F-2026-000003"].map((n) => pool.invoice(invoice(n))));
    for (const [i, bytes] of drawn.entries()) {
      expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
      expect(pdfText(bytes)).toContain(`Facture F-2026-00000${i + 1}`);
    }
    expect(pdfText(drawn[0])).toBe(pdfText(await renderInvoicePdf(invoice("F-2026-000001"))));
  });

  it("fails the document that cannot be drawn, and keeps drawing the others", { timeout: 60_000 }, async () => {
    const broken = { ...invoice("F-2026-000009"), lines: null } as unknown as InvoicePdfProps;
    await expect(pool.invoice(broken)).rejects.toThrow();
    expect(pdfText(await pool.invoice(invoice("F-2026-000010")))).toContain("Facture F-2026-000010");
  });

  it("streams delivery notes in pieces that make the same document as drawn at once", { timeout: 60_000 }, async () => {
    const notes: DeliveryNotesPdfProps = {
      language: "fr", locale: "fr-BE", currency: "EUR", date: "2027-03-02", eve: false, unitPriceDecimals: 3, producer: { name: "Boulangerie Aurore" },
      notes: Array.from({ length: 300 }, (_, i) => ({
        customerId: `c${i}`, customerSlug: `c${i}`, customerName: `Client ${i}`, round: 1, position: i + 1, orderNumber: null, slicing: null, totalCents: 950, customer: { name: `Client ${i}` },
        lines: Array.from({ length: 20 }, (_, j) => ({ description: `Article ${j}`, quantity: 1, unitPrice4: 9_500, totalCents: 95 })),
      })),
    };
    const pieces: Uint8Array[] = [];
    await pool.deliveryNotesStream(notes, (piece) => pieces.push(piece));
    expect(pieces.length).toBeGreaterThan(1);
    const streamed = Buffer.concat(pieces);
    expect(streamed.subarray(0, 5).toString()).toBe("%PDF-");
    expect(streamed.subarray(-6).toString().trim()).toBe("%%EOF");
    // The same document as drawn at once, but for its creation date and id (of the same length).
    const whole = await renderDeliveryNotesPdf(notes);
    expect(streamed.byteLength).toBe(whole.byteLength);
  });
});
