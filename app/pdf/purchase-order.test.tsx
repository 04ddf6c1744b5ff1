import { describe, expect, it } from "vitest";
import { computeTotals } from "~/modules/pricing/totals";
import { formatCents } from "~/utils/money";
import { pdfText as extractText } from "../../tests/setup/pdf-text";
import { pdfText } from "./common";
import { renderPurchaseOrderPdf, type PurchaseOrderPdfProps } from "./purchase-order";

const base: PurchaseOrderPdfProps = {
  language: "fr",
  locale: "fr-FR",
  currency: "EUR",
  number: 42,
  version: 3,
  orderDate: new Date("2026-03-02T10:00:00Z"),
  deliveryDate: "2026-03-10",
  distribution: "DISTRIBUTOR",
  seller: { name: "Brasserie du Pont", address: "12 quai du Pont, 59000 Lille", email: "alice@brasserie.test", phone: "03 20 00 00 00", taxNumber: "FR40123456789" },
  buyer: { name: "Épicerie Martin", address: "25 rue Nationale, 59000 Lille", email: "marc@martin.test" },
  rep: { name: "Agence Rep" },
  distributor: { name: "Distribution Nord" },
  lines: [
    { kind: "ITEM", description: "Blonde du Pont – Caisse de 24 × 33 cl", quantity: 12, unitPrice4: 42_1235, discountBps: 500, taxRateBps: 2000, depositCents: 600 },
    { kind: "ITEM", description: "Limonade artisanale", quantity: 3, unitPrice4: 21_6000, discountBps: 0, taxRateBps: 550, depositCents: 480 },
    { kind: "FEE", description: "Livraison express", quantity: 1, unitPrice4: 15_0000, discountBps: 0, taxRateBps: 2000, depositCents: 0 },
    { kind: "REBATE", description: "Geste commercial", quantity: 1, unitPrice4: 5_0000, discountBps: 0, taxRateBps: 2000, depositCents: 0 },
  ],
  taxesEnabled: true,
  depositsEnabled: true,
  note: "Livrer par l’arrière, avant 9 h.",
};

/** The PDF's text, with money written as the PDF writes it (WinAnsi-safe, spaces plain). */
const money = (cents: number, locale = "fr-FR", currency = "EUR") => pdfText(formatCents(cents, currency, locale)).replace(/\u00a0/g, " ");

describe("purchase order PDF", () => {
  it("is an A4 PDF with the parties, number, dates, lines, totals and note (French)", async () => {
    const bytes = await renderPurchaseOrderPdf(base);
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    const raw = Buffer.from(bytes).toString("latin1");
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.\d+ 841\.\d+\]/); // A4 in points
    expect(raw).toContain("/BaseFont /Helvetica");

    const text = extractText(bytes);
    for (const expected of [
      "Bon de commande n° 42",
      "Brasserie du Pont",
      "12 quai du Pont, 59000 Lille",
      "alice@brasserie.test",
      "03 20 00 00 00",
      "N° TVA FR40123456789",
      "Épicerie Martin",
      "25 rue Nationale, 59000 Lille",
      "2 mars 2026",
      "10 mars 2026",
      "Par le distributeur",
      "Agence Rep",
      "Distribution Nord",
      "Blonde du Pont – Caisse de 24 × 33 cl",
      "Limonade artisanale",
      "Livraison express",
      "Geste commercial",
      "42,124 €", // 3 decimals of 42.1235, rounded half away from zero
      "5,5 %",
      "Livrer par l’arrière, avant 9 h.",
      "Version 3",
    ]) {
      expect(text, expected).toContain(expected);
    }

    const { lines, totals } = computeTotals(base.lines, base);
    expect(totals.totalCents).toBeGreaterThan(0);
    expect(text).toContain(`Sous-total HT\n${money(totals.subtotalCents)}`);
    expect(text).toContain(`Remises\n${money(-totals.discountCents)}`);
    expect(text).toContain(`TVA\n${money(totals.taxCents)}`);
    expect(text).toContain(`Consignes\n${money(totals.depositCents)}`);
    expect(text).toContain(`Total TTC\n${money(totals.totalCents)}`);
    for (const line of lines) expect(text).toContain(money(line.totalCents));
    expect(text).toContain(money(-5_00)); // the rebate is negative
  });

  it("speaks English for an English reader, with the seller's money format", async () => {
    const props: PurchaseOrderPdfProps = { ...base, language: "en", locale: "en-GB", currency: "GBP" };
    const text = extractText(await renderPurchaseOrderPdf(props));
    expect(text).toContain("Purchase order #42");
    expect(text).toContain("Requested delivery");
    expect(text).toContain("10 March 2026");
    expect(text).toContain("Through the distributor");
    expect(text).not.toContain("Bon de commande");
    const { totals } = computeTotals(base.lines, base);
    expect(text).toContain(`Total\n${money(totals.totalCents, "en-GB", "GBP")}`);
    expect(text).toContain("£42.124");
  });

  it("leaves out taxes and deposits removed from the order, and optional parties", async () => {
    const props: PurchaseOrderPdfProps = { ...base, taxesEnabled: false, depositsEnabled: false, rep: null, distributor: null, note: "", distribution: "PICKUP" };
    const text = extractText(await renderPurchaseOrderPdf(props));
    const { totals } = computeTotals(base.lines, { taxesEnabled: false, depositsEnabled: false });
    expect(totals.taxCents).toBe(0);
    expect(text).toContain("TVA non appliquée");
    expect(text).not.toContain("Consignes");
    expect(text).not.toContain("Agence Rep");
    expect(text).not.toContain("NOTE");
    expect(text).toContain("Retrait sur place");
    expect(text).toContain(`Total TTC\n${money(totals.totalCents)}`);
  });

  it("spreads many lines over several pages, repeating the table header", async () => {
    const lines = Array.from({ length: 120 }, (_, i) => ({ ...base.lines[0], description: `Article ${i + 1}` }));
    const bytes = await renderPurchaseOrderPdf({ ...base, lines });
    const text = extractText(bytes);
    expect(text).toContain("Article 1\n");
    expect(text).toContain("Article 120");
    expect(text).toMatch(/Page 1 \/ [3-9]/);
    expect(text.split("Désignation").length - 1).toBeGreaterThanOrEqual(3);
  });

  it("writes characters the built-in font lacks in their nearest form", () => {
    expect(pdfText("1\u202f234,50\u00a0€")).toBe("1\u00a0234,50\u00a0€");
    expect(pdfText("\u22125")).toBe("-5");
    expect(pdfText("Łódź 🍺")).toBe("Lódz ?");
    expect(pdfText("Œuvre — “quoted” ’")).toBe("Œuvre — “quoted” ’");
  });
});
