// An order's documents: the purchase order PDF (API and pages), kept for the current version only, and
// uploaded files checked by content and size; every party sees them, other tenants get 404.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "~/modules/org/access.server";
import {
  documentsDir,
  getPurchaseOrderPdf,
  listOrderDocuments,
  MAX_UPLOAD_BYTES,
  readOrderDocument,
  uploadOrderDocument,
} from "~/modules/order/documents.server";
import { computeTotals, type LineKind } from "~/modules/pricing/totals";
import { getDb } from "~/utils/db.server";
import { formatCents } from "~/utils/money";
import { insertOrder } from "../setup/insert-order";
import { api, apiToken, PageClient, useTestServer, type TestServer } from "../setup/http";
import { pdfText } from "../setup/pdf-text";

let server: TestServer;
let order: Awaited<ReturnType<typeof insertOrder>>;
let foreignOrder: Awaited<ReturnType<typeof insertOrder>>; // aurore → bistro: nothing to do with brasserie or martin
const tokens: Record<string, string> = {};

const money = (cents: number) => formatCents(cents, "EUR", "fr-FR").replace(/[\u00a0\u202f]/g, " ");
const pdfBytes = (text = "a real PDF") => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);

async function poRows(orderId: string) {
  return getDb().orderDocument.findMany({ where: { orderId, kind: "PURCHASE_ORDER" } });
}

beforeAll(async () => {
  server = await useTestServer();
  order = await insertOrder({
    seller: "brasserie-du-pont",
    buyer: "epicerie-martin",
    rep: "agence-rep",
    distributor: "distribution-nord",
    createdBy: "marc@martin.test",
    deliveryDate: "2030-06-15",
    note: "Livrer par la cour, avant 9 h.",
    lines: [
      { description: "Blonde du Pont – Caisse de 24 × 33 cl", quantity: 10, unitPrice4: 42_0000, discountBps: 500, taxRateBps: 2000, depositCents: 600 },
      { description: "Limonade artisanale – Caisse de 24 × 25 cl", quantity: 4, unitPrice4: 21_6000, taxRateBps: 550, depositCents: 480 },
      { kind: "FEE", description: "Livraison express", quantity: 1, unitPrice4: 12_5000, taxRateBps: 2000 },
    ],
  });
  foreignOrder = await insertOrder({
    seller: "boulangerie-aurore",
    buyer: "bistro-gare",
    createdBy: "gaston@gare.test",
    lines: [{ description: "Baguette tradition", quantity: 50, unitPrice4: 1_0500, taxRateBps: 550 }],
  });
  for (const [who, email, org] of [
    ["alice", "alice@brasserie.test", "brasserie-du-pont"],
    ["marc", "marc@martin.test", "epicerie-martin"],
    ["rita", "rita@rep.test", "agence-rep"],
    ["bruno", "bruno@aurore.test", "boulangerie-aurore"],
    ["chloe", "chloe@central.test", "cafe-central"],
  ] as const) {
    tokens[who] = await apiToken(server, email, org);
  }
});

describe("GET /api/v1/orders/:id/purchase-order.pdf", () => {
  it("answers the purchase order as a PDF with the order's parties, lines and totals", async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/orders/${order.id}/purchase-order.pdf`, { headers: { Authorization: `Bearer ${tokens.marc}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^inline; filename="bon-de-commande-brasserie-du-pont-${order.number}\\.pdf"`));
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");

    const text = pdfText(bytes);
    // The seller's language (French) whoever asks.
    expect(text).toContain(`Bon de commande n° ${order.number}`);
    for (const expected of [
      "Brasserie du Pont",
      "12 quai du Pont, 59000 Lille",
      "N° TVA FR40123456789",
      "Épicerie Martin",
      "25 rue Nationale, 59000 Lille",
      "Agence Rep",
      "Distribution Nord",
      "Par le distributeur",
      "15 juin 2030",
      "Blonde du Pont – Caisse de 24 × 33 cl",
      "Limonade artisanale – Caisse de 24 × 25 cl",
      "Livraison express",
      "Livrer par la cour, avant 9 h.",
    ]) {
      expect(text, expected).toContain(expected);
    }
    const { totals } = computeTotals(order.lines.map((l) => ({ ...l, kind: l.kind as LineKind })), order);
    expect(totals.totalCents).toBe(order.totalCents);
    expect(text).toContain(`Sous-total HT\n${money(totals.subtotalCents)}`);
    expect(text).toContain(`TVA\n${money(totals.taxCents)}`);
    expect(text).toContain(`Consignes\n${money(totals.depositCents)}`);
    expect(text).toContain(`Total TTC\n${money(order.totalCents)}`);
  });

  it("is kept for the order's version and generated again after a change, one row kept", async () => {
    const first = await api(server, "GET", `/api/v1/orders/${order.id}/purchase-order.pdf`, { token: tokens.alice });
    expect(first.status).toBe(200);
    const rows = await poRows(order.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].storageKey).toBe(`${order.id}/purchase-order-v1.pdf`);
    const file = path.join(documentsDir(), rows[0].storageKey);
    const mtime = fs.statSync(file).mtimeMs;

    // Same version: the stored file is served again (same row, same bytes, file untouched).
    const again = await fetch(`${server.baseUrl}/api/v1/orders/${order.id}/purchase-order.pdf`, { headers: { Authorization: `Bearer ${tokens.rita}` } });
    expect(again.status).toBe(200);
    expect(Buffer.from(await again.arrayBuffer()).equals(fs.readFileSync(file))).toBe(true);
    expect((await poRows(order.id)).map((r) => r.id)).toEqual([rows[0].id]);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);

    // The order changes (as the services would: new quantity, new totals, next version).
    const db = getDb();
    const line = order.lines.find((l) => l.description.startsWith("Blonde"))!;
    await db.orderLine.update({ where: { id: line.id }, data: { quantity: 37 } });
    const lines = await db.orderLine.findMany({ where: { orderId: order.id } });
    const { totals, lines: amounts } = computeTotals(lines.map((l) => ({ ...l, kind: l.kind as LineKind })), order);
    for (const [i, l] of lines.entries()) await db.orderLine.update({ where: { id: l.id }, data: { totalCents: amounts[i].totalCents } });
    await db.order.update({ where: { id: order.id }, data: { ...totals, version: { increment: 1 } } });

    const regenerated = await fetch(`${server.baseUrl}/api/v1/orders/${order.id}/purchase-order.pdf`, { headers: { Authorization: `Bearer ${tokens.marc}` } });
    const text = pdfText(new Uint8Array(await regenerated.arrayBuffer()));
    expect(text).toContain("37");
    expect(text).toContain(`Total TTC\n${money(totals.totalCents)}`);
    expect(text).toContain("Version 2");
    const after = await poRows(order.id);
    expect(after).toHaveLength(1);
    expect(after[0].id).not.toBe(rows[0].id);
    expect(after[0].storageKey).toBe(`${order.id}/purchase-order-v2.pdf`);
    expect(fs.existsSync(file)).toBe(false); // the previous version's file is gone
  });

  it("keeps one row when several parties ask at once after a change", async () => {
    await getDb().order.update({ where: { id: order.id }, data: { version: { increment: 1 } } });
    const results = await Promise.all(
      [tokens.alice, tokens.marc, tokens.rita, tokens.alice, tokens.marc].map((token) =>
        fetch(`${server.baseUrl}/api/v1/orders/${order.id}/purchase-order.pdf`, { headers: { Authorization: `Bearer ${token}` } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const rows = await poRows(order.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].storageKey).toBe(`${order.id}/purchase-order-v3.pdf`);
    expect(fs.readdirSync(path.join(documentsDir(), order.id)).filter((f) => f.startsWith("purchase-order"))).toEqual(["purchase-order-v3.pdf"]);
  });

  it("answers 404 to another tenant, and to an unknown order", async () => {
    for (const token of [tokens.bruno, tokens.chloe]) {
      const res = await api(server, "GET", `/api/v1/orders/${order.id}/purchase-order.pdf`, { token });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    expect((await api(server, "GET", `/api/v1/orders/nope/purchase-order.pdf`, { token: tokens.alice })).status).toBe(404);
    expect((await api(server, "GET", `/api/v1/orders/${foreignOrder.id}/purchase-order.pdf`, { token: tokens.alice })).status).toBe(404);
    expect((await api(server, "GET", `/api/v1/orders/${order.id}/purchase-order.pdf`)).status).toBe(401);
    expect(await poRows(foreignOrder.id)).toHaveLength(0);
  });

  it("is described in the OpenAPI document", async () => {
    const doc = await api(server, "GET", "/api/v1/openapi.json");
    const op = doc.body.paths["/api/v1/orders/{id}/purchase-order.pdf"].get;
    expect(op.responses["200"].content).toHaveProperty(["application/pdf"]);
  });
});

describe("purchase order page route", () => {
  it("serves the PDF to a logged-in party, 404 elsewhere", async () => {
    const alice = await new PageClient(server).login("alice@brasserie.test");
    const res = await alice.download(`/o/brasserie-du-pont/orders/${order.id}/purchase-order.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(/^inline; filename="bon-de-commande-/);
    expect(pdfText(new Uint8Array(await res.arrayBuffer()))).toContain("Épicerie Martin");
    expect((await alice.download(`/o/brasserie-du-pont/orders/${foreignOrder.id}/purchase-order.pdf`)).status).toBe(404);
    expect((await alice.download(`/o/boulangerie-aurore/orders/${foreignOrder.id}/purchase-order.pdf`)).status).toBe(404);
    const anonymous = await new PageClient(server).download(`/o/brasserie-du-pont/orders/${order.id}/purchase-order.pdf`);
    expect(anonymous.status).toBe(302);
  });
});

describe("uploads", () => {
  let marc: PageClient;
  let alice: PageClient;
  let bruno: PageClient;
  beforeAll(async () => {
    marc = await new PageClient(server).login("marc@martin.test");
    alice = await new PageClient(server).login("alice@brasserie.test");
    bruno = await new PageClient(server).login("bruno@aurore.test");
  });

  function form(bytes: Uint8Array, filename: string, type = "application/pdf") {
    const data = new FormData();
    data.append("file", new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), filename);
    return data;
  }

  async function uploads(orderId = order.id) {
    return getDb().orderDocument.findMany({ where: { orderId, kind: "UPLOAD" }, orderBy: { createdAt: "asc" } });
  }

  it("adds a PDF: stored, recorded in the history, back to the Documents tab with a toast", async () => {
    const bytes = pdfBytes("bon de livraison signé");
    const res = await marc.postMultipart(`/o/epicerie-martin/orders/${order.id}/documents`, form(bytes, "Bon de livraison signé.pdf"));
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/o/epicerie-martin/orders/${order.id}?tab=documents`);
    const rows = await uploads();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ filename: "Bon de livraison signé.pdf", contentType: "application/pdf", sizeBytes: bytes.byteLength });
    expect(fs.readFileSync(path.join(documentsDir(), rows[0].storageKey)).equals(Buffer.from(bytes))).toBe(true);
    const event = await getDb().orderEvent.findFirstOrThrow({ where: { orderId: order.id, type: "DOCUMENT_ADDED" } });
    expect(event).toMatchObject({ actorName: "Marc Martin", actorOrgName: "Épicerie Martin" });
    expect(JSON.parse(event.changes)).toEqual({ filename: "Bon de livraison signé.pdf" });
    // The toast is waiting on the next page.
    const next = await marc.get(`/o/epicerie-martin`);
    expect(next.html).toContain("« Bon de livraison signé.pdf » ajouté aux documents de la commande");
  });

  it("lets the other party see and download it", async () => {
    const [doc] = await uploads();
    const actor = await loadActor({ id: (await getDb().user.findUniqueOrThrow({ where: { email: "alice@brasserie.test" } })).id, name: "Alice Dupont" }, "brasserie-du-pont");
    const listed = await listOrderDocuments(actor, order.id);
    const upload = listed.find((d) => d.id === doc.id)!;
    expect(upload).toMatchObject({ kind: "UPLOAD", uploadedBy: { name: "Marc Martin" }, organization: { name: "Épicerie Martin" } });

    const res = await alice.download(`/o/brasserie-du-pont/orders/${order.id}/documents/${doc.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="Bon de livraison signe.pdf"; filename*=UTF-8''Bon%20de%20livraison%20sign%C3%A9.pdf`,
    );
    expect(Buffer.from(await res.arrayBuffer()).toString("utf8")).toContain("bon de livraison signé");
  });

  it("refuses a .pdf that is really a text file (400, the error on the page, nothing stored)", async () => {
    const before = await uploads();
    const filesBefore = fs.readdirSync(path.join(documentsDir(), order.id)).length;
    const res = await marc.postMultipart(`/o/epicerie-martin/orders/${order.id}/documents`, form(new TextEncoder().encode("just some text\n"), "facture.pdf"));
    expect(res.status).toBe(400);
    expect(res.html).toContain("Seuls les fichiers PDF, PNG, JPEG et WebP");
    expect(await uploads()).toHaveLength(before.length);
    expect(fs.readdirSync(path.join(documentsDir(), order.id)).length).toBe(filesBefore);
  });

  it("refuses 10 MB + 1 byte, takes exactly 10 MB", async () => {
    const before = (await uploads()).length;
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    big.set(pdfBytes());
    const res = await marc.postMultipart(`/o/epicerie-martin/orders/${order.id}/documents`, form(big, "gros.pdf"));
    expect(res.status).toBe(400);
    expect(res.html).toContain("Le fichier dépasse 10 Mo.");
    expect(await uploads()).toHaveLength(before);

    const exact = big.subarray(0, MAX_UPLOAD_BYTES);
    const ok = await marc.postMultipart(`/o/epicerie-martin/orders/${order.id}/documents`, form(exact, "juste.pdf"));
    expect(ok.status).toBe(302);
    expect(await uploads()).toHaveLength(before + 1);
  });

  it("types a file by its content: a PNG named .pdf is stored and served as a PNG", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const res = await alice.postMultipart(`/o/brasserie-du-pont/orders/${order.id}/documents`, form(png, "photo-casse.pdf"));
    expect(res.status).toBe(302);
    const row = (await uploads()).at(-1)!;
    expect(row).toMatchObject({ contentType: "image/png", filename: "photo-casse.pdf.png", uploadedByOrgId: order.sellerId });
    const download = await marc.download(`/o/epicerie-martin/orders/${order.id}/documents/${row.id}`);
    expect(download.headers.get("content-type")).toBe("image/png");
  });

  it("lists the documents newest first, the purchase order among them", async () => {
    const marcUser = await getDb().user.findUniqueOrThrow({ where: { email: "marc@martin.test" } });
    const listed = await listOrderDocuments(await loadActor(marcUser, "epicerie-martin"), order.id);
    expect(listed.map((d) => d.filename)[0]).toBe("photo-casse.pdf.png");
    const times = listed.map((d) => d.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(listed.filter((d) => d.kind === "PURCHASE_ORDER")).toHaveLength(1);
  });

  it("shows the upload page to a party, 404 to another tenant", async () => {
    const page = await alice.get(`/o/brasserie-du-pont/orders/${order.id}/documents`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Ajouter un document");
    expect(page.html).toContain("Bon de livraison signé.pdf");
    expect((await bruno.get(`/o/boulangerie-aurore/orders/${order.id}/documents`)).status).toBe(404);
    expect((await alice.get(`/o/brasserie-du-pont/orders/${foreignOrder.id}/documents`)).status).toBe(404);
  });

  it("answers 404 to another tenant: no upload, no download, no list", async () => {
    const [doc] = await uploads();
    const before = (await uploads()).length;
    const post = await bruno.postMultipart(`/o/boulangerie-aurore/orders/${order.id}/documents`, form(pdfBytes(), "pirate.pdf"));
    expect(post.status).toBe(404);
    // Through an organization bruno does not belong to.
    expect((await bruno.postMultipart(`/o/epicerie-martin/orders/${order.id}/documents`, form(pdfBytes(), "pirate.pdf"))).status).toBe(404);
    expect(await uploads()).toHaveLength(before);
    expect((await bruno.download(`/o/boulangerie-aurore/orders/${order.id}/documents/${doc.id}`)).status).toBe(404);
    // A document id under another order of the user's own organization is no way in either.
    expect((await alice.download(`/o/brasserie-du-pont/orders/${foreignOrder.id}/documents/${doc.id}`)).status).toBe(404);

    const brunoUser = await getDb().user.findUniqueOrThrow({ where: { email: "bruno@aurore.test" } });
    const actor = await loadActor(brunoUser, "boulangerie-aurore");
    await expect(listOrderDocuments(actor, order.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(readOrderDocument(actor, order.id, doc.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getPurchaseOrderPdf(actor, order.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(uploadOrderDocument(actor, order.id, { filename: "x.pdf", contentType: "application/pdf", bytes: pdfBytes() })).rejects.toMatchObject({ code: "not_found" });
  });
});
