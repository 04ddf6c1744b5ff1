// The credit note (avoir) as an A4 PDF, drawn only from the stored credit note: its number and date,
// the invoice it credits, the reconciliation note, the credited lines (goods not delivered, or the
// whole invoice when it is cancelled) or the free amount, the taxes and the total credited.
// Texts in French and English here, in the buyer's language (CreditNote.locale).
import { Document, Page, renderToBuffer, Text, View } from "@react-pdf/renderer";
import type { OrderTotals } from "~/modules/pricing/totals";
import { baseStyles, pdfDate, pdfText, type PdfLanguage } from "./common";
import { docStyles as s, MetaRow, PartyBlock, pdfBytes, type PdfParty } from "./document-parts";
import { DOCUMENT_COPY, LinesTable, TotalsBlock, type DocumentLine } from "./invoice";

export type CreditNoteKind = "LINES" | "AMOUNT" | "CANCELLATION";

export type CreditNotePdfProps = {
  language: PdfLanguage;
  locale: string;
  currency: string;
  number: string;
  kind: CreditNoteKind;
  issuedAt: string | Date;
  invoiceNumber: string;
  invoiceIssuedAt: string | Date;
  orderNumber: number;
  seller: PdfParty;
  buyer: PdfParty;
  /** Empty for a free amount. */
  lines: DocumentLine[];
  taxesEnabled: boolean;
  depositsEnabled: boolean;
  totals: OrderTotals;
  note: string;
};

const COPY: Record<
  PdfLanguage,
  {
    title: (n: string) => string;
    number: string;
    issueDate: string;
    invoice: string;
    invoiceDate: string;
    order: string;
    kinds: Record<CreditNoteKind, string>;
    reason: string;
    credits: (invoice: string) => string;
    freeAmount: string;
    total: string;
  }
> = {
  fr: {
    title: (n) => `Avoir ${n}`,
    number: "Numéro",
    issueDate: "Date d’émission",
    invoice: "Facture créditée",
    invoiceDate: "Date de la facture",
    order: "Commande",
    kinds: { LINES: "Marchandises non livrées", AMOUNT: "Montant libre", CANCELLATION: "Annulation de la facture" },
    reason: "Motif",
    credits: (invoice) => `Cet avoir vient en déduction de la facture ${invoice}.`,
    freeAmount: "Montant crédité",
    total: "Total de l’avoir TTC",
  },
  en: {
    title: (n) => `Credit note ${n}`,
    number: "Number",
    issueDate: "Issue date",
    invoice: "Invoice credited",
    invoiceDate: "Invoice date",
    order: "Order",
    kinds: { LINES: "Goods not delivered", AMOUNT: "Free amount", CANCELLATION: "Invoice cancelled" },
    reason: "Reason",
    credits: (invoice) => `This credit note is deducted from invoice ${invoice}.`,
    freeAmount: "Amount credited",
    total: "Credit note total",
  },
};

export function CreditNoteDocument(props: CreditNotePdfProps) {
  const c = DOCUMENT_COPY[props.language];
  const cc = COPY[props.language];
  const options = { taxesEnabled: props.taxesEnabled, depositsEnabled: props.depositsEnabled };
  const title = cc.title(props.number);
  return (
    <Document title={pdfText(`${title} – ${props.seller.name}`)} author={pdfText(props.seller.name)} creator="Comptoir" producer="Comptoir" language={props.language}>
      <Page size="A4" style={baseStyles.page}>
        <View style={s.header}>
          <View>
            <Text style={baseStyles.brand}>{pdfText(props.seller.name)}</Text>
            <Text style={baseStyles.title}>{pdfText(title)}</Text>
            <Text style={baseStyles.muted}>{cc.kinds[props.kind]}</Text>
          </View>
          <View style={s.meta}>
            <MetaRow label={cc.number} value={pdfText(props.number)} />
            <MetaRow label={cc.issueDate} value={pdfDate(props.issuedAt, props.language)} />
            <MetaRow label={cc.invoice} value={pdfText(props.invoiceNumber)} />
            <MetaRow label={cc.invoiceDate} value={pdfDate(props.invoiceIssuedAt, props.language)} />
            <MetaRow label={cc.order} value={`#${props.orderNumber}`} />
          </View>
        </View>

        <View style={s.parties}>
          <PartyBlock label={c.seller} party={props.seller} vatLabel={c.vat} />
          <PartyBlock label={c.buyer} party={props.buyer} vatLabel={c.vat} />
        </View>

        <View style={[s.note, { marginTop: 0, marginBottom: 14 }]} wrap={false}>
          <Text style={baseStyles.label}>{cc.reason}</Text>
          <Text>{pdfText(props.note)}</Text>
          <Text style={baseStyles.muted}>{pdfText(cc.credits(props.invoiceNumber))}</Text>
        </View>

        {props.lines.length ? (
          <LinesTable language={props.language} locale={props.locale} currency={props.currency} lines={props.lines} options={options} />
        ) : (
          <View style={s.table}>
            <View style={s.row}>
              <Text style={s.cDesc}>{cc.freeAmount}</Text>
            </View>
          </View>
        )}
        <TotalsBlock
          language={props.language}
          locale={props.locale}
          currency={props.currency}
          lines={props.lines}
          options={options}
          totals={props.totals}
          totalLabel={cc.total}
        />

        <View style={baseStyles.footer} fixed>
          <Text>{pdfText(`${title} – ${props.seller.name} / ${props.buyer.name}`)}</Text>
          <Text render={({ pageNumber, totalPages }) => c.page(pageNumber, totalPages)} />
        </View>
      </Page>
    </Document>
  );
}

export async function renderCreditNotePdf(props: CreditNotePdfProps): Promise<Uint8Array> {
  return pdfBytes(await renderToBuffer(<CreditNoteDocument {...props} />));
}
