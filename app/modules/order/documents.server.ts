// An order's documents: its purchase order PDF (generated from the stored order, kept for the
// current version only) and the files its parties upload (PDF or images, checked by content).
// Every function checks first that the order is visible to the actor's organization: a foreign
// order or document answers 404, like one that does not exist.
//
// Files live under DATA_DIR/documents; OrderDocument.storageKey is the path under it: the purchase
// order at <orderId>/ (the id of the order read from the database), uploads at uploads/<random>/ —
// never a path made from an id in the request. Any member of a party may read and add documents (order:read): delivery
// receipts, photos of damaged goods and payment proofs come from every side and every role.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { AppError, notFound } from "~/utils/errors";
import { LINE_KINDS, type LineKind } from "../pricing/totals";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { sharedPdfPool } from "../document-export/pdf-pool.server";
import { languageOfLocale } from "./notifications.server";
import { DISTRIBUTIONS, type Distribution } from "./types";
import { orderVisibleTo } from "./visibility.server";

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const UPLOAD_TYPES = {
  "application/pdf": ".pdf",
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "image/webp": ".webp",
} as const;
export type UploadContentType = keyof typeof UPLOAD_TYPES;

export type OrderDocumentFile = { filename: string; contentType: string; bytes: Uint8Array };

export type OrderDocumentView = {
  id: string;
  kind: "PURCHASE_ORDER" | "UPLOAD";
  filename: string;
  contentType: string;
  sizeBytes: number;
  createdAt: string;
  uploadedBy: { id: string; name: string } | null;
  organization: { id: string; name: string } | null;
};

export function documentsDir(): string {
  return path.join(getEnv().dataDir, "documents");
}

function storagePath(storageKey: string): string {
  const root = documentsDir();
  const full = path.resolve(root, storageKey);
  // Keys are made here, never from a request: one outside the folder is a bug (a 500 whose body
  // says nothing of it).
  if (!full.startsWith(root + path.sep)) throw new Error(`Storage key outside ${root}: ${JSON.stringify(storageKey)}`);
  return full;
}

/** A new file's key: random, fanned out over 256 folders. */
export function newStorageKey(folder: string): string {
  const name = crypto.randomBytes(16).toString("hex");
  return `${folder}/${name.slice(0, 2)}/${name}`;
}

/** Writes a file atomically (a reader never sees half of it). */
export function writeStored(storageKey: string, bytes: Uint8Array): void {
  const full = storagePath(storageKey);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  const tmp = `${full}.${crypto.randomBytes(6).toString("hex")}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, full);
}

export function readStored(storageKey: string): Uint8Array | null {
  try {
    return new Uint8Array(fs.readFileSync(storagePath(storageKey)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

export function removeStored(storageKey: string): void {
  fs.rmSync(storagePath(storageKey), { force: true });
}

/** 404 unless the order is visible to the actor's organization (routes call it before reading an upload). */
export async function assertOrderVisible(actor: OrgActor, orderId: string): Promise<{ id: string }> {
  requirePermission(actor, "order:read");
  const order = await getDb().order.findFirst({ where: { id: orderId, ...orderVisibleTo(actor.orgId) }, select: { id: true } });
  if (!order) throw notFound("error.not_found");
  return order;
}

// ---- The purchase order PDF

function purchaseOrderKey(orderId: string, version: number): string {
  return `${orderId}/purchase-order-v${version}.pdf`;
}

/**
 * The order's purchase order, in the seller's language. The stored PDF is reused while the order keeps
 * its version; after a change it is generated again and replaces the previous one (one row kept).
 */
export async function getPurchaseOrderPdf(actor: OrgActor, orderId: string): Promise<{ filename: string; bytes: Uint8Array }> {
  requirePermission(actor, "order:read");
  const db = getDb();
  const party = { select: { name: true, slug: true, locale: true, address: true, email: true, phone: true, taxNumber: true } } as const;
  const order = await db.order.findFirst({
    where: { id: orderId, ...orderVisibleTo(actor.orgId) },
    include: {
      seller: party,
      buyer: party,
      rep: party,
      distributor: party,
      lines: { orderBy: { position: "asc" } },
      documents: { where: { kind: "PURCHASE_ORDER" }, orderBy: { createdAt: "desc" } },
    },
  });
  if (!order) throw notFound("error.not_found");

  const key = purchaseOrderKey(order.id, order.version);
  const current = order.documents.find((d) => d.storageKey === key);
  if (current) {
    const bytes = readStored(current.storageKey);
    if (bytes) return { filename: current.filename, bytes };
  }

  const language = languageOfLocale(order.seller.locale) ?? "fr";
  // Drawn in a worker thread: React PDF stays out of the server's thread and heap.
  const bytes = await sharedPdfPool().purchaseOrder({
    language,
    locale: order.seller.locale,
    currency: order.currency,
    number: order.number,
    version: order.version,
    orderDate: order.createdAt,
    deliveryDate: order.deliveryDate,
    distribution: (DISTRIBUTIONS as readonly string[]).includes(order.distribution) ? (order.distribution as Distribution) : "SELF",
    seller: order.seller,
    buyer: order.buyer,
    rep: order.rep,
    distributor: order.distributor,
    lines: order.lines.map((l) => ({
      kind: (LINE_KINDS as readonly string[]).includes(l.kind) ? (l.kind as LineKind) : "ITEM",
      description: l.description,
      quantity: l.quantity,
      unitPrice4: l.unitPrice4,
      discountBps: l.discountBps,
      taxRateBps: l.taxRateBps,
      depositCents: l.depositCents,
    })),
    taxesEnabled: order.taxesEnabled,
    depositsEnabled: order.depositsEnabled,
    note: order.note,
  });
  const filename = `${language === "fr" ? "bon-de-commande" : "purchase-order"}-${order.seller.slug}-${order.number}.pdf`;

  writeStored(key, bytes);
  const stale = await db.$transaction(async (tx) => {
    // Changed while this copy was drawn: serve it, but keep it out of the documents (the next request
    // draws the new version; a newer stored copy must not be replaced by this older one).
    const now = await tx.order.findUnique({ where: { id: order.id }, select: { version: true } });
    if (now?.version !== order.version) return null;
    const created = await tx.orderDocument.create({
      data: { orderId: order.id, kind: "PURCHASE_ORDER", filename, contentType: "application/pdf", sizeBytes: bytes.byteLength, storageKey: key },
    });
    // Every other purchase order row goes, including one a concurrent request has just written.
    const others = await tx.orderDocument.findMany({ where: { orderId: order.id, kind: "PURCHASE_ORDER", id: { not: created.id } } });
    await tx.orderDocument.deleteMany({ where: { id: { in: others.map((d) => d.id) } } });
    return others;
  });
  if (stale) {
    for (const old of stale) if (old.storageKey !== key) removeStored(old.storageKey);
  } else if (!(await db.orderDocument.findFirst({ where: { storageKey: key } }))) {
    removeStored(key);
  }
  return { filename, bytes };
}

// ---- Uploads

/** The type of a file from its first bytes, whatever its name or declared type says. */
export function sniffUploadType(bytes: Uint8Array): UploadContentType | null {
  const starts = (sig: number[], at = 0) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
  const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
  if (starts(ascii("%PDF-"))) return "application/pdf";
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts(ascii("RIFF")) && starts(ascii("WEBP"), 8)) return "image/webp";
  return null;
}

/** A file over the limit, named as the field's error; 413 when the body was cut off unread. */
export function uploadTooLargeError(oversize: "file" | "body" = "file"): AppError {
  return new AppError(oversize === "body" ? "payload_too_large" : "validation_failed", "documents.error.tooLarge", {
    fields: { file: "documents.error.tooLarge" },
  });
}

export function noFileError(): AppError {
  return new AppError("validation_failed", "documents.error.noFile", { fields: { file: "documents.error.noFile" } });
}

/**
 * The name shown and offered on download, ending with the type's extension. It is never a path (files
 * are stored under random keys) and Content-Disposition encodes it (app/http/download.server.ts), so
 * quotes, `=` and `;` stay; control characters and the characters no file system takes go.
 */
export function cleanFilename(name: string, type: UploadContentType): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  let clean = base.normalize("NFC").replace(/[\u0000-\u001f\u007f<>|:*?]/g, "").replace(/\s+/g, " ").trim();
  const ext = UPLOAD_TYPES[type];
  const accepted: string[] = type === "image/jpeg" ? [".jpg", ".jpeg"] : [ext];
  if (!accepted.some((e) => clean.toLowerCase().endsWith(e))) clean = `${clean.replace(/\.+$/, "") || "document"}${ext}`;
  if (clean.length > 150) clean = clean.slice(0, 150 - ext.length) + ext;
  return clean;
}

export async function uploadOrderDocument(
  actor: OrgActor,
  orderId: string,
  file: { filename: string; contentType: string; bytes: Uint8Array },
): Promise<OrderDocumentView> {
  await assertOrderVisible(actor, orderId);
  if (file.bytes.byteLength === 0) throw new AppError("validation_failed", "documents.error.empty", { fields: { file: "documents.error.empty" } });
  if (file.bytes.byteLength > MAX_UPLOAD_BYTES) throw uploadTooLargeError();
  // The declared type (file.contentType) is the browser's guess from the name: only the content counts.
  const type = sniffUploadType(file.bytes);
  if (!type) throw new AppError("validation_failed", "documents.error.type", { fields: { file: "documents.error.type" } });
  const filename = cleanFilename(file.filename, type);

  const storageKey = newStorageKey("uploads");
  writeStored(storageKey, file.bytes);
  try {
    const db = getDb();
    const document = await db.$transaction(async (tx) => {
      // Again inside the transaction: the order may have gone since the check above.
      const order = await tx.order.findFirst({ where: { id: orderId, ...orderVisibleTo(actor.orgId) }, select: { id: true } });
      if (!order) throw notFound("error.not_found");
      const created = await tx.orderDocument.create({
        data: {
          orderId,
          kind: "UPLOAD",
          filename,
          contentType: type,
          sizeBytes: file.bytes.byteLength,
          storageKey,
          uploadedById: actor.userId,
          uploadedByOrgId: actor.orgId,
        },
      });
      await tx.orderEvent.create({
        data: {
          orderId,
          type: "DOCUMENT_ADDED",
          actorId: actor.userId,
          actorName: actor.userName,
          actorOrgId: actor.orgId,
          actorOrgName: actor.orgName,
          changes: JSON.stringify({ filename }),
        },
      });
      return { ...created, orgName: actor.orgName };
    });
    return {
      id: document.id,
      kind: "UPLOAD",
      filename: document.filename,
      contentType: document.contentType,
      sizeBytes: document.sizeBytes,
      createdAt: document.createdAt.toISOString(),
      uploadedBy: { id: actor.userId, name: actor.userName },
      organization: { id: actor.orgId, name: document.orgName },
    };
  } catch (error) {
    removeStored(storageKey);
    throw error;
  }
}

// ---- Reading

/** The order's documents, newest first, with who added them. */
export async function listOrderDocuments(actor: OrgActor, orderId: string): Promise<OrderDocumentView[]> {
  await assertOrderVisible(actor, orderId);
  const db = getDb();
  const documents = await db.orderDocument.findMany({ where: { orderId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const userIds = [...new Set(documents.map((d) => d.uploadedById).filter((id): id is string => !!id))];
  const orgIds = [...new Set(documents.map((d) => d.uploadedByOrgId).filter((id): id is string => !!id))];
  const [users, orgs] = await Promise.all([
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [],
    orgIds.length ? db.organization.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } }) : [],
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  return documents.map((d) => ({
    id: d.id,
    kind: d.kind === "PURCHASE_ORDER" ? "PURCHASE_ORDER" : "UPLOAD",
    filename: d.filename,
    contentType: d.contentType,
    sizeBytes: d.sizeBytes,
    createdAt: d.createdAt.toISOString(),
    uploadedBy: d.uploadedById ? (userById.get(d.uploadedById) ?? null) : null,
    organization: d.uploadedByOrgId ? (orgById.get(d.uploadedByOrgId) ?? null) : null,
  }));
}

/** One document's file. A purchase order always answers its current version. */
export async function readOrderDocument(actor: OrgActor, orderId: string, documentId: string): Promise<OrderDocumentFile> {
  requirePermission(actor, "order:read");
  const document = await getDb().orderDocument.findFirst({
    where: { id: documentId, orderId, order: orderVisibleTo(actor.orgId) },
  });
  if (!document) throw notFound("error.not_found");
  if (document.kind === "PURCHASE_ORDER") {
    const pdf = await getPurchaseOrderPdf(actor, orderId);
    return { filename: pdf.filename, contentType: "application/pdf", bytes: pdf.bytes };
  }
  const bytes = readStored(document.storageKey);
  if (!bytes) throw notFound("error.not_found");
  return { filename: document.filename, contentType: document.contentType, bytes };
}
