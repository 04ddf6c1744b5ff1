// Invoice and credit note PDFs (API and pages), drawn from the stored documents only, in the buyer's
// language, cached once drawn; who may read them; and the invoicing emails with their PDFs attached.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { listInvoiceDocuments } from "~/modules/invoice/documents.server";
import { notifyCreditNoteIssued, notifyInvoicePublished, notifyPaymentReceived } from "~/modules/invoice/notifications.server";
import { updateNotificationPreferences } from "~/modules/notify/preferences.server";
import { documentsDir } from "~/modules/order/documents.server";
import { loadActor } from "~/modules/org/access.server";
import { getDb } from "~/utils/db.server";
import { formatCents } from "~/utils/money";
import { createUser } from "../factories";
import { api, apiToken, PageClient, useTestServer, type TestServer } from "../setup/http";
import { insertCreditNote, insertInvoice, insertPayment } from "../setup/insert-invoice";
import { insertOrder } from "../setup/insert-order";
import { outboxTo } from "../setup/mail";
import { pdfText } from "../setup/pdf-text";

let server: TestServer;
let order: Awaited<ReturnType<typeof insertOrder>>;
let invoice: Awaited<ReturnType<typeof insertInvoice>>;
let foreignInvoice: Awaited<ReturnType<typeof insertInvoice>>; // aurore → bistro
const tokens: Record<string, string> = {};

const fr = (cents: number) => formatCents(cents, "EUR", "fr-FR").replace(/[\u00a0\u202f]/g, " ");
const en = (cents: number) => formatCents(cents, "EUR", "en-GB");
/** An email's text with its no-break spaces as plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

async function pdfOf(pathname: string, token: string) {
  const res = await fetch(`${server.baseUrl}${pathname}`, { headers: { Authorization: `Bearer ${token}` } });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

beforeAll(async () => {
  server = await useTestServer();
  const db = getDb();
  // An accountant at the retailer, who reads invoices (STAFF does not).
  const olga = await createUser({ email: "olga@martin.test", name: "Olga Compta", locale: "en" });
  const martin = await db.organization.findUniqueOrThrow({ where: { slug: "epicerie-martin" } });
  await db.membership.create({ data: { userId: olga.id, organizationId: martin.id, role: "ACCOUNTANT" } });

  order = await insertOrder({
    seller: "brasserie-du-pont",
    buyer: "epicerie-martin",
    rep: "agence-rep",
    distributor: "distribution-nord",
    createdBy: "marc@martin.test",
    status: "DELIVERED",
    deliveryDate: "2026-11-20",
    lines: [
      { description: "Blonde du Pont – Caisse de 24 × 33 cl", quantity: 10, unitPrice4: 42_1235, discountBps: 500, taxRateBps: 2000, depositCents: 600 },
      { description: "Limonade artisanale", quantity: 4, unitPrice4: 21_6000, taxRateBps: 550, depositCents: 480 },
      { kind: "FEE", description: "Livraison express", quantity: 1, unitPrice4: 12_5000, taxRateBps: 2000 },
    ],
  });
  invoice = await insertInvoice(order, { issuedAt: new Date("2026-11-24T09:00:00Z"), createdBy: "anna@brasserie.test" });
  const foreignOrder = await insertOrder({
    seller: "boulangerie-aurore",
    buyer: "bistro-gare",
    createdBy: "gaston@gare.test",
    status: "DELIVERED",
    lines: [{ description: "Baguette tradition", quantity: 50, unitPrice4: 1_0500, taxRateBps: 550 }],
  });
  foreignInvoice = await insertInvoice(foreignOrder);
  for (const [who, email, org] of [
    ["alice", "alice@brasserie.test", "brasserie-du-pont"],
    ["marc", "marc@martin.test", "epicerie-martin"],
    ["sophie", "sophie@martin.test", "epicerie-martin"],
    ["olga", "olga@martin.test", "epicerie-martin"],
    ["rita", "rita@rep.test", "agence-rep"],
    ["bruno", "bruno@aurore.test", "boulangerie-aurore"],
    ["chloe", "chloe@central.test", "cafe-central"],
  ] as const) {
    tokens[who] = await apiToken(server, email, org);
  }
});

describe("GET /api/v1/invoices/:id/invoice.pdf", () => {
  it("answers the invoice as published: parties with tax numbers, number, dates, terms, lines, taxes by rate, totals (French buyer)", async () => {
    const { res, bytes } = await pdfOf(`/api/v1/invoices/${invoice.id}/invoice.pdf`, tokens.marc);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^inline; filename="facture-${invoice.number}\\.pdf"`));
    expect(invoice.number).toMatch(/^F-2026-\d{6}$/);
    const text = pdfText(bytes);
    for (const expected of [
      `Facture ${invoice.number}`,
      "Brasserie du Pont",
      "12 quai du Pont, 59000 Lille",
      "N° TVA FR40123456789",
      "Épicerie Martin",
      "25 rue Nationale, 59000 Lille",
      "Date d’émission\n24 novembre 2026",
      "Échéance\n24 décembre 2026",
      "Conditions de paiement\n30 jours",
      `Commande\n#${order.number}`,
      "Livraison\n20 novembre 2026",
      "Blonde du Pont – Caisse de 24 × 33 cl",
      "42,124 €", // unit price with 3 decimals
      "5 %", // discount
      "Limonade artisanale",
      "Livraison express\nFrais",
    ]) {
      expect(text, expected).toContain(expected);
    }
    // Taxes by rate: 20 % on the beer and the fee, 5.5 % on the lemonade.
    const beer = invoice.lines[0];
    const lemonade = invoice.lines[1];
    const fee = invoice.lines[2];
    const base20 = beer.totalCents + fee.totalCents;
    expect(text).toContain(`TVA 20 % sur ${fr(base20)}\n${fr(Math.round(beer.totalCents * 0.2) + Math.round(fee.totalCents * 0.2))}`);
    expect(text).toContain(`TVA 5,5 % sur ${fr(lemonade.totalCents)}`);
    expect(text).toContain(`Sous-total HT\n${fr(invoice.subtotalCents)}`);
    expect(text).toContain(`Remises\n${fr(-invoice.discountCents)}`);
    expect(text).toContain(`Consignes\n${fr(invoice.depositCents)}`);
    expect(text).toContain(`Total TTC\n${fr(invoice.totalCents)}`);
    expect(invoice.totalCents).toBe(order.totalCents);
    // Nothing of what happens after publication.
    expect(text).not.toMatch(/Solde|Payé|Crédité/);
  });

  it("is written in English for an English-speaking buyer", async () => {
    const englishOrder = await insertOrder({
      seller: "brasserie-du-pont",
      buyer: "cafe-central",
      createdBy: "chloe@central.test",
      status: "DELIVERED",
      deliveryDate: "2026-11-21",
      lines: [{ description: "Blonde du Pont – Fût de 20 l", quantity: 2, unitPrice4: 89_9900, taxRateBps: 2000, depositCents: 3000 }],
    });
    const english = await insertInvoice(englishOrder, { issuedAt: new Date("2026-11-24T09:00:00Z"), locale: "en-GB" });
    const { res, bytes } = await pdfOf(`/api/v1/invoices/${english.id}/invoice.pdf`, tokens.chloe);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`filename="invoice-${english.number}\\.pdf"`));
    const text = pdfText(bytes);
    for (const expected of [
      `Invoice ${english.number}`,
      "Issue date\n24 November 2026",
      "Due date\n24 December 2026",
      "Payment terms\n30 days",
      "VAT no. FR40123456789",
      "Unit price",
      "€89.99",
      `Deposits\n${en(6000)}`,
      `Total\n${en(english.totalCents)}`,
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain("Facture");
  });

  it("is drawn from the stored invoice, never from the live order or organization", async () => {
    const db = getDb();
    const seller = await db.organization.findUniqueOrThrow({ where: { slug: "brasserie-du-pont" } });
    const other = await insertOrder({
      seller: "brasserie-du-pont",
      buyer: "epicerie-martin",
      createdBy: "marc@martin.test",
      status: "DELIVERED",
      lines: [{ description: "Ambrée", quantity: 3, unitPrice4: 40_0000, taxRateBps: 2000 }],
    });
    const published = await insertInvoice(other);
    await db.organization.update({ where: { id: seller.id }, data: { name: "Brasserie Renommée", taxNumber: "FR99999999999" } });
    try {
      const text = pdfText((await pdfOf(`/api/v1/invoices/${published.id}/invoice.pdf`, tokens.alice)).bytes);
      expect(text).toContain("Brasserie du Pont");
      expect(text).toContain("FR40123456789");
      expect(text).not.toContain("Renommée");
    } finally {
      await db.organization.update({ where: { id: seller.id }, data: { name: "Brasserie du Pont", taxNumber: "FR40123456789" } });
    }
  });

  it("is drawn once and then served from the stored file", async () => {
    const file = path.join(documentsDir(), order.id, `invoice-${invoice.id}.pdf`);
    expect(fs.existsSync(file)).toBe(true); // drawn by the first test
    const mtime = fs.statSync(file).mtimeMs;
    const again = await pdfOf(`/api/v1/invoices/${invoice.id}/invoice.pdf`, tokens.rita);
    expect(again.res.status).toBe(200);
    expect(Buffer.from(again.bytes).equals(fs.readFileSync(file))).toBe(true);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
  });

  it("is read by the seller side and the retailer's OWNER and ACCOUNTANT; STAFF 403; other tenants 404", async () => {
    for (const who of ["alice", "rita", "marc", "olga"]) {
      expect((await api(server, "GET", `/api/v1/invoices/${invoice.id}/invoice.pdf`, { token: tokens[who] })).status, who).toBe(200);
    }
    const staff = await api(server, "GET", `/api/v1/invoices/${invoice.id}/invoice.pdf`, { token: tokens.sophie });
    expect(staff.status).toBe(403);
    expect(staff.body.error.code).toBe("forbidden");
    for (const who of ["bruno", "chloe"]) {
      const res = await api(server, "GET", `/api/v1/invoices/${invoice.id}/invoice.pdf`, { token: tokens[who] });
      expect(res.status, who).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    expect((await api(server, "GET", `/api/v1/invoices/${foreignInvoice.id}/invoice.pdf`, { token: tokens.alice })).status).toBe(404);
    expect((await api(server, "GET", `/api/v1/invoices/nope/invoice.pdf`, { token: tokens.alice })).status).toBe(404);
    expect((await api(server, "GET", `/api/v1/invoices/${invoice.id}/invoice.pdf`)).status).toBe(401);
  });

  it("is described in the OpenAPI document", async () => {
    const doc = await api(server, "GET", "/api/v1/openapi.json");
    expect(doc.body.paths["/api/v1/invoices/{id}/invoice.pdf"].get.responses["200"].content).toHaveProperty(["application/pdf"]);
    expect(doc.body.paths["/api/v1/credit-notes/{id}/credit-note.pdf"].get.responses["200"].content).toHaveProperty(["application/pdf"]);
  });
});

describe("GET /api/v1/credit-notes/:id/credit-note.pdf", () => {
  it("shows the credited lines, the invoice it credits, the reconciliation note and the totals", async () => {
    const beer = invoice.lines[0];
    const creditNote = await insertCreditNote(invoice.id, {
      lines: [{ lineId: beer.lineId, quantity: 2 }],
      note: "Deux caisses cassées à la livraison",
      issuedAt: new Date("2026-11-25T10:00:00Z"),
    });
    const { res, bytes } = await pdfOf(`/api/v1/credit-notes/${creditNote.id}/credit-note.pdf`, tokens.olga);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`filename="avoir-${creditNote.number}\\.pdf"`));
    const text = pdfText(bytes);
    for (const expected of [
      `Avoir ${creditNote.number}`,
      "Marchandises non livrées",
      `Facture créditée\n${invoice.number}`,
      "Date de la facture\n24 novembre 2026",
      "Date d’émission\n25 novembre 2026",
      "Deux caisses cassées à la livraison",
      "Blonde du Pont – Caisse de 24 × 33 cl",
      "N° TVA FR40123456789",
      `Total de l’avoir TTC\n${fr(creditNote.totalCents)}`,
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain("Limonade");
    expect(creditNote.totalCents).toBeGreaterThan(0);
  });

  it("shows a free amount with its note (English buyer), and follows the invoice's access rules", async () => {
    const englishInvoice = await insertInvoice(
      await insertOrder({
        seller: "brasserie-du-pont",
        buyer: "epicerie-martin",
        createdBy: "marc@martin.test",
        status: "DELIVERED",
        lines: [{ description: "Stout", quantity: 5, unitPrice4: 50_0000, taxRateBps: 2000 }],
      }),
      { locale: "en" },
    );
    const creditNote = await insertCreditNote(englishInvoice.id, { amountCents: 1500, note: "Late delivery gesture" });
    const text = pdfText((await pdfOf(`/api/v1/credit-notes/${creditNote.id}/credit-note.pdf`, tokens.alice)).bytes);
    for (const expected of [`Credit note ${creditNote.number}`, "Free amount", `Invoice credited\n${englishInvoice.number}`, "Late delivery gesture", `Credit note total\n${en(1500)}`]) {
      expect(text, expected).toContain(expected);
    }
    expect((await api(server, "GET", `/api/v1/credit-notes/${creditNote.id}/credit-note.pdf`, { token: tokens.sophie })).status).toBe(403);
    for (const who of ["bruno", "chloe"]) {
      expect((await api(server, "GET", `/api/v1/credit-notes/${creditNote.id}/credit-note.pdf`, { token: tokens[who] })).status, who).toBe(404);
    }
    expect((await api(server, "GET", `/api/v1/credit-notes/nope/credit-note.pdf`, { token: tokens.alice })).status).toBe(404);
  });
});

describe("page routes and the order's Documents", () => {
  it("serves the PDFs to members who may read invoices, 403 to retailer STAFF, 404 elsewhere", async () => {
    const marc = await new PageClient(server).login("marc@martin.test");
    const res = await marc.download(`/o/epicerie-martin/invoices/${invoice.id}/invoice.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(pdfText(new Uint8Array(await res.arrayBuffer()))).toContain(`Facture ${invoice.number}`);
    expect((await marc.download(`/o/epicerie-martin/invoices/${foreignInvoice.id}/invoice.pdf`)).status).toBe(404);

    const sophie = await new PageClient(server).login("sophie@martin.test");
    expect((await sophie.download(`/o/epicerie-martin/invoices/${invoice.id}/invoice.pdf`)).status).toBe(403);

    const bruno = await new PageClient(server).login("bruno@aurore.test");
    expect((await bruno.download(`/o/boulangerie-aurore/invoices/${invoice.id}/invoice.pdf`)).status).toBe(404);
    const creditNote = await getDb().creditNote.findFirstOrThrow({ where: { invoiceId: invoice.id } });
    expect((await bruno.download(`/o/boulangerie-aurore/credit-notes/${creditNote.id}/credit-note.pdf`)).status).toBe(404);
    const alice = await new PageClient(server).login("alice@brasserie.test");
    const cn = await alice.download(`/o/brasserie-du-pont/credit-notes/${creditNote.id}/credit-note.pdf`);
    expect(cn.status).toBe(200);
    expect(pdfText(new Uint8Array(await cn.arrayBuffer()))).toContain(`Avoir ${creditNote.number}`);
  });

  it("lists the order's invoice and credit notes for those who may read them", async () => {
    const db = getDb();
    const marc = await loadActor(await db.user.findUniqueOrThrow({ where: { email: "marc@martin.test" } }), "epicerie-martin");
    const sophie = await loadActor(await db.user.findUniqueOrThrow({ where: { email: "sophie@martin.test" } }), "epicerie-martin");
    const listed = await listInvoiceDocuments(marc, order.id);
    expect(listed.map((d) => [d.kind, d.filename])).toEqual([
      ["CREDIT_NOTE", expect.stringMatching(new RegExp(`^avoir-AV-${new Date().getFullYear()}-\\d{6}\\.pdf$`))],
      ["INVOICE", `facture-${invoice.number}.pdf`],
    ]);
    expect(await listInvoiceDocuments(sophie, order.id)).toEqual([]);

    const page = await (await new PageClient(server).login("marc@martin.test")).get(`/o/epicerie-martin/orders/${order.id}/documents`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`/o/epicerie-martin/invoices/${invoice.id}/invoice.pdf`);
    const staffPage = await (await new PageClient(server).login("sophie@martin.test")).get(`/o/epicerie-martin/orders/${order.id}/documents`);
    expect(staffPage.status).toBe(200);
    expect(staffPage.html).not.toContain("/invoice.pdf");
    // The order page's Documents tab lists them too.
    const tab = await (await new PageClient(server).login("marc@martin.test")).get(`/o/epicerie-martin/orders/${order.id}?tab=documents`);
    expect(tab.html).toContain(`/o/epicerie-martin/invoices/${invoice.id}/invoice.pdf`);
    expect(tab.html).toContain("/credit-note.pdf");
  });
});

describe("invoicing emails", () => {
  it("invoice published: the buyer's OWNER and ACCOUNTANT, in their language, with the PDF attached; not STAFF, not the acting seller", async () => {
    const published = await insertInvoice(
      await insertOrder({
        seller: "brasserie-du-pont",
        buyer: "epicerie-martin",
        createdBy: "marc@martin.test",
        status: "DELIVERED",
        lines: [{ description: "Triple", quantity: 6, unitPrice4: 55_0000, taxRateBps: 2000 }],
      }),
      { createdBy: "anna@brasserie.test" },
    );
    await getDb().$transaction((tx) => notifyInvoicePublished(tx, published.id));

    const [toMarc] = (await outboxTo("marc@martin.test")).filter((e) => e.subject.includes(published.number));
    expect(toMarc.subject).toBe(`Facture ${published.number} de Brasserie du Pont (commande n° ${published.orderNumber})`);
    expect(plain(toMarc.text)).toContain(fr(published.totalCents));
    expect(toMarc.text).toContain(`/o/epicerie-martin/orders/${published.orderId}`);
    expect(toMarc.attachments).toHaveLength(1);
    expect(toMarc.attachments[0].filename).toBe(`facture-${published.number}.pdf`);
    expect(toMarc.attachments[0].contentType).toBe("application/pdf");
    expect(pdfText(new Uint8Array(toMarc.attachments[0].content))).toContain(`Facture ${published.number}`);

    // Olga's own language is English; the PDF stays in the buyer's language.
    const [toOlga] = (await outboxTo("olga@martin.test")).filter((e) => e.subject.includes(published.number));
    expect(toOlga.subject).toBe(`Invoice ${published.number} from Brasserie du Pont (order #${published.orderNumber})`);
    expect(toOlga.text).toContain("The PDF is attached.");
    expect(toOlga.attachments[0].filename).toBe(`facture-${published.number}.pdf`);

    for (const email of ["sophie@martin.test", "alice@brasserie.test", "anna@brasserie.test", "rita@rep.test", "dan@nord.test"]) {
      expect((await outboxTo(email)).filter((e) => e.subject.includes(published.number)), email).toEqual([]);
    }
  });

  it("leaves out whoever switched invoice emails off in their notification settings", async () => {
    const olga = await getDb().user.findUniqueOrThrow({ where: { email: "olga@martin.test" } });
    await updateNotificationPreferences(olga.id, { ORDER_NEW: true, ORDER_STATUS: true, MESSAGE: true, INVOICE: false });
    try {
      const published = await insertInvoice(
        await insertOrder({
          seller: "brasserie-du-pont",
          buyer: "epicerie-martin",
          createdBy: "marc@martin.test",
          status: "DELIVERED",
          lines: [{ description: "Blonde", quantity: 3, unitPrice4: 12_0000, taxRateBps: 2000 }],
        }),
        { createdBy: "anna@brasserie.test" },
      );
      await getDb().$transaction((tx) => notifyInvoicePublished(tx, published.id));
      expect((await outboxTo("marc@martin.test")).filter((e) => e.subject.includes(published.number))).toHaveLength(1);
      expect((await outboxTo("olga@martin.test")).filter((e) => e.subject.includes(published.number))).toEqual([]);
    } finally {
      await updateNotificationPreferences(olga.id, { ORDER_NEW: true, ORDER_STATUS: true, MESSAGE: true, INVOICE: true });
    }
  });

  it("invoice published by the rep: the seller's OWNER and ACCOUNTANT get it for the record", async () => {
    const published = await insertInvoice(
      await insertOrder({
        seller: "brasserie-du-pont",
        buyer: "epicerie-martin",
        rep: "agence-rep",
        createdBy: "marc@martin.test",
        status: "DELIVERED",
        lines: [{ description: "Saison", quantity: 2, unitPrice4: 45_0000, taxRateBps: 2000 }],
      }),
      { createdBy: "rita@rep.test", createdByOrg: "agence-rep" },
    );
    await getDb().$transaction((tx) => notifyInvoicePublished(tx, published.id));
    for (const email of ["alice@brasserie.test", "anna@brasserie.test", "marc@martin.test", "olga@martin.test"]) {
      expect((await outboxTo(email)).filter((e) => e.subject.includes(published.number)), email).toHaveLength(1);
    }
    for (const email of ["sam@brasserie.test", "rita@rep.test", "sophie@martin.test"]) {
      expect((await outboxTo(email)).filter((e) => e.subject.includes(published.number)), email).toEqual([]);
    }
  });

  it("credit note issued: the buyer, with the credit note PDF attached", async () => {
    const creditNote = await insertCreditNote(invoice.id, { amountCents: 990, note: "Remise commerciale" });
    await getDb().$transaction((tx) => notifyCreditNoteIssued(tx, creditNote.id));
    const [toMarc] = (await outboxTo("marc@martin.test")).filter((e) => e.subject.includes(creditNote.number));
    expect(toMarc.subject).toBe(`Avoir ${creditNote.number} de Brasserie du Pont (facture ${invoice.number})`);
    expect(toMarc.text).toContain("Remise commerciale");
    expect(plain(toMarc.text)).toContain(fr(990));
    expect(toMarc.attachments.map((a) => a.filename)).toEqual([`avoir-${creditNote.number}.pdf`]);
    expect(pdfText(new Uint8Array(toMarc.attachments[0].content))).toContain(`Avoir ${creditNote.number}`);
    const [toOlga] = (await outboxTo("olga@martin.test")).filter((e) => e.subject.includes(creditNote.number));
    expect(toOlga.subject).toBe(`Credit note ${creditNote.number} from Brasserie du Pont (invoice ${invoice.number})`);
    expect((await outboxTo("sophie@martin.test")).filter((e) => e.subject.includes(creditNote.number))).toEqual([]);
  });

  it("payment received: the buyer always; the seller too when nobody of it recorded it (online payment)", async () => {
    const manual = await insertPayment({ allocations: [{ invoiceId: invoice.id, amountCents: 10_000 }], method: "CHEQUE", reference: "CHQ 1234567" });
    await getDb().$transaction((tx) => notifyPaymentReceived(tx, manual.id));
    const [toMarc] = (await outboxTo("marc@martin.test")).filter((e) => e.subject.startsWith("Paiement de"));
    expect(toMarc.subject.replace(/[\u00a0\u202f]/g, " ")).toBe(`Paiement de ${fr(10_000)} reçu par Brasserie du Pont`);
    expect(toMarc.text).toContain("Chèque");
    expect(toMarc.text).toContain("CHQ 1234567");
    expect(toMarc.text).toContain(invoice.number);
    expect(toMarc.attachments).toEqual([]);
    expect((await outboxTo("alice@brasserie.test")).filter((e) => e.subject.startsWith("Paiement"))).toEqual([]);

    const online = await insertPayment({ allocations: [{ invoiceId: invoice.id, amountCents: 2_500 }], method: "CARD", createdByOrgId: null });
    await getDb().$transaction((tx) => notifyPaymentReceived(tx, online.id));
    const toAlice = (await outboxTo("alice@brasserie.test")).filter((e) => e.subject.startsWith("Paiement"));
    expect(toAlice).toHaveLength(1);
    expect(toAlice[0].text).toContain("Carte");
    const toOlga = (await outboxTo("olga@martin.test")).filter((e) => e.subject.startsWith("Payment of"));
    expect(toOlga).toHaveLength(2);
    expect(toOlga[1].text).toContain("Card");
  });
});
