// Tamper evidence: every published invoice and credit note of a seller takes the next place in one
// chain (`chainPosition`, gapless per seller across both kinds, from SellerSequence kind LEDGER) and
// stores `contentHash` = SHA-256 (hex) of its canonical content, which includes `previousHash` — the
// hash of the document before it. Changing any published amount, line, party or date, removing a
// document or reordering them breaks the chain from there on. An invoice of several orders (a billing
// period's) also hashes the orders it covers (InvoiceOrder). This one module builds the canonical
// content for publication and for `npm run verify-ledger` alike.
import { createHash } from "node:crypto";
import { connectDb, statement, type Db, type Sqlite, type Tx } from "~/utils/db.server";
import { takeSellerSequence } from "../org/sequences.server";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON with object keys sorted at every level and no whitespace: one text per content. */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** A stored party snapshot (JSON text) as content: parsed, so that key order never matters. */
function party(snapshot: string): Json {
  try {
    return JSON.parse(snapshot) as Json;
  } catch {
    return snapshot;
  }
}

type Totals = { subtotalCents: number; discountCents: number; taxCents: number; depositCents: number; totalCents: number };
/** A document's place in its seller's chain and the hash of the one before. */
export type LedgerLink = { chainPosition: number; previousHash: string | null };

export type InvoiceContent = Totals &
  LedgerLink & {
    sellerId: string;
    buyerId: string;
    orderId: string;
    number: string;
    sequence: number;
    currency: string;
    issuedAt: Date;
    dueDate: string;
    paymentTermsDays: number;
    orderNumber: number;
    deliveryDate: string;
    seller: string;
    buyer: string;
    groupDiscountBps: number;
    taxesEnabled: boolean;
    depositsEnabled: boolean;
    /**
     * The orders a billing period's invoice covers (InvoiceOrder). Hashed only when there are several:
     * the hash of an invoice of one order is what it always was.
     */
    orders?: readonly { orderId: string; position: number }[];
    lines: readonly {
      lineId: string;
      position: number;
      kind: string;
      formatId: string | null;
      description: string;
      quantity: number;
      receivedQuantity: number | null;
      unitPrice4: number;
      discountBps: number;
      taxRateBps: number;
      depositCents: number;
      totalCents: number;
    }[];
  };

export type CreditNoteContent = Totals &
  LedgerLink & {
    sellerId: string;
    buyerId: string;
    invoiceId: string;
    orderId: string;
    number: string;
    sequence: number;
    kind: string;
    note: string;
    currency: string;
    issuedAt: Date;
    seller: string;
    buyer: string;
    lines: readonly {
      lineId: string;
      position: number;
      description: string;
      quantity: number;
      unitPrice4: number;
      discountBps: number;
      taxRateBps: number;
      depositCents: number;
      totalCents: number;
    }[];
  };

function totals(doc: Totals): Json {
  return { subtotalCents: doc.subtotalCents, discountCents: doc.discountCents, taxCents: doc.taxCents, depositCents: doc.depositCents, totalCents: doc.totalCents };
}

export function invoiceHash(doc: InvoiceContent): string {
  const lines = [...doc.lines].sort((a, b) => a.position - b.position || a.lineId.localeCompare(b.lineId));
  const orders = [...(doc.orders ?? [])].sort((a, b) => a.position - b.position || a.orderId.localeCompare(b.orderId));
  return sha256Hex(
    canonicalJson({
      document: "INVOICE",
      sellerId: doc.sellerId,
      buyerId: doc.buyerId,
      orderId: doc.orderId,
      number: doc.number,
      sequence: doc.sequence,
      currency: doc.currency,
      issuedAt: doc.issuedAt.toISOString(),
      dueDate: doc.dueDate,
      paymentTermsDays: doc.paymentTermsDays,
      orderNumber: doc.orderNumber,
      deliveryDate: doc.deliveryDate,
      seller: party(doc.seller),
      buyer: party(doc.buyer),
      groupDiscountBps: doc.groupDiscountBps,
      taxesEnabled: doc.taxesEnabled,
      depositsEnabled: doc.depositsEnabled,
      lines: lines.map((l) => ({
        lineId: l.lineId,
        position: l.position,
        kind: l.kind,
        formatId: l.formatId,
        description: l.description,
        quantity: l.quantity,
        receivedQuantity: l.receivedQuantity,
        unitPrice4: l.unitPrice4,
        discountBps: l.discountBps,
        taxRateBps: l.taxRateBps,
        depositCents: l.depositCents,
        totalCents: l.totalCents,
      })),
      totals: totals(doc),
      chainPosition: doc.chainPosition,
      previousHash: doc.previousHash,
      ...(orders.length > 1 ? { orders: orders.map((o) => ({ orderId: o.orderId, position: o.position })) } : {}),
    }),
  );
}

export function creditNoteHash(doc: CreditNoteContent): string {
  const lines = [...doc.lines].sort((a, b) => a.position - b.position || a.lineId.localeCompare(b.lineId));
  return sha256Hex(
    canonicalJson({
      document: "CREDIT_NOTE",
      sellerId: doc.sellerId,
      buyerId: doc.buyerId,
      invoiceId: doc.invoiceId,
      orderId: doc.orderId,
      number: doc.number,
      sequence: doc.sequence,
      kind: doc.kind,
      note: doc.note,
      currency: doc.currency,
      issuedAt: doc.issuedAt.toISOString(),
      seller: party(doc.seller),
      buyer: party(doc.buyer),
      lines: lines.map((l) => ({
        lineId: l.lineId,
        position: l.position,
        description: l.description,
        quantity: l.quantity,
        unitPrice4: l.unitPrice4,
        discountBps: l.discountBps,
        taxRateBps: l.taxRateBps,
        depositCents: l.depositCents,
        totalCents: l.totalCents,
      })),
      totals: totals(doc),
      chainPosition: doc.chainPosition,
      previousHash: doc.previousHash,
    }),
  );
}

/** The next place in the seller's chain and the hash it links to, in the transaction open on the raw connection. */
export function takeChainLink(db: Sqlite, sellerId: string): LedgerLink {
  const chainPosition = takeSellerSequence(db, sellerId, "LEDGER");
  if (chainPosition === 1) return { chainPosition, previousHash: null };
  // The link before, an invoice or a credit note.
  const previous = statement(
    db,
    `SELECT "contentHash" FROM "Invoice" WHERE "sellerId" = ? AND "chainPosition" = ?
     UNION ALL SELECT "contentHash" FROM "CreditNote" WHERE "sellerId" = ? AND "chainPosition" = ?`,
  ).get(sellerId, chainPosition - 1, sellerId, chainPosition - 1) as { contentHash: string } | undefined;
  // The sequence and the documents are written in the same transactions: a hole is a broken ledger.
  if (!previous) throw new Error(`Ledger of seller ${sellerId} has no document at position ${chainPosition - 1}`);
  return { chainPosition, previousHash: previous.contentHash };
}

/** takeChainLink for code inside a Prisma transaction (`tx`): on the one connection, it joins it. */
export async function nextChainLink(_tx: Tx, sellerId: string): Promise<LedgerLink> {
  return takeChainLink(await connectDb(), sellerId);
}

// ---- Verification (npm run verify-ledger) --------------------------------------------------------

export type LedgerBreak = { sellerId: string; sellerName: string; position: number; number: string | null; problem: string };
export type LedgerReport = { sellers: number; invoices: number; creditNotes: number; broken: LedgerBreak | null };

const BATCH = 1_000;

type ChainDoc = { position: number; number: string; storedHash: string; previousHash: string | null; recomputed: string };

async function chainBatch(db: Db, sellerId: string, from: number): Promise<ChainDoc[]> {
  const where = { sellerId, chainPosition: { gte: from, lt: from + BATCH } };
  const [invoices, creditNotes] = await Promise.all([
    db.invoice.findMany({ where, include: { lines: true, orders: true } }),
    db.creditNote.findMany({ where, include: { lines: true } }),
  ]);
  const docs: ChainDoc[] = [
    ...invoices.map((i) => ({ position: i.chainPosition, number: i.number, storedHash: i.contentHash, previousHash: i.previousHash, recomputed: invoiceHash(i) })),
    ...creditNotes.map((c) => ({ position: c.chainPosition, number: c.number, storedHash: c.contentHash, previousHash: c.previousHash, recomputed: creditNoteHash(c) })),
  ];
  return docs.sort((a, b) => a.position - b.position);
}

/** Walks one seller's chain from position 1; the first broken link, or null. */
async function verifySeller(db: Db, seller: { id: string; name: string }): Promise<LedgerBreak | null> {
  const broken = (position: number, number: string | null, problem: string): LedgerBreak => ({ sellerId: seller.id, sellerName: seller.name, position, number, problem });
  let expected = 1;
  let previousHash: string | null = null;
  for (;;) {
    const docs = await chainBatch(db, seller.id, expected);
    for (const doc of docs) {
      if (doc.position !== expected) return broken(expected, null, `no document at position ${expected} (the next one, ${doc.number}, is at ${doc.position})`);
      if (doc.previousHash !== previousHash) {
        return broken(doc.position, doc.number, `previousHash ${doc.previousHash ?? "null"} is not the hash of the document before it (${previousHash ?? "null"})`);
      }
      if (doc.recomputed !== doc.storedHash) {
        return broken(doc.position, doc.number, `content differs from what was published: stored hash ${doc.storedHash}, recomputed ${doc.recomputed}`);
      }
      previousHash = doc.storedHash;
      expected += 1;
    }
    if (docs.length < BATCH) break;
  }
  const sequence = await db.sellerSequence.findUnique({ where: { sellerId_kind: { sellerId: seller.id, kind: "LEDGER" } }, select: { next: true } });
  const published = (sequence?.next ?? 1) - 1;
  if (published !== expected - 1) {
    return broken(expected, null, `${published} documents were published but the chain ends at position ${expected - 1}`);
  }
  return null;
}

/** Every seller's chain, sellers in id order; stops at the first broken link. */
export async function verifyLedger(db: Db): Promise<LedgerReport> {
  const [sellerRows, invoices, creditNotes] = await Promise.all([
    db.sellerSequence.findMany({ where: { kind: "LEDGER" }, select: { sellerId: true }, orderBy: { sellerId: "asc" } }),
    db.invoice.count(),
    db.creditNote.count(),
  ]);
  // Sellers with documents but no sequence row are checked too (a deleted sequence row is a break).
  const withDocs = await db.invoice.findMany({ distinct: ["sellerId"], select: { sellerId: true } });
  const ids = [...new Set([...sellerRows.map((s) => s.sellerId), ...withDocs.map((s) => s.sellerId)])].sort();
  const names = new Map((await db.organization.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]));
  for (const id of ids) {
    const broken = await verifySeller(db, { id, name: names.get(id) ?? id });
    if (broken) return { sellers: ids.length, invoices, creditNotes, broken };
  }
  return { sellers: ids.length, invoices, creditNotes, broken: null };
}
