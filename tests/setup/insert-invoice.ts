// Tests only: invoices, credit notes and payments written straight into the database (no invoicing
// service involved), the way publication writes them: frozen lines and totals from computeTotals,
// snapshots of both parties, gapless numbers per seller. Enough for documents, emails and reminders.
import crypto from "node:crypto";
import { creditNoteNumber, invoiceNumber, nextSellerSequence } from "~/modules/invoice/sequences.server";
import { computeTotals, type LineKind } from "~/modules/pricing/totals";
import { getDb } from "~/utils/db.server";

type OrderRow = { id: string };

function snapshot(org: { name: string; address: string | null; email: string | null; phone: string | null; taxNumber: string | null }) {
  return JSON.stringify({ name: org.name, address: org.address, email: org.email, phone: org.phone, taxNumber: org.taxNumber });
}

function addDays(date: Date, days: number): string {
  return new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Publishes an invoice for the order (which becomes INVOICED). */
export async function insertInvoice(
  order: OrderRow,
  options: { issuedAt?: Date; paymentTermsDays?: number; locale?: string; createdBy?: string; createdByOrg?: string } = {},
) {
  const db = getDb();
  const full = await db.order.findUniqueOrThrow({
    where: { id: order.id },
    include: { lines: { orderBy: { position: "asc" } }, seller: true, buyer: true, relation: true },
  });
  const issuedAt = options.issuedAt ?? new Date();
  const terms = options.paymentTermsDays ?? full.relation.paymentTermsDays;
  const options2 = { taxesEnabled: full.taxesEnabled, depositsEnabled: full.depositsEnabled };
  const { lines: amounts, totals } = computeTotals(
    full.lines.map((l) => ({ ...l, kind: l.kind as LineKind })),
    options2,
  );
  const creator = options.createdBy ? await db.user.findUniqueOrThrow({ where: { email: options.createdBy } }) : null;
  const creatorOrg = await db.organization.findUniqueOrThrow({ where: { slug: options.createdByOrg ?? full.seller.slug } });
  return db.$transaction(async (tx) => {
    const sequence = await nextSellerSequence(tx, full.sellerId, "INVOICE");
    const chainPosition = await nextSellerSequence(tx, full.sellerId, "LEDGER");
    const invoice = await tx.invoice.create({
      data: {
        sellerId: full.sellerId,
        buyerId: full.buyerId,
        orderId: full.id,
        sequence,
        number: invoiceNumber(sequence, issuedAt.getUTCFullYear()),
        currency: full.currency,
        locale: options.locale ?? full.buyer.locale,
        issuedAt,
        dueDate: addDays(issuedAt, terms),
        paymentTermsDays: terms,
        orderNumber: full.number,
        deliveryDate: full.deliveryDate,
        distribution: full.distribution,
        note: full.note,
        seller: snapshot(full.seller),
        buyer: snapshot(full.buyer),
        groupDiscountBps: full.groupDiscountBps,
        ...options2,
        ...totals,
        balanceCents: totals.totalCents,
        chainPosition,
        contentHash: crypto.randomBytes(32).toString("hex"),
        createdById: creator?.id ?? null,
        createdByOrgId: creatorOrg.id,
        lines: {
          create: full.lines.map((l, position) => ({
            lineId: l.id,
            position,
            kind: l.kind,
            formatId: l.formatId,
            description: l.description,
            quantity: l.quantity,
            unitPrice4: l.unitPrice4,
            discountBps: l.discountBps,
            taxRateBps: l.taxRateBps,
            depositCents: l.depositCents,
            totalCents: amounts[position].totalCents,
          })),
        },
      },
      include: { lines: { orderBy: { position: "asc" } } },
    });
    await tx.invoiceOrder.create({ data: { invoiceId: invoice.id, orderId: full.id, position: 0 } }); // as publication writes it
    await tx.order.update({ where: { id: full.id }, data: { status: "INVOICED", version: { increment: 1 } } });
    return invoice;
  });
}

/** Issues a credit note on the invoice: chosen lines and quantities, or a free amount (tax included). */
export async function insertCreditNote(
  invoiceId: string,
  input: { lines?: { lineId: string; quantity: number }[]; amountCents?: number; note: string; kind?: "LINES" | "AMOUNT" | "CANCELLATION"; issuedAt?: Date },
) {
  const db = getDb();
  const invoice = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { lines: true } });
  const issuedAt = input.issuedAt ?? new Date();
  const options = { taxesEnabled: invoice.taxesEnabled, depositsEnabled: invoice.depositsEnabled };
  const chosen = (input.lines ?? []).map((c) => {
    const line = invoice.lines.find((l) => l.lineId === c.lineId)!;
    return { line, quantity: c.quantity };
  });
  const priced = chosen.map(({ line, quantity }) => ({ ...line, kind: line.kind as LineKind, quantity }));
  const { lines: amounts, totals } = input.lines
    ? computeTotals(priced, options)
    : { lines: [], totals: { subtotalCents: input.amountCents!, discountCents: 0, taxCents: 0, depositCents: 0, totalCents: input.amountCents! } };
  return db.$transaction(async (tx) => {
    const sequence = await nextSellerSequence(tx, invoice.sellerId, "CREDIT_NOTE");
    const chainPosition = await nextSellerSequence(tx, invoice.sellerId, "LEDGER");
    const creditNote = await tx.creditNote.create({
      data: {
        sellerId: invoice.sellerId,
        buyerId: invoice.buyerId,
        invoiceId: invoice.id,
        orderId: invoice.orderId,
        sequence,
        number: creditNoteNumber(sequence, issuedAt.getUTCFullYear()),
        kind: input.kind ?? (input.lines ? "LINES" : "AMOUNT"),
        note: input.note,
        currency: invoice.currency,
        locale: invoice.locale,
        issuedAt,
        seller: invoice.seller,
        buyer: invoice.buyer,
        ...totals,
        chainPosition,
        contentHash: crypto.randomBytes(32).toString("hex"),
        createdByOrgId: invoice.sellerId,
        lines: {
          create: priced.map((l, position) => ({
            lineId: l.lineId,
            position,
            description: l.description,
            quantity: l.quantity,
            unitPrice4: l.unitPrice4,
            discountBps: l.discountBps,
            taxRateBps: l.taxRateBps,
            depositCents: l.depositCents,
            totalCents: amounts[position].totalCents,
          })),
        },
      },
      include: { lines: true },
    });
    await tx.invoice.update({
      where: { id: invoice.id },
      data: { creditedCents: { increment: totals.totalCents }, balanceCents: { decrement: totals.totalCents } },
    });
    return creditNote;
  });
}

/** Records a payment of the buyer settling the given invoices (amounts per invoice). */
export async function insertPayment(input: {
  allocations: { invoiceId: string; amountCents: number }[];
  method?: "CASH" | "CHEQUE" | "TRANSFER" | "CARD" | "OTHER";
  reference?: string;
  paidAt?: Date;
  createdByOrgId?: string | null;
}) {
  const db = getDb();
  const first = await db.invoice.findUniqueOrThrow({ where: { id: input.allocations[0].invoiceId } });
  const amountCents = input.allocations.reduce((sum, a) => sum + a.amountCents, 0);
  return db.$transaction(async (tx) => {
    const payment = await tx.payment.create({
      data: {
        sellerId: first.sellerId,
        buyerId: first.buyerId,
        amountCents,
        currency: first.currency,
        method: input.method ?? "TRANSFER",
        reference: input.reference ?? "",
        paidAt: input.paidAt ?? new Date(),
        createdByOrgId: input.createdByOrgId === undefined ? first.sellerId : input.createdByOrgId,
        allocations: { create: input.allocations },
      },
    });
    for (const a of input.allocations) {
      await tx.invoice.update({ where: { id: a.invoiceId }, data: { paidCents: { increment: a.amountCents }, balanceCents: { decrement: a.amountCents } } });
    }
    return payment;
  });
}
