// The invoice (facture) as an A4 PDF, drawn only from the stored, frozen invoice: the parties as they
// were at publication (snapshots with their tax numbers), number, dates, payment terms, the order it
// bills, the frozen lines, the taxes by rate, deposits and totals. What happens to the invoice later
// (credits, payments, balance) is not on it: the document never changes once published.
// Texts in French and English here, in the buyer's language (Invoice.locale).
import { Document, Page, renderToBuffer, Text, View } from "@react-pdf/renderer";
import { priceLine, type LineKind, type OrderTotals, type PricingOptions } from "~/modules/pricing/totals";
import { formatBps, formatCents, formatNumber, formatUnitPrice4 } from "~/utils/money";
import { baseStyles, pdfDate, pdfText, type PdfLanguage } from "./common";
import { docStyles as s, GrandTotalRow, MetaRow, PartyBlock, pdfBytes, TotalRow, type PdfParty } from "./document-parts";

export type DocumentLine = {
  kind: LineKind;
  description: string;
  quantity: number;
  unitPrice4: number;
  discountBps: number;
  taxRateBps: number;
  /** Per unit. */
  depositCents: number;
  /** The line's net total as stored (after discount, before tax and deposit). */
  totalCents: number;
};

export type InvoicePdfProps = {
  language: PdfLanguage;
  /** The locale amounts and numbers are written with (the buyer's). */
  locale: string;
  currency: string;
  number: string;
  issuedAt: string | Date;
  dueDate: string;
  paymentTermsDays: number;
  orderNumber: number;
  deliveryDate: string;
  seller: PdfParty;
  buyer: PdfParty;
  lines: DocumentLine[];
  taxesEnabled: boolean;
  depositsEnabled: boolean;
  totals: OrderTotals;
  note: string;
  /** The orders an invoice of a billing period covers, in order (absent or one: the invoice of one order). */
  orders?: { number: number; deliveryDate: string }[];
};

type DocCopy = {
  seller: string;
  buyer: string;
  vat: string;
  columns: { description: string; quantity: string; unitPrice: string; discount: string; tax: string; deposit: string; total: string };
  fee: string;
  rebate: string;
  subtotal: string;
  discount: string;
  taxAt: (rate: string, base: string) => string;
  taxesRemoved: string;
  deposit: string;
  total: string;
  note: string;
  noLines: string;
  page: (page: number, total: number) => string;
};

export const DOCUMENT_COPY: Record<PdfLanguage, DocCopy> = {
  fr: {
    seller: "Vendeur",
    buyer: "Client",
    vat: "N° TVA",
    columns: { description: "Désignation", quantity: "Qté", unitPrice: "Prix unit. HT", discount: "Remise", tax: "TVA", deposit: "Consigne", total: "Total HT" },
    fee: "Frais",
    rebate: "Ristourne",
    subtotal: "Sous-total HT",
    discount: "Remises",
    taxAt: (rate, base) => `TVA ${rate} sur ${base}`,
    taxesRemoved: "TVA non appliquée",
    deposit: "Consignes",
    total: "Total TTC",
    note: "Note",
    noLines: "Aucune ligne.",
    page: (p, t) => `Page ${p} / ${t}`,
  },
  en: {
    seller: "Seller",
    buyer: "Customer",
    vat: "VAT no.",
    columns: { description: "Description", quantity: "Qty", unitPrice: "Unit price", discount: "Discount", tax: "Tax", deposit: "Deposit", total: "Net total" },
    fee: "Fee",
    rebate: "Rebate",
    subtotal: "Subtotal",
    discount: "Discounts",
    taxAt: (rate, base) => `Tax ${rate} on ${base}`,
    taxesRemoved: "No tax applied",
    deposit: "Deposits",
    total: "Total",
    note: "Note",
    noLines: "No lines.",
    page: (p, t) => `Page ${p} / ${t}`,
  },
};

const INVOICE_COPY: Record<
  PdfLanguage,
  {
    title: (n: string) => string;
    number: string;
    issueDate: string;
    dueDate: string;
    terms: string;
    termsDays: (d: number) => string;
    order: string;
    delivery: string;
    orders: string;
    deliveries: string;
    ordersCovered: string;
    orderLine: (number: number, date: string) => string;
  }
> = {
  fr: {
    title: (n) => `Facture ${n}`,
    number: "Numéro",
    issueDate: "Date d’émission",
    dueDate: "Échéance",
    terms: "Conditions de paiement",
    termsDays: (d) => (d === 0 ? "À réception" : `${d} jours`),
    order: "Commande",
    delivery: "Livraison",
    orders: "Commandes",
    deliveries: "Livraisons",
    ordersCovered: "Commandes facturées",
    orderLine: (n, date) => `Commande n° ${n} – livraison du ${date}`,
  },
  en: {
    title: (n) => `Invoice ${n}`,
    number: "Number",
    issueDate: "Issue date",
    dueDate: "Due date",
    terms: "Payment terms",
    termsDays: (d) => (d === 0 ? "On receipt" : `${d} days`),
    order: "Order",
    delivery: "Delivery",
    orders: "Orders",
    deliveries: "Deliveries",
    ordersCovered: "Orders covered",
    orderLine: (n, date) => `Order #${n} – delivered on ${date}`,
  },
};

export { asLineKind, documentLocale } from "./document-props";

/** Net amount and tax per tax rate, highest rate first (the lines' taxes, as computeTotals sums them). */
export function taxesByRate(lines: readonly DocumentLine[], options: PricingOptions): { rateBps: number; baseCents: number; taxCents: number }[] {
  const byRate = new Map<number, { baseCents: number; taxCents: number }>();
  for (const line of lines) {
    const a = priceLine(line, options);
    const entry = byRate.get(line.taxRateBps) ?? { baseCents: 0, taxCents: 0 };
    entry.baseCents += a.totalCents;
    entry.taxCents += a.taxCents;
    byRate.set(line.taxRateBps, entry);
  }
  return [...byRate].map(([rateBps, v]) => ({ rateBps, ...v })).sort((a, b) => b.rateBps - a.rateBps);
}

/** The lines table of an invoice or a credit note. */
export function LinesTable(props: { language: PdfLanguage; locale: string; currency: string; lines: readonly DocumentLine[]; options: PricingOptions }) {
  const c = DOCUMENT_COPY[props.language];
  const { locale, currency } = props;
  const money = (cents: number) => pdfText(formatCents(cents, currency, locale));
  return (
    <View style={s.table}>
      <View style={s.headRow} fixed>
        <Text style={[s.cDesc, s.headCell]}>{c.columns.description}</Text>
        <Text style={[s.cQty, s.headCell]}>{c.columns.quantity}</Text>
        <Text style={[s.cPrice, s.headCell]}>{c.columns.unitPrice}</Text>
        <Text style={[s.cPct, s.headCell]}>{c.columns.discount}</Text>
        <Text style={[s.cPct, s.headCell]}>{c.columns.tax}</Text>
        <Text style={[s.cDeposit, s.headCell]}>{c.columns.deposit}</Text>
        <Text style={[s.cTotal, s.headCell]}>{c.columns.total}</Text>
      </View>
      {props.lines.length === 0 ? (
        <View style={s.row}>
          <Text style={[s.cDesc, baseStyles.muted]}>{c.noLines}</Text>
        </View>
      ) : null}
      {props.lines.map((line, i) => {
        const sign = line.kind === "REBATE" ? -1 : 1;
        const deposit = props.options.depositsEnabled && line.kind === "ITEM" ? line.depositCents * line.quantity : 0;
        return (
          <View key={i} style={s.row} wrap={false}>
            <View style={s.cDesc}>
              <Text>{pdfText(line.description)}</Text>
              {line.kind !== "ITEM" ? <Text style={s.kind}>{line.kind === "FEE" ? c.fee : c.rebate}</Text> : null}
            </View>
            <Text style={s.cQty}>{pdfText(formatNumber(line.quantity, locale))}</Text>
            <Text style={s.cPrice}>{pdfText(formatUnitPrice4(sign * line.unitPrice4, currency, locale))}</Text>
            <Text style={s.cPct}>{line.discountBps ? pdfText(formatBps(line.discountBps, locale)) : "–"}</Text>
            <Text style={s.cPct}>{props.options.taxesEnabled ? pdfText(formatBps(line.taxRateBps, locale)) : "–"}</Text>
            <Text style={s.cDeposit}>{deposit ? money(deposit) : "–"}</Text>
            <Text style={s.cTotal}>{money(line.totalCents)}</Text>
          </View>
        );
      })}
    </View>
  );
}

/** Subtotal, discounts, taxes by rate, deposits and the total (stored amounts). */
export function TotalsBlock(props: {
  language: PdfLanguage;
  locale: string;
  currency: string;
  lines: readonly DocumentLine[];
  options: PricingOptions;
  totals: OrderTotals;
  totalLabel?: string;
}) {
  const c = DOCUMENT_COPY[props.language];
  const { locale, currency, totals } = props;
  const money = (cents: number) => pdfText(formatCents(cents, currency, locale));
  const taxes = props.options.taxesEnabled ? taxesByRate(props.lines, props.options).filter((t) => t.taxCents !== 0 || t.baseCents !== 0) : [];
  return (
    <View style={s.totals} wrap={false}>
      <TotalRow label={c.subtotal} value={money(totals.subtotalCents)} />
      {totals.discountCents ? <TotalRow label={c.discount} value={money(-totals.discountCents)} /> : null}
      {!props.options.taxesEnabled ? <TotalRow label={c.taxesRemoved} value={money(0)} /> : null}
      {taxes.map((t) => (
        <TotalRow key={t.rateBps} label={pdfText(c.taxAt(formatBps(t.rateBps, locale), formatCents(t.baseCents, currency, locale)))} value={money(t.taxCents)} />
      ))}
      {props.options.taxesEnabled && taxes.length === 0 ? <TotalRow label={c.columns.tax} value={money(totals.taxCents)} /> : null}
      {props.options.depositsEnabled ? <TotalRow label={c.deposit} value={money(totals.depositCents)} /> : null}
      <GrandTotalRow label={props.totalLabel ?? c.total} value={money(totals.totalCents)} />
    </View>
  );
}

/**
 * Up to this many lines an invoice fits on one page: it has no "Page n / total" footer, whose total
 * makes React PDF lay the document out a second time (about a third of the drawing time).
 */
export const ONE_PAGE_LINES = 18;

export function InvoiceDocument(props: InvoicePdfProps) {
  const c = DOCUMENT_COPY[props.language];
  const ic = INVOICE_COPY[props.language];
  const options = { taxesEnabled: props.taxesEnabled, depositsEnabled: props.depositsEnabled };
  const title = ic.title(props.number);
  const orders = [...(props.orders ?? [])].sort((a, b) => a.deliveryDate.localeCompare(b.deliveryDate) || a.number - b.number);
  return (
    <Document title={pdfText(`${title} – ${props.seller.name}`)} author={pdfText(props.seller.name)} creator="Comptoir" producer="Comptoir" language={props.language}>
      <Page size="A4" style={baseStyles.page}>
        <View style={s.header}>
          <View>
            <Text style={baseStyles.brand}>{pdfText(props.seller.name)}</Text>
            <Text style={baseStyles.title}>{pdfText(title)}</Text>
          </View>
          <View style={s.meta}>
            <MetaRow label={ic.number} value={pdfText(props.number)} />
            <MetaRow label={ic.issueDate} value={pdfDate(props.issuedAt, props.language)} />
            <MetaRow label={ic.dueDate} value={pdfDate(props.dueDate, props.language)} />
            <MetaRow label={ic.terms} value={ic.termsDays(props.paymentTermsDays)} />
            {orders.length > 1 ? (
              <>
                <MetaRow label={ic.orders} value={String(orders.length)} />
                <MetaRow label={ic.deliveries} value={`${pdfDate(orders[0].deliveryDate, props.language)} – ${pdfDate(orders[orders.length - 1].deliveryDate, props.language)}`} />
              </>
            ) : (
              <>
                <MetaRow label={ic.order} value={`#${props.orderNumber}`} />
                <MetaRow label={ic.delivery} value={pdfDate(props.deliveryDate, props.language)} />
              </>
            )}
          </View>
        </View>

        <View style={s.parties}>
          <PartyBlock label={c.seller} party={props.seller} vatLabel={c.vat} />
          <PartyBlock label={c.buyer} party={props.buyer} vatLabel={c.vat} />
        </View>

        {orders.length > 1 ? (
          <View style={s.covered}>
            <Text style={baseStyles.label}>{ic.ordersCovered}</Text>
            {orders.map((o) => (
              <Text key={o.number}>{ic.orderLine(o.number, pdfDate(o.deliveryDate, props.language))}</Text>
            ))}
          </View>
        ) : null}

        <LinesTable language={props.language} locale={props.locale} currency={props.currency} lines={props.lines} options={options} />
        <TotalsBlock language={props.language} locale={props.locale} currency={props.currency} lines={props.lines} options={options} totals={props.totals} />

        {props.note.trim() ? (
          <View style={s.note} wrap={false}>
            <Text style={baseStyles.label}>{c.note}</Text>
            <Text>{pdfText(props.note)}</Text>
          </View>
        ) : null}

        <View style={baseStyles.footer} fixed>
          <Text>{pdfText(`${title} – ${props.seller.name} / ${props.buyer.name}`)}</Text>
          {props.lines.length > ONE_PAGE_LINES ? <Text render={({ pageNumber, totalPages }) => c.page(pageNumber, totalPages)} /> : null}
        </View>
      </Page>
    </Document>
  );
}

export async function renderInvoicePdf(props: InvoicePdfProps): Promise<Uint8Array> {
  return pdfBytes(await renderToBuffer(<InvoiceDocument {...props} />));
}
