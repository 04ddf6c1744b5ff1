// Documents in bulk: the latest documents of the orders an order list shows (same filters as the list
// and its CSV export), zipped by a background job of the server process.
//
// A DocumentExport row goes QUEUED → RUNNING (done/total updated as the orders are added) → DONE with
// the zip under DATA_DIR/exports/<id>.zip, or FAILED with an error (a message key). It is personal:
// only the user who started it, in the same organization, sees it (anything else answers 404), and
// it contains only what that user may read — the purchase orders, and the live invoice and its credit
// notes when the user may read invoices (not a retailer's STAFF). The zip and the row go after a day
// (`cleanupExpiredDocumentExports`).
//
// The user chooses which kinds of documents it holds (`documents`: purchase orders, invoices, credit
// notes; all of them when the field is absent, e.g. from the API or an older form).
//
// In the zip, one folder per order, named by its seller and number (order numbers are per seller):
// brasserie-du-pont-123/bon-de-commande-brasserie-du-pont-123.pdf, …/facture-F-2026-000045.pdf, ….
// PDFs are stored uncompressed in the zip (they are compressed already); the stored copies of the
// documents are reused and only the missing ones are drawn — invoices and credit notes by a pool of
// worker threads (./pdf-pool.server.ts), a chunk of orders at a time.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Prisma } from "@prisma/client";
import yazl from "yazl";
import { z } from "zod";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { AppError, isAppError, notFound } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import { creditNotePdf, creditNotePdfSelect, invoicePdf, invoicePdfSelect } from "../invoice/documents.server";
import { actorCan, loadActor, requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { todayIso } from "../order/dates";
import { getPurchaseOrderPdf } from "../order/documents.server";
import { countFilteredOrders, findOrderPage, listWhere, type OrderFilter } from "../order/order-list.server";
import { listOrdersQuerySchema } from "../order/schemas";
import { createPdfPool, type PdfPool } from "./pdf-pool.server";

export const EXPORT_MAX_ORDERS = 2_000;
export const EXPORT_TTL_MS = 24 * 60 * 60 * 1000;
/** A RUNNING export older than this was cut off by a restart: it is marked FAILED. */
const STALE_RUNNING_MS = 30 * 60 * 1000;
const CHUNK = 50;
const PROGRESS_EVERY_MS = 500;

export const DOCUMENT_EXPORT_STATUSES = ["QUEUED", "RUNNING", "DONE", "FAILED"] as const;
export type DocumentExportStatus = (typeof DOCUMENT_EXPORT_STATUSES)[number];

/** The order list's filters (no page cursor, no limit: every order they select). */
export const documentExportFiltersSchema = listOrdersQuerySchema.omit({ cursor: true, limit: true });
export type DocumentExportFilters = z.output<typeof documentExportFiltersSchema>;

export const DOCUMENT_KINDS = ["PURCHASE_ORDER", "INVOICE", "CREDIT_NOTE"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * The kinds of documents to put in the zip: absent → all of them. The form sends an empty value
 * before its checkboxes, so that unticking every box is a choice (refused: nothing to zip), not "all".
 */
export const documentKindsSchema = z.preprocess(
  (value) => (value === undefined ? [...DOCUMENT_KINDS] : (Array.isArray(value) ? value : [value]).filter((v) => v !== "")),
  z.array(z.enum(DOCUMENT_KINDS, { error: "documentExport.error.kinds" })),
);
const startSchema = documentExportFiltersSchema.extend({ documents: documentKindsSchema });

/** The kinds stored with an export (in its filters, as a comma-separated list: all when absent). */
function kindsOf(stored: Record<string, unknown>): DocumentKind[] {
  if (typeof stored.documents !== "string") return [...DOCUMENT_KINDS];
  const kinds = DOCUMENT_KINDS.filter((k) => stored.documents!.toString().split(",").includes(k));
  return kinds.length ? kinds : [...DOCUMENT_KINDS];
}

export type DocumentExportView = {
  id: string;
  status: DocumentExportStatus;
  total: number;
  done: number;
  sizeBytes: number | null;
  error: string | null;
  filters: Record<string, string>;
  /** The kinds of documents it holds. */
  documents: DocumentKind[];
  createdAt: string;
  finishedAt: string | null;
  expiresAt: string;
};

export function exportsDir(): string {
  return path.join(getEnv().dataDir, "exports");
}

function zipPath(storageKey: string): string {
  return path.join(exportsDir(), storageKey);
}

/** The list's where clauses for these filters (listWhere ignores the page size). */
function whereOf(actor: OrgActor, filters: DocumentExportFilters, now: Date): OrderFilter {
  return listWhere(actor, { ...filters, limit: EXPORT_MAX_ORDERS }, now);
}

function toView(row: Prisma.DocumentExportGetPayload<object>): DocumentExportView {
  let stored: Record<string, unknown> = {};
  try {
    stored = JSON.parse(row.filters) as Record<string, unknown>;
  } catch {
    stored = {};
  }
  const filters = Object.fromEntries(Object.entries(stored).filter(([k]) => k !== "documents").map(([k, v]) => [k, String(v)]));
  return {
    id: row.id,
    status: (DOCUMENT_EXPORT_STATUSES as readonly string[]).includes(row.status) ? (row.status as DocumentExportStatus) : "FAILED",
    total: row.total,
    done: row.done,
    sizeBytes: row.sizeBytes,
    error: row.error,
    filters,
    documents: kindsOf(stored),
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt.toISOString(),
  };
}

/** The user's own exports in this organization, not expired: anything else is "not found". */
function ownExport(actor: OrgActor, now: Date): Prisma.DocumentExportWhereInput {
  return { orgId: actor.orgId, userId: actor.userId, expiresAt: { gt: now } };
}

/**
 * Starts an export of the documents of the orders the filters select (400 when they select none, or
 * more than EXPORT_MAX_ORDERS). The job starts right away in this process, without holding the request.
 */
export async function startDocumentExport(actor: OrgActor, query: unknown, now = new Date()): Promise<DocumentExportView> {
  requirePermission(actor, "order:read");
  const { documents, ...filters } = parseInput(startSchema, query);
  if (documents.length === 0) throw new AppError("validation_failed", "documentExport.error.kinds");
  const db = getDb();
  const count = await countFilteredOrders(whereOf(actor, filters, now));
  if (count === 0) throw new AppError("validation_failed", "documentExport.error.noOrders");
  if (count > EXPORT_MAX_ORDERS) throw new AppError("validation_failed", "documentExport.error.tooMany");
  const stored = {
    ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== "")),
    documents: DOCUMENT_KINDS.filter((k) => documents.includes(k)).join(","),
  };
  const row = await db.documentExport.create({
    data: {
      orgId: actor.orgId,
      userId: actor.userId,
      filters: JSON.stringify(stored),
      total: count,
      expiresAt: new Date(now.getTime() + EXPORT_TTL_MS),
    },
  });
  setImmediate(() => {
    runPendingDocumentExports().catch((error) => console.error("document exports:", error));
  });
  return toView(row);
}

export async function getDocumentExport(actor: OrgActor, exportId: string, now = new Date()): Promise<DocumentExportView> {
  requirePermission(actor, "order:read");
  const row = await getDb().documentExport.findFirst({ where: { id: exportId, ...ownExport(actor, now) } });
  if (!row) throw notFound("error.not_found");
  return toView(row);
}

/** The user's recent exports in this organization, newest first. */
export async function listDocumentExports(actor: OrgActor, now = new Date()): Promise<DocumentExportView[]> {
  requirePermission(actor, "order:read");
  const rows = await getDb().documentExport.findMany({
    where: ownExport(actor, now),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 20,
  });
  return rows.map(toView);
}

/** The finished zip, as a stream to send (404 until it is DONE, and once it has expired). */
export async function openDocumentExportZip(
  actor: OrgActor,
  exportId: string,
  now = new Date(),
): Promise<{ filename: string; sizeBytes: number; stream: fs.ReadStream }> {
  requirePermission(actor, "order:read");
  const row = await getDb().documentExport.findFirst({ where: { id: exportId, status: "DONE", ...ownExport(actor, now) } });
  if (!row?.storageKey) throw notFound("error.not_found");
  const file = zipPath(row.storageKey);
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw notFound("error.not_found");
  }
  return { filename: `documents-${actor.orgSlug}-${todayIso(row.createdAt)}.zip`, sizeBytes: size, stream: fs.createReadStream(file) };
}

// ---- The job

let running: Promise<number> | null = null;

/**
 * Runs the queued exports one after the other until none is left; returns how many it finished. One
 * run at a time per process: a call while one runs joins it. The scheduler calls it regularly (it also
 * picks up what a restart left QUEUED); `startDocumentExport` calls it at once.
 */
export function runPendingDocumentExports(): Promise<number> {
  if (running) return running;
  running = (async () => {
    let finished = 0;
    try {
      const db = getDb();
      await db.documentExport.updateMany({
        where: { status: "RUNNING", createdAt: { lt: new Date(Date.now() - STALE_RUNNING_MS) } },
        data: { status: "FAILED", error: "documentExport.error.interrupted", finishedAt: new Date() },
      });
      for (;;) {
        const next = await db.documentExport.findFirst({ where: { status: "QUEUED" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
        if (!next) break;
        // Claimed by one process only: the update applies while the row is still QUEUED.
        const claimed = await db.documentExport.updateMany({ where: { id: next.id, status: "QUEUED" }, data: { status: "RUNNING" } });
        if (claimed.count === 0) continue;
        await runExport(next);
        finished++;
      }
    } finally {
      running = null;
    }
    return finished;
  })();
  return running;
}

type OrderToExport = { id: string; number: number; createdAt: Date; seller: { slug: string } };

async function runExport(row: Prisma.DocumentExportGetPayload<object>): Promise<void> {
  const db = getDb();
  const storageKey = `${row.id}.zip`;
  const tmp = zipPath(`${row.id}.${crypto.randomBytes(6).toString("hex")}.tmp`);
  let pool: PdfPool | null = null;
  try {
    const actor = await exportActor(row);
    const stored = JSON.parse(row.filters) as Record<string, unknown>;
    const filters = documentExportFiltersSchema.parse(stored);
    const kinds = new Set(kindsOf(stored));
    const orders = await selectedOrders(actor, filters, row.createdAt);
    await db.documentExport.update({ where: { id: row.id }, data: { total: orders.length, done: 0 } });

    fs.mkdirSync(exportsDir(), { recursive: true });
    const zip = new yazl.ZipFile();
    const written = pipeline(zip.outputStream, fs.createWriteStream(tmp));
    const withInvoices = actorCan(actor, "invoice:read") && (kinds.has("INVOICE") || kinds.has("CREDIT_NOTE"));
    pool = withInvoices ? createPdfPool() : null;
    let done = 0;
    let reportedAt = Date.now();
    for (let i = 0; i < orders.length; i += CHUNK) {
      const chunk = orders.slice(i, i + CHUNK);
      const { invoicesByOrder, creditNotesByInvoice } = withInvoices ? await loadInvoices(chunk.map((o) => o.id)) : emptyInvoices();
      // The chunk's invoices and credit notes not drawn yet go to the pool's workers all at once (the
      // stored ones are read); they are added to the zip in order as they come.
      const drawn = chunk.map((order) => {
        const invoice = invoicesByOrder.get(order.id);
        if (!invoice) return { invoice: null, creditNotes: [] };
        return {
          invoice: kinds.has("INVOICE") ? { issuedAt: invoice.issuedAt, file: settled(invoicePdf(invoice, pool!)) } : null,
          creditNotes: (kinds.has("CREDIT_NOTE") ? (creditNotesByInvoice.get(invoice.id) ?? []) : []).map((c) => ({ issuedAt: c.issuedAt, file: settled(creditNotePdf(c, pool!)) })),
        };
      });
      for (const [k, order] of chunk.entries()) {
        const folder = `${order.seller.slug}-${order.number}`;
        const mtime = order.createdAt;
        if (kinds.has("PURCHASE_ORDER")) {
          const po = await getPurchaseOrderPdf(actor, order.id);
          zip.addBuffer(Buffer.from(po.bytes), `${folder}/${po.filename}`, { compress: false, mtime });
        }
        for (const document of [drawn[k].invoice, ...drawn[k].creditNotes]) {
          if (!document) continue;
          const pdf = await document.file;
          zip.addBuffer(Buffer.from(pdf.bytes), `${folder}/${pdf.filename}`, { compress: false, mtime: document.issuedAt });
        }
        done++;
        if (Date.now() - reportedAt >= PROGRESS_EVERY_MS) {
          reportedAt = Date.now();
          await db.documentExport.update({ where: { id: row.id }, data: { done } });
        }
      }
    }
    zip.end();
    await written;
    fs.renameSync(tmp, zipPath(storageKey));
    await db.documentExport.update({
      where: { id: row.id },
      data: { status: "DONE", done, storageKey, sizeBytes: fs.statSync(zipPath(storageKey)).size, finishedAt: new Date() },
    });
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    if (!isAppError(error)) console.error(`document export ${row.id}:`, error);
    await db.documentExport.update({
      where: { id: row.id },
      data: { status: "FAILED", error: isAppError(error) ? error.message : "documentExport.error.internal", finishedAt: new Date() },
    });
  } finally {
    await pool?.close();
  }
}

/** A promise awaited later, in order: its rejection is not reported as unhandled meanwhile. */
function settled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** The user as a member of the organization now (its role may have changed since it started the export). */
async function exportActor(row: { orgId: string; userId: string }): Promise<OrgActor> {
  const db = getDb();
  const [user, org] = await Promise.all([
    db.user.findUnique({ where: { id: row.userId }, select: { id: true, name: true } }),
    db.organization.findUnique({ where: { id: row.orgId }, select: { slug: true } }),
  ]);
  if (!user || !org) throw new AppError("forbidden", "documentExport.error.membership");
  try {
    return await loadActor(user, org.slug);
  } catch {
    throw new AppError("forbidden", "documentExport.error.membership");
  }
}

async function selectedOrders(actor: OrgActor, filters: DocumentExportFilters, now: Date): Promise<OrderToExport[]> {
  const where = whereOf(actor, filters, now);
  const rows: { id: string; number: number; createdAt: string; sellerId: string }[] = [];
  let cursor: string | undefined;
  while (rows.length < EXPORT_MAX_ORDERS) {
    const page = await findOrderPage<(typeof rows)[number]>(where, cursor, Math.min(500, EXPORT_MAX_ORDERS - rows.length), `o."id", o."number", o."createdAt", o."sellerId"`);
    rows.push(...page.rows);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const sellerIds = [...new Set(rows.map((r) => r.sellerId))];
  const sellers = new Map(
    (sellerIds.length ? await getDb().organization.findMany({ where: { id: { in: sellerIds } }, select: { id: true, slug: true } }) : []).map((s) => [s.id, s.slug]),
  );
  return rows.map((r) => ({ id: r.id, number: r.number, createdAt: new Date(r.createdAt), seller: { slug: sellers.get(r.sellerId) ?? "" } }));
}

type InvoiceRow = Prisma.InvoiceGetPayload<{ select: typeof invoicePdfSelect }>;
type CreditNoteRow = Prisma.CreditNoteGetPayload<{ select: typeof creditNotePdfSelect }>;

function emptyInvoices() {
  return { invoicesByOrder: new Map<string, InvoiceRow>(), creditNotesByInvoice: new Map<string, CreditNoteRow[]>() };
}

/** The live invoice (not cancelled) of each order, and its credit notes in the order they were issued. */
async function loadInvoices(orderIds: string[]) {
  const db = getDb();
  const invoices = await db.invoice.findMany({
    where: { orderId: { in: orderIds }, status: { not: "CANCELLED" } },
    select: invoicePdfSelect,
  });
  const creditNotes = invoices.length
    ? await db.creditNote.findMany({
        where: { invoiceId: { in: invoices.map((i) => i.id) } },
        select: { ...creditNotePdfSelect, invoiceId: true },
        orderBy: [{ issuedAt: "asc" }, { number: "asc" }],
      })
    : [];
  const { invoicesByOrder, creditNotesByInvoice } = emptyInvoices();
  for (const invoice of invoices) invoicesByOrder.set(invoice.orderId, invoice);
  for (const creditNote of creditNotes) {
    const list = creditNotesByInvoice.get(creditNote.invoiceId) ?? [];
    list.push(creditNote);
    creditNotesByInvoice.set(creditNote.invoiceId, list);
  }
  return { invoicesByOrder, creditNotesByInvoice };
}

/** Deletes the expired exports and their zips; returns how many. For the scheduler (hourly is enough). */
export async function cleanupExpiredDocumentExports(now = new Date()): Promise<number> {
  const db = getDb();
  const expired = await db.documentExport.findMany({ where: { expiresAt: { lte: now } }, select: { id: true, storageKey: true } });
  for (const row of expired) if (row.storageKey) fs.rmSync(zipPath(row.storageKey), { force: true });
  if (!expired.length) return 0;
  const { count } = await db.documentExport.deleteMany({ where: { id: { in: expired.map((r) => r.id) } } });
  return count;
}
