// Single PDFs are drawn in the shared worker pool (app/modules/document-export/pdf-pool.server.ts): a
// worker that dies — here out of a heap too small to even load React PDF — fails its one download
// with a 500 `internal` that says nothing of it, the server keeps serving, and the next download is
// drawn by a new worker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPdfPool, type PdfPool } from "~/modules/document-export/pdf-pool.server";
import { api, apiToken, useTestServer, type TestServer } from "../setup/http";
import { insertInvoice } from "../setup/insert-invoice";
import { insertOrder } from "../setup/insert-order";

const globalForPool = globalThis as unknown as { __comptoirPdfPool?: PdfPool };

let server: TestServer;
let token: string;
let invoiceId: string;

beforeAll(async () => {
  server = await useTestServer();
  token = await apiToken(server, "alice@brasserie.test", "brasserie-du-pont");
  const order = await insertOrder({
    seller: "brasserie-du-pont",
    buyer: "epicerie-martin",
    createdBy: "marc@martin.test",
    status: "DELIVERED",
    deliveryDate: "2026-11-20",
    lines: [{ description: "Blonde du Pont – Caisse de 24 × 33 cl", quantity: 10, unitPrice4: 42_1235, taxRateBps: 2000 }],
  });
  invoiceId = (await insertInvoice(order, { issuedAt: new Date("2026-11-24T09:00:00Z"), createdBy: "anna@brasserie.test" })).id;
});

afterAll(async () => {
  await globalForPool.__comptoirPdfPool?.close();
  delete globalForPool.__comptoirPdfPool;
});

describe("a PDF worker that dies", () => {
  it("fails its one download with 500 internal, and the next download is drawn", { timeout: 90_000 }, async () => {
    await globalForPool.__comptoirPdfPool?.close();
    globalForPool.__comptoirPdfPool = createPdfPool(1, { resourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 } });

    const failed = await api(server, "GET", `/api/v1/invoices/${invoiceId}/invoice.pdf`, { token });
    expect(failed.status).toBe(500);
    expect(failed.body.error.code).toBe("internal");
    expect(JSON.stringify(failed.body)).not.toMatch(/worker|memory/i);

    // The server still answers, and a pool with a normal heap draws the PDF.
    expect((await api(server, "GET", "/api/v1/orders?limit=1", { token })).status).toBe(200);
    await globalForPool.__comptoirPdfPool.close();
    delete globalForPool.__comptoirPdfPool;
    const res = await fetch(`${server.baseUrl}/api/v1/invoices/${invoiceId}/invoice.pdf`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(new TextDecoder().decode(new Uint8Array(await res.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
  });
});
