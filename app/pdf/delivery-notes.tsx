// Delivery notes (notes d'envoi) as A4 PDF pages: one page (or more) per customer with the producer
// and the customer, the date, the round and place in it, the lines (unit prices with the producer's
// decimals), the slicing fee as its own line and the total. One note, or every note of a date in
// round order in one document. The figures come from app/modules/production/delivery-notes.ts.
import { Document, Page, renderToBuffer, StyleSheet, Text, View } from "@react-pdf/renderer";
import { formatUnitPriceFixed, type DeliveryNote } from "~/modules/production/delivery-notes";
import { formatCents, formatNumber } from "~/utils/money";
import { baseStyles, pdfDate, pdfText, type PdfLanguage } from "./common";
import { docStyles, GrandTotalRow, MetaRow, PartyBlock, pdfBytes, type PdfParty } from "./document-parts";

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
    none: "No delivery note for this date.",
  },
};

const s = StyleSheet.create({
  ...docStyles,
  cPrice: { width: 80, textAlign: "right", paddingHorizontal: 3 },
  eve: { marginTop: 2, color: "#a95c1c", fontFamily: "Helvetica-Bold" },
});

function NotePage({ note, props, c }: { note: DeliveryNotesPdfProps["notes"][number]; props: DeliveryNotesPdfProps; c: Copy }) {
  const date = pdfDate(props.date, props.language);
  const money = (cents: number) => pdfText(formatCents(cents, props.currency, props.locale));
  const price = (unitPrice4: number) => pdfText(formatUnitPriceFixed(unitPrice4, props.currency, props.locale, props.unitPriceDecimals));
  const qty = (value: number) => pdfText(formatNumber(value, props.locale));
  return (
    <Page size="A4" style={baseStyles.page}>
      <View style={s.header}>
        <View>
          <Text style={baseStyles.brand}>{pdfText(props.producer.name)}</Text>
          <Text style={baseStyles.title}>{c.title}</Text>
          {props.eve ? <Text style={s.eve}>{c.eve(date)}</Text> : null}
        </View>
        <View style={s.meta}>
          <MetaRow label={c.date} value={date} />
          <MetaRow label={c.round} value={c.roundValue(note.round, note.position)} />
          {note.orderNumber ? <MetaRow label={c.order} value={String(note.orderNumber)} /> : null}
        </View>
      </View>
      <View style={s.parties}>
        <PartyBlock label={c.producer} party={props.producer} vatLabel={c.vat} />
        <PartyBlock label={c.customer} party={note.customer} vatLabel={c.vat} />
      </View>
      <View style={s.table}>
        <View style={s.headRow} fixed>
          <Text style={[s.cDesc, s.headCell]}>{c.columns.description}</Text>
          <Text style={[s.cQty, s.headCell]}>{c.columns.quantity}</Text>
          <Text style={[s.cPrice, s.headCell]}>{c.columns.unitPrice}</Text>
          <Text style={[s.cTotal, s.headCell]}>{c.columns.total}</Text>
        </View>
        {note.lines.map((line, i) => (
          <View key={i} style={s.row} wrap={false}>
            <Text style={s.cDesc}>{pdfText(line.description)}</Text>
            <Text style={s.cQty}>{qty(line.quantity)}</Text>
            <Text style={s.cPrice}>{price(line.unitPrice4)}</Text>
            <Text style={s.cTotal}>{money(line.totalCents)}</Text>
          </View>
        ))}
        {note.slicing ? (
          <View style={s.row} wrap={false}>
            <Text style={s.cDesc}>{c.slicing}</Text>
            <Text style={s.cQty}>{qty(note.slicing.quantity)}</Text>
            <Text style={s.cPrice}>{price(note.slicing.unitPrice4)}</Text>
            <Text style={s.cTotal}>{money(note.slicing.totalCents)}</Text>
          </View>
        ) : null}
      </View>
      <View style={s.totals} wrap={false}>
        <GrandTotalRow label={c.total} value={money(note.totalCents)} />
      </View>
      <View style={baseStyles.footer} fixed>
        <Text>{pdfText(`${c.title} – ${props.producer.name} / ${note.customerName} – ${date}`)}</Text>
      </View>
    </Page>
  );
}

export function DeliveryNotesDocument(props: DeliveryNotesPdfProps) {
  const c = DELIVERY_NOTE_COPY[props.language];
  const date = pdfDate(props.date, props.language);
  return (
    <Document title={pdfText(c.docTitle(date))} author={pdfText(props.producer.name)} creator="Comptoir" producer="Comptoir" language={props.language}>
      {props.notes.length === 0 ? (
        <Page size="A4" style={baseStyles.page}>
          <Text style={baseStyles.brand}>{pdfText(props.producer.name)}</Text>
          <Text style={baseStyles.title}>{pdfText(c.docTitle(date))}</Text>
          <Text style={baseStyles.muted}>{c.none}</Text>
        </Page>
      ) : (
        props.notes.map((note) => <NotePage key={note.customerId} note={note} props={props} c={c} />)
      )}
    </Document>
  );
}

export async function renderDeliveryNotesPdf(props: DeliveryNotesPdfProps): Promise<Uint8Array> {
  return pdfBytes(await renderToBuffer(<DeliveryNotesDocument {...props} />));
}
