// Documents in bulk: an export started from the order list's filters is zipped by a background job
// (QUEUED → RUNNING → DONE, progress kept in the row), holds what the user may read (no invoices for a
// retailer's STAFF), is the user's own (404 to anyone else) and is cleaned up after a day.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  cleanupExpiredDocumentExports,
  exportsDir,
  runPendingDocumentExports,
} from "~/modules/document-export/document-export.server";
import { getDb } from "~/utils/db.server";
import { PageClient, useTestServer, type TestServer } from "../setup/http";
import { insertCreditNote, insertInvoice } from "../setup/insert-invoice";
import { insertOrder } from "../setup/insert-order";
import { pdfText } from "../setup/pdf-text";

let server: TestServer;
let pending: Awaited<ReturnType<typeof insertOrder>>;
let invoiced: Awaited<ReturnType<typeof insertOrder>>;
let invoice: Awaited<ReturnType<typeof insertInvoice>>;
let creditNote: Awaited<ReturnType<typeof insertCreditNote>>;
let martinId: string;
const clients: Record<string, PageClient> = {};

// Delivery dates no other order of the demo data has: the filters select exactly these orders.
const FILTERS = { deliveryFrom: "2035-05-01", deliveryTo: "2035-05-31" };

/** The names of a zip's entries, as `unzip -l` lists them. */
function zipEntries(bytes: Uint8Array): string[] {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zip-")), "export.zip");
  fs.writeFileSync(file, bytes);
  const listing = execFileSync("unzip", ["-Z1", file], { encoding: "utf8" });
  return listing.split("\n").filter(Boolean).sort();
}

/** Waits for the server's job to finish an export (it starts by itself when the export is created). */
async function finished(id: string) {
  for (let i = 0; i < 400; i++) {
    const row = await getDb().documentExport.findUniqueOrThrow({ where: { id } });
    if (row.status === "DONE" || row.status === "FAILED") return row;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`export ${id} did not finish`);
}

/** Starts an export as the user does (the list's form), waits for the job, returns its id. */
async function exportAs(client: PageClient, org: string, filters: Record<string, string>) {
  const res = await client.post(`/o/${org}/orders/documents-export`, filters);
  expect(res.status).toBe(302);
  const id = /\/orders\/documents-export\/([A-Za-z0-9_-]+)$/.exec(res.location ?? "")?.[1];
  expect(id).toBeTruthy();
  expect((await finished(id!)).status).toBe("DONE");
  return id!;
}

beforeAll(async () => {
  server = await useTestServer();
  martinId = (await getDb().organization.findUniqueOrThrow({ where: { slug: "epicerie-martin" } })).id;
  pending = await insertOrder({
    seller: "brasserie-du-pont",
    buyer: "epicerie-martin",
    createdBy: "marc@martin.test",
    deliveryDate: "2035-05-10",
    lines: [{ description: "Blonde", quantity: 3, unitPrice4: 40_0000, taxRateBps: 2000 }],
  });
  invoiced = await insertOrder({
    seller: "brasserie-du-pont",
    buyer: "epicerie-martin",
    createdBy: "marc@martin.test",
    status: "DELIVERED",
    deliveryDate: "2035-05-12",
    lines: [
      { description: "Ambrée", quantity: 4, unitPrice4: 45_0000, taxRateBps: 2000 },
      { description: "Stout", quantity: 2, unitPrice4: 50_0000, taxRateBps: 2000 },
    ],
  });
  invoice = await insertInvoice(invoiced);
  creditNote = await insertCreditNote(invoice.id, { lines: [{ lineId: invoice.lines[1].lineId, quantity: 1 }], note: "Un fût manquant" });
  // Another seller's order in the same days: never in brasserie's exports.
  await insertOrder({
    seller: "boulangerie-aurore",
    buyer: "bistro-gare",
    createdBy: "gaston@gare.test",
    deliveryDate: "2035-05-11",
    lines: [{ description: "Baguette", quantity: 40, unitPrice4: 1_0500, taxRateBps: 550 }],
  });
  for (const email of ["alice@brasserie.test", "sam@brasserie.test", "marc@martin.test", "sophie@martin.test", "bruno@aurore.test"]) {
    clients[email.split("@")[0]] = await new PageClient(server).login(email);
  }
});

describe("documents in bulk", () => {
  it("zips the purchase orders, the live invoice and its credit notes of the filtered orders, one folder per order", async () => {
    const id = await exportAs(clients.alice, "brasserie-du-pont", { ...FILTERS, buyer: martinId });
    const row = await getDb().documentExport.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("DONE");
    expect(row.total).toBe(2);
    expect(row.done).toBe(2);
    expect(row.storageKey).toBe(`${id}.zip`);
    expect(fs.existsSync(path.join(exportsDir(), row.storageKey!))).toBe(true);

    const page = await clients.alice.get(`/o/brasserie-du-pont/orders/documents-export/${id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("2 commandes sur 2");
    expect(page.html).toContain(`/o/brasserie-du-pont/orders/documents-export/${id}/download`);
    expect(page.html).not.toContain('http-equiv="refresh"');

    const download = await clients.alice.download(`/o/brasserie-du-pont/orders/documents-export/${id}/download`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/zip");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="documents-brasserie-du-pont-\d{4}-\d{2}-\d{2}\.zip"/);
    expect(zipEntries(new Uint8Array(await download.arrayBuffer()))).toEqual(
      [
        `brasserie-du-pont-${pending.number}/bon-de-commande-brasserie-du-pont-${pending.number}.pdf`,
        `brasserie-du-pont-${invoiced.number}/bon-de-commande-brasserie-du-pont-${invoiced.number}.pdf`,
        `brasserie-du-pont-${invoiced.number}/facture-${invoice.number}.pdf`,
        `brasserie-du-pont-${invoiced.number}/avoir-${creditNote.number}.pdf`,
      ].sort(),
    );
  });

  it("holds no invoice for a retailer's STAFF, and the invoices for its OWNER", async () => {
    const staff = await exportAs(clients.sophie, "epicerie-martin", FILTERS);
    const staffZip = await clients.sophie.download(`/o/epicerie-martin/orders/documents-export/${staff}/download`);
    expect(zipEntries(new Uint8Array(await staffZip.arrayBuffer()))).toEqual(
      [
        `brasserie-du-pont-${pending.number}/bon-de-commande-brasserie-du-pont-${pending.number}.pdf`,
        `brasserie-du-pont-${invoiced.number}/bon-de-commande-brasserie-du-pont-${invoiced.number}.pdf`,
      ].sort(),
    );
    const owner = await exportAs(clients.marc, "epicerie-martin", FILTERS);
    const ownerZip = await clients.marc.download(`/o/epicerie-martin/orders/documents-export/${owner}/download`);
    expect(zipEntries(new Uint8Array(await ownerZip.arrayBuffer()))).toContain(`brasserie-du-pont-${invoiced.number}/facture-${invoice.number}.pdf`);
  });

  it("shows its progress from the row while it runs, refreshing itself without JavaScript", async () => {
    const db = getDb();
    const alice = await db.user.findUniqueOrThrow({ where: { email: "alice@brasserie.test" } });
    const brasserie = await db.organization.findUniqueOrThrow({ where: { slug: "brasserie-du-pont" } });
    // A running export as the job leaves it between two progress updates.
    const row = await db.documentExport.create({
      data: { orgId: brasserie.id, userId: alice.id, filters: JSON.stringify(FILTERS), status: "RUNNING", total: 40, done: 15, expiresAt: new Date(Date.now() + 86_400_000) },
    });
    const page = await clients.alice.get(`/o/brasserie-du-pont/orders/documents-export/${row.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("15 commandes sur 40");
    expect(page.html).toMatch(/<progress[^>]*max="40"[^>]*value="15"/);
    expect(page.html).toContain('http-equiv="refresh"');
    expect(page.html).not.toContain(`${row.id}/download`);
    expect((await clients.alice.download(`/o/brasserie-du-pont/orders/documents-export/${row.id}/download`)).status).toBe(404);
    // The list of the user's exports shows it too.
    const list = await clients.alice.get(`/o/brasserie-du-pont/orders/documents-export`);
    expect(list.html).toContain(`/o/brasserie-du-pont/orders/documents-export/${row.id}`);
    await db.documentExport.delete({ where: { id: row.id } });
  });

  it("runs the exports left QUEUED when the scheduler calls runPendingDocumentExports", async () => {
    const db = getDb();
    const alice = await db.user.findUniqueOrThrow({ where: { email: "alice@brasserie.test" } });
    const brasserie = await db.organization.findUniqueOrThrow({ where: { slug: "brasserie-du-pont" } });
    const row = await db.documentExport.create({
      data: { orgId: brasserie.id, userId: alice.id, filters: JSON.stringify(FILTERS), total: 2, expiresAt: new Date(Date.now() + 86_400_000) },
    });
    await runPendingDocumentExports();
    const done = await finished(row.id);
    expect(done.status).toBe("DONE");
    expect(done.done).toBe(2);
    expect(done.sizeBytes).toBeGreaterThan(0);
  });

  it("is the user's own: another organization's user, and another member, get 404", async () => {
    const id = await exportAs(clients.alice, "brasserie-du-pont", FILTERS);
    expect((await clients.bruno.get(`/o/boulangerie-aurore/orders/documents-export/${id}`)).status).toBe(404);
    expect((await clients.bruno.download(`/o/boulangerie-aurore/orders/documents-export/${id}/download`)).status).toBe(404);
    expect((await clients.sam.get(`/o/brasserie-du-pont/orders/documents-export/${id}`)).status).toBe(404);
    expect((await clients.sam.download(`/o/brasserie-du-pont/orders/documents-export/${id}/download`)).status).toBe(404);
    expect((await clients.alice.get(`/o/brasserie-du-pont/orders/documents-export/${id}`)).status).toBe(200);
  });

  it("refuses filters that select no order, with the reason", async () => {
    const res = await clients.alice.post(`/o/brasserie-du-pont/orders/documents-export`, { deliveryFrom: "2040-01-01", deliveryTo: "2040-01-31" });
    expect(res.status).toBe(400);
    expect(res.html).toContain("Aucune commande ne correspond à ces filtres");
  });

  it("is deleted with its zip once expired", async () => {
    const id = await exportAs(clients.alice, "brasserie-du-pont", FILTERS);
    const db = getDb();
    const row = await db.documentExport.findUniqueOrThrow({ where: { id } });
    const file = path.join(exportsDir(), row.storageKey!);
    expect(fs.existsSync(file)).toBe(true);
    expect(await cleanupExpiredDocumentExports(new Date(Date.now() + 60_000))).toBe(0);
    const later = new Date(row.expiresAt.getTime() + 1);
    expect(await cleanupExpiredDocumentExports(later)).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(file)).toBe(false);
    expect(await db.documentExport.findUnique({ where: { id } })).toBeNull();
    expect((await clients.alice.get(`/o/brasserie-du-pont/orders/documents-export/${id}`)).status).toBe(404);
  });

  it("holds only the kinds of documents the user ticked, the invoices drawn by the worker threads", async () => {
    const form = new FormData();
    for (const [key, value] of Object.entries({ ...FILTERS, buyer: martinId })) form.append(key, value);
    form.append("documents", "");
    form.append("documents", "INVOICE");
    const res = await clients.alice.postMultipart("/o/brasserie-du-pont/orders/documents-export", form);
    expect(res.status).toBe(302);
    const id = /\/orders\/documents-export\/([A-Za-z0-9_-]+)$/.exec(res.location ?? "")![1];
    expect((await finished(id)).status).toBe("DONE");

    const page = await clients.alice.get(`/o/brasserie-du-pont/orders/documents-export/${id}`);
    expect(page.html).toContain("Factures");
    expect(page.html).not.toContain("Bons de commande");
    const download = await clients.alice.download(`/o/brasserie-du-pont/orders/documents-export/${id}/download`);
    const bytes = new Uint8Array(await download.arrayBuffer());
    const entry = `brasserie-du-pont-${invoiced.number}/facture-${invoice.number}.pdf`;
    expect(zipEntries(bytes)).toEqual([entry]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zip-")), "export.zip");
    fs.writeFileSync(file, bytes);
    const text = pdfText(new Uint8Array(execFileSync("unzip", ["-p", file, entry])));
    expect(text).toContain(`Facture ${invoice.number}`);
    expect(text).toContain("Ambrée");
  });

  it("refuses an export with no kind of document ticked, with the reason", async () => {
    const form = new FormData();
    for (const [key, value] of Object.entries(FILTERS)) form.append(key, value);
    form.append("documents", "");
    const res = await clients.alice.postMultipart("/o/brasserie-du-pont/orders/documents-export", form);
    expect(res.status).toBe(400);
    expect(res.html).toContain("Choisissez au moins un type de document à mettre dans le zip.");
  });

  it("is started from the order list with its current filters", async () => {
    const page = await clients.alice.get(`/o/brasserie-du-pont/orders?deliveryFrom=2035-05-01&deliveryTo=2035-05-31`);
    expect(page.html).toMatch(/<form[^>]*method="post"[^>]*action="\/o\/brasserie-du-pont\/orders\/documents-export"/);
    expect(page.html).toContain('name="deliveryFrom" value="2035-05-01"');
    expect(page.html).toContain("Télécharger les documents");
  });
});
