// The bakehouse's PDFs, drawn in the PDF worker threads (../document-export/pdf-pool.server.ts) like
// the purchase orders and invoices: the production list of a date, a customer's delivery note and
// every delivery note of a date in round order. Texts in the producer's language; figures from the
// same rules as the API and the pages (./production.ts, ./delivery-notes.ts).
import { getDb, type Tx } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import type { DeliveryNotesPdfProps } from "~/pdf/delivery-notes";
import { requireBakeryProducer } from "./access.server";
import { inChunks, loadDayOrders } from "../bakery/day-orders.server";
import { loadBakerySettings } from "../bakery/settings.server";
import { createPdfPool, sharedPdfPool } from "../document-export/pdf-pool.server";
import { languageOfLocale } from "../order/notifications.server";
import type { OrgActor } from "../org/actor";
import { deliveryNotes, type DeliveryNote } from "./delivery-notes";
import { parseDateParam } from "../bakery/date-param.server";
import { getProductionList } from "./production.server";
import { deliveryNoteQuerySchema } from "./schemas";

export type PdfFile = { filename: string; bytes: Uint8Array };

const partySelect = { id: true, name: true, slug: true, locale: true, currency: true, address: true, email: true, phone: true, taxNumber: true } as const;

async function loadProducer(tx: Tx, producerId: string) {
  const producer = await tx.organization.findUniqueOrThrow({ where: { id: producerId }, select: partySelect });
  return { producer, language: languageOfLocale(producer.locale) ?? "fr" };
}

export async function getProductionPdf(actor: OrgActor, date: string | undefined, query: unknown): Promise<PdfFile> {
  const list = await getProductionList(actor, date, query);
  const { producer, language } = await loadProducer(getDb(), actor.orgId);
  const bytes = await sharedPdfPool().productionList({
    language,
    locale: producer.locale,
    producerName: producer.name,
    date: list.date,
    validated: list.validated,
    leftoverDate: list.leftoverDate,
    filter: list.filter,
    families: list.families,
  });
  return { filename: `${language === "fr" ? "production" : "production-list"}-${list.date}.pdf`, bytes };
}

/**
 * Every delivery note of a date, in round order: each day order with something to deliver. All of
 * them, so that a customer's place in its round is the same on its own note and in all.pdf.
 */
async function loadDeliveryNotes(tx: Tx, producerId: string, date: string, slicingFee4: number): Promise<{ validated: boolean; notes: DeliveryNote[] }> {
  const day = await loadDayOrders(tx, producerId, date);
  return { validated: day.validated, notes: deliveryNotes(day.orders.filter((order) => order.lines.length > 0), slicingFee4) };
}

export type DeliveryNoteSummary = Pick<DeliveryNote, "customerId" | "customerName" | "round" | "position" | "orderNumber" | "totalCents"> & { lineCount: number };

/** The delivery notes page: the date's customers in round order, with their note's total. */
export async function listDeliveryNotes(actor: OrgActor, date: string | undefined): Promise<{ date: string; validated: boolean; notes: DeliveryNoteSummary[] }> {
  const producerId = await requireBakeryProducer(getDb(), actor, "production:read");
  const day = parseDateParam(date);
  const db = getDb();
  const settings = await loadBakerySettings(db, producerId);
  const { validated, notes } = await loadDeliveryNotes(db, producerId, day, settings.slicingFee4);
  return {
    date: day,
    validated,
    notes: notes.map(({ customerId, customerName, round, position, orderNumber, totalCents, lines }) => ({ customerId, customerName, round, position, orderNumber, totalCents, lineCount: lines.length })),
  };
}

/** The props of the delivery notes of a date (one customer's when `customerId` is given: 404 when it is not delivered that date). */
async function deliveryNotesProps(actor: OrgActor, date: string | undefined, query: unknown, customerId?: string): Promise<DeliveryNotesPdfProps> {
  const producerId = await requireBakeryProducer(getDb(), actor, "production:read");
  const day = parseDateParam(date);
  const { print } = parseInput(deliveryNoteQuerySchema, query);
  const db = getDb();
  const settings = await loadBakerySettings(db, producerId);
  const { producer, language } = await loadProducer(db, producerId);
  const notes = (await loadDeliveryNotes(db, producerId, day, settings.slicingFee4)).notes.filter((note) => !customerId || note.customerId === customerId);
  if (customerId && notes.length === 0) throw new AppError("not_found", "production.error.notDelivered");
  const customers = new Map(
    (await inChunks([...new Set(notes.map((n) => n.customerId))], (ids) => db.organization.findMany({ where: { id: { in: ids } }, select: partySelect }))).map((c) => [c.id, c]),
  );
  return {
    language,
    locale: producer.locale,
    currency: producer.currency,
    date: day,
    eve: print === "eve",
    unitPriceDecimals: settings.unitPriceDecimals,
    producer,
    notes: notes.map((note) => ({ ...note, customer: customers.get(note.customerId) ?? { name: note.customerName } })),
  };
}

export async function getDeliveryNotePdf(actor: OrgActor, date: string | undefined, customerId: string, query: unknown): Promise<PdfFile> {
  const props = await deliveryNotesProps(actor, date, query, customerId);
  const bytes = await sharedPdfPool().deliveryNotes(props);
  return { filename: `${props.language === "fr" ? "note-envoi" : "delivery-note"}-${props.date}-${props.notes[0].customerSlug}.pdf`, bytes };
}

/**
 * A worker of its own for every note of a date: drawing 2,000 notes takes seconds, and the single
 * documents of the shared pool must not queue behind them. Its heap is bounded like the shared
 * pool's (2,000 notes of 30 lines fit in 192 MB), with room for a bakery several times larger.
 */
const ALL_NOTES_LIMITS = { maxOldGenerationSizeMb: 768, maxYoungGenerationSizeMb: 32 };

/**
 * Every delivery note of the date as one PDF, streamed: the pages go out as the worker draws them.
 * What can fail for the user (a bad date, permissions) fails before the first byte; a worker that
 * dies midway ends the stream with an error (the download is cut, never a truncated file served as whole).
 */
export async function streamAllDeliveryNotesPdf(actor: OrgActor, date: string | undefined, query: unknown): Promise<{ filename: string; stream: ReadableStream<Uint8Array> }> {
  const props = await deliveryNotesProps(actor, date, query);
  const pool = createPdfPool(1, { resourceLimits: ALL_NOTES_LIMITS });
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      pool
        .deliveryNotesStream(props, (chunk) => controller.enqueue(chunk))
        .then(() => controller.close(), (error: unknown) => controller.error(error))
        .finally(() => void pool.close());
    },
    cancel() {
      void pool.close();
    },
  });
  return { filename: `${props.language === "fr" ? "notes-envoi" : "delivery-notes"}-${props.date}.pdf`, stream };
}
