// Delivery notes (notes d'envoi) as A4 PDF pages: per customer the producer and the customer, the
// date, the round and place in it, the lines (unit prices with the producer's decimals), the slicing
// fee as its own line and the total; one note, or every note of a date in round order in one
// document. Drawn with pdfkit directly (the engine under React PDF), in the PDF worker: a date's
// notes are 2,000 pages and 60,000 lines, which React PDF's layout takes minutes to set while a
// fixed layout draws them in seconds. Same fonts (built-in Helvetica), colours and texts rules
// (./common.ts pdfText) as the other documents. Figures from app/modules/production/delivery-notes.ts.
import PDFDocument from "pdfkit";
import { formatUnitPriceFixed, type DeliveryNote } from "~/modules/production/delivery-notes";
import { formatCents, formatNumber } from "~/utils/money";
import { ACCENT, MUTED, pdfDate, pdfText, RULE, type PdfLanguage } from "./common";
import type { PdfParty } from "./document-parts";

export type DeliveryNotesPdfProps = {
  language: PdfLanguage;
  locale: string;
  currency: string;
  date: string;
  /** Printed the day before (J−1): the title says so. */
  eve: boolean;
  unitPriceDecimals: number;
  producer: PdfParty;
  notes: (DeliveryNote & { customer: PdfParty })[];
};

type Copy = {
  title: string;
  docTitle: (date: string) => string;
  eve: (date: string) => string;
  producer: string;
  customer: string;
  date: string;
  round: string;
  roundValue: (round: number, position: number) => string;
  order: string;
  vat: string;
  columns: { description: string; quantity: string; unitPrice: string; total: string };
  slicing: string;
  total: string;
  continued: string;
  none: string;
};

export const DELIVERY_NOTE_COPY: Record<PdfLanguage, Copy> = {
  fr: {
    title: "Note d'envoi",
    docTitle: (date) => `Notes d'envoi du ${date}`,
    eve: (date) => `Imprimée la veille (J-1) pour la livraison du ${date}`,
    producer: "Boulangerie",
    customer: "Client",
    date: "Livraison du",
    round: "Tournée",
    roundValue: (round, position) => `Livraison ${round} · position ${position}`,
    order: "Commande n°",
    vat: "N° TVA",
    columns: { description: "Désignation", quantity: "Qté", unitPrice: "Prix unit. HT", total: "Total HT" },
    slicing: "Tranchage",
    total: "Total HT",
    continued: "(suite)",
    none: "Aucune note d'envoi pour cette date.",
  },
  en: {
    title: "Delivery note",
    docTitle: (date) => `Delivery notes — ${date}`,
    eve: (date) => `Printed the day before (D-1) for the delivery of ${date}`,
    producer: "Bakery",
    customer: "Customer",
    date: "Delivery on",
    round: "Round",
    roundValue: (round, position) => `Round ${round} · position ${position}`,
    order: "Order #",
    vat: "VAT no.",
    columns: { description: "Description", quantity: "Qty", unitPrice: "Unit price", total: "Net total" },
    slicing: "Slicing",
    total: "Net total",
    continued: "(continued)",
    none: "No delivery note for this date.",
  },
};

// A4 in points, the margins of the other documents (app/pdf/common.ts baseStyles.page).
const PAGE = { width: 595.28, height: 841.89, left: 40, right: 555.28, top: 36, bottom: 785 };
const INK = "#1f2937";
const HEAD_BG = "#f6f5f3";
const ROW = 15;
// Columns: description | quantity | unit price | total (right edges).
const COL = { qty: 390, price: 475, total: PAGE.right - 3 };

type Doc = InstanceType<typeof PDFDocument>;

function fitted(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function right(doc: Doc, text: string, edge: number, y: number) {
  doc.text(text, edge - doc.widthOfString(text), y, { lineBreak: false });
}

function partyLines(p: PdfParty, vat: string): string[] {
  const rows = [p.address, p.email, p.phone, p.taxNumber ? `${vat} ${p.taxNumber}` : null].filter((r): r is string => Boolean(r));
  return rows.flatMap((row) => pdfText(row).split("\n")).slice(0, 6);
}

function party(doc: Doc, x: number, y: number, width: number, height: number, label: string, p: PdfParty, lines: string[]): void {
  doc.lineWidth(1).strokeColor(RULE).roundedRect(x, y, width, height, 3).stroke();
  doc.font("Helvetica").fontSize(7.5).fillColor(MUTED).text(label.toUpperCase(), x + 8, y + 8, { lineBreak: false });
  doc.font("Helvetica-Bold").fontSize(10.5).fillColor(INK).text(fitted(doc, pdfText(p.name), width - 16), x + 8, y + 18, { lineBreak: false });
  doc.font("Helvetica").fontSize(9);
  lines.forEach((line, i) => doc.text(fitted(doc, line, width - 16), x + 8, y + 32 + i * 11, { lineBreak: false }));
}

function tableHead(doc: Doc, c: Copy, y: number): number {
  doc.rect(PAGE.left, y, PAGE.right - PAGE.left, ROW + 2).fill(HEAD_BG);
  doc.lineWidth(1).strokeColor("#9ca3af").moveTo(PAGE.left, y + ROW + 2).lineTo(PAGE.right, y + ROW + 2).stroke();
  doc.font("Helvetica-Bold").fontSize(8).fillColor(INK);
  doc.text(c.columns.description, PAGE.left + 3, y + 5, { lineBreak: false });
  right(doc, c.columns.quantity, COL.qty, y + 5);
  right(doc, c.columns.unitPrice, COL.price, y + 5);
  right(doc, c.columns.total, COL.total, y + 5);
  return y + ROW + 2;
}

function footer(doc: Doc, text: string) {
  doc.font("Helvetica").fontSize(7.5).fillColor(MUTED).text(fitted(doc, text, PAGE.right - PAGE.left), PAGE.left, PAGE.height - 32, { lineBreak: false });
}

function drawNote(doc: Doc, props: DeliveryNotesPdfProps, c: Copy, note: DeliveryNotesPdfProps["notes"][number]) {
  const date = pdfDate(props.date, props.language);
  const money = (cents: number) => pdfText(formatCents(cents, props.currency, props.locale));
  const price = (unitPrice4: number) => pdfText(formatUnitPriceFixed(unitPrice4, props.currency, props.locale, props.unitPriceDecimals));
  const qty = (value: number) => pdfText(formatNumber(value, props.locale));
  const footerText = pdfText(`${c.title} – ${props.producer.name} / ${note.customerName} – ${date}`);

  doc.addPage({ size: "A4", margin: 0 });
  doc.font("Helvetica-Bold").fontSize(11).fillColor(ACCENT).text(fitted(doc, pdfText(props.producer.name), 300), PAGE.left, PAGE.top, { lineBreak: false });
  doc.fontSize(16).fillColor(INK).text(c.title, PAGE.left, PAGE.top + 16, { lineBreak: false });
  if (props.eve) doc.fontSize(9).fillColor(ACCENT).text(c.eve(date), PAGE.left, PAGE.top + 38, { lineBreak: false });
  const meta: [string, string][] = [[c.date, date], [c.round, c.roundValue(note.round, note.position)]];
  if (note.orderNumber) meta.push([c.order, String(note.orderNumber)]);
  meta.forEach(([label, value], i) => {
    const y = PAGE.top + 2 + i * 12;
    doc.font("Helvetica").fontSize(9).fillColor(MUTED).text(label, PAGE.right - 220, y, { lineBreak: false });
    doc.font("Helvetica-Bold").fillColor(INK);
    right(doc, value, PAGE.right, y);
  });

  const half = (PAGE.right - PAGE.left - 16) / 2;
  const producerLines = partyLines(props.producer, c.vat);
  const customerLines = partyLines(note.customer, c.vat);
  const height = 34 + Math.max(producerLines.length, customerLines.length) * 11;
  party(doc, PAGE.left, PAGE.top + 62, half, height, c.producer, props.producer, producerLines);
  party(doc, PAGE.left + half + 16, PAGE.top + 62, half, height, c.customer, note.customer, customerLines);

  let y = tableHead(doc, c, PAGE.top + 170);
  const rows: [string, number, number, number][] = note.lines.map((l) => [pdfText(l.description), l.quantity, l.unitPrice4, l.totalCents]);
  if (note.slicing) rows.push([c.slicing, note.slicing.quantity, note.slicing.unitPrice4, note.slicing.totalCents]);
  for (const [description, quantity, unitPrice4, totalCents] of rows) {
    if (y + ROW > PAGE.bottom) {
      footer(doc, footerText);
      doc.addPage({ size: "A4", margin: 0 });
      doc.font("Helvetica-Bold").fontSize(9).fillColor(INK).text(pdfText(`${note.customerName} ${c.continued}`), PAGE.left, PAGE.top, { lineBreak: false });
      y = tableHead(doc, c, PAGE.top + 16);
    }
    doc.font("Helvetica").fontSize(9).fillColor(INK);
    doc.text(fitted(doc, description, COL.qty - 40 - PAGE.left - 6), PAGE.left + 3, y + 4, { lineBreak: false });
    right(doc, qty(quantity), COL.qty, y + 4);
    right(doc, price(unitPrice4), COL.price, y + 4);
    right(doc, money(totalCents), COL.total, y + 4);
    y += ROW;
    doc.lineWidth(0.5).strokeColor(RULE).moveTo(PAGE.left, y).lineTo(PAGE.right, y).stroke();
  }
  if (y + 30 > PAGE.bottom) {
    footer(doc, footerText);
    doc.addPage({ size: "A4", margin: 0 });
    y = PAGE.top;
  }
  y += 12;
  doc.lineWidth(1).strokeColor(ACCENT).moveTo(PAGE.right - 230, y).lineTo(PAGE.right, y).stroke();
  doc.font("Helvetica-Bold").fontSize(11).fillColor(INK).text(c.total, PAGE.right - 230, y + 5, { lineBreak: false });
  right(doc, money(note.totalCents), PAGE.right, y + 5);
  footer(doc, footerText);
}

/** Pieces of a streamed document are sent by about this size (pdfkit writes an object at a time). */
const STREAM_CHUNK_BYTES = 256 * 1024;

/**
 * The document's bytes; with `onChunk`, its pieces are handed over as they are drawn (each a copy
 * with its own memory, to transfer) and the promise resolves with nothing once the last is sent.
 */
export function renderDeliveryNotesPdf(props: DeliveryNotesPdfProps, onChunk?: (chunk: Uint8Array) => void): Promise<Uint8Array> {
  const c = DELIVERY_NOTE_COPY[props.language];
  const date = pdfDate(props.date, props.language);
  const title = pdfText(c.docTitle(date));
  const doc = new PDFDocument({ autoFirstPage: false, compress: true, lang: props.language, info: { Title: title, Author: pdfText(props.producer.name), Creator: "Comptoir", Producer: "Comptoir" } });
  let chunks: Uint8Array[] = [];
  let pending = 0;
  const flush = () => {
    if (onChunk && chunks.length) onChunk(new Uint8Array(Buffer.concat(chunks)));
    chunks = [];
    pending = 0;
  };
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("data", (chunk) => {
      chunks.push(chunk);
      pending += chunk.byteLength;
      if (onChunk && pending >= STREAM_CHUNK_BYTES) flush();
    });
    doc.on("end", () => {
      if (!onChunk) return resolve(new Uint8Array(Buffer.concat(chunks)));
      flush();
      resolve(new Uint8Array(0));
    });
    doc.on("error", reject);
  });
  if (props.notes.length === 0) {
    doc.addPage({ size: "A4", margin: 0 });
    doc.font("Helvetica-Bold").fontSize(16).fillColor(INK).text(title, PAGE.left, PAGE.top, { lineBreak: false });
    doc.font("Helvetica").fontSize(9).fillColor(MUTED).text(c.none, PAGE.left, PAGE.top + 24, { lineBreak: false });
  }
  for (const note of props.notes) drawNote(doc, props, c, note);
  doc.end();
  return done;
}
