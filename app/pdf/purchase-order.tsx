// The purchase order (bon de commande) as an A4 PDF: who sells to whom, when and how it is delivered,
// the lines and the totals. Texts in French and English here; money and numbers in the seller's
// locale and currency; the totals come from computeTotals, like everywhere else.
import { Document, Page, renderToBuffer, Text, View, StyleSheet } from "@react-pdf/renderer";
import type { Distribution } from "~/modules/order/types";
import { computeTotals, type LineKind } from "~/modules/pricing/totals";
import { formatBps, formatCents, formatNumber, formatUnitPrice4 } from "~/utils/money";
import { baseStyles, pdfDate, pdfText, type PdfLanguage } from "./common";
import { docStyles, MetaRow, PartyBlock, pdfBytes, type PdfParty } from "./document-parts";

export type { PdfParty };

export type PurchaseOrderLine = {
  kind: LineKind;
  description: string;
  quantity: number;
  unitPrice4: number;
  discountBps: number;
  taxRateBps: number;
  /** Per unit. */
  depositCents: number;
};

export type PurchaseOrderPdfProps = {
  language: PdfLanguage;
  /** The seller's locale and the order's currency: every amount and number is written with them. */
  locale: string;
  currency: string;
  number: number;
  version: number;
  orderDate: string | Date;
  deliveryDate: string;
  distribution: Distribution;
  seller: PdfParty;
  buyer: PdfParty;
  rep: PdfParty | null;
  distributor: PdfParty | null;
  lines: PurchaseOrderLine[];
  taxesEnabled: boolean;
  depositsEnabled: boolean;
  note: string;
};

type Copy = {
  title: (n: number) => string;
  docTitle: (n: number, seller: string) => string;
  seller: string;
  buyer: string;
  orderNumber: string;
  orderDate: string;
  deliveryDate: string;
  distribution: string;
  rep: string;
  distributor: string;
  vat: string;
  distributions: Record<Distribution, string>;
  columns: { description: string; quantity: string; unitPrice: string; discount: string; tax: string; deposit: string; total: string };
  fee: string;
  rebate: string;
  subtotal: string;
  discount: string;
  tax: string;
  taxesRemoved: string;
  deposit: string;
  total: string;
  note: string;
  noLines: string;
  page: (page: number, total: number) => string;
  version: (v: number) => string;
};

export const PURCHASE_ORDER_COPY: Record<PdfLanguage, Copy> = {
  fr: {
    title: (n) => `Bon de commande n° ${n}`,
    docTitle: (n, seller) => `Bon de commande n° ${n} – ${seller}`,
    seller: "Producteur",
    buyer: "Client",
    orderNumber: "Numéro",
    orderDate: "Date de commande",
    deliveryDate: "Livraison souhaitée",
    distribution: "Mode de distribution",
    rep: "Agent commercial",
    distributor: "Distributeur",
    vat: "N° TVA",
    distributions: { SELF: "Livraison par le producteur", SHIPPED: "Expédition", PICKUP: "Retrait sur place", DISTRIBUTOR: "Par le distributeur" },
    columns: { description: "Désignation", quantity: "Qté", unitPrice: "Prix unit. HT", discount: "Remise", tax: "TVA", deposit: "Consigne", total: "Total HT" },
    fee: "Frais",
    rebate: "Ristourne",
    subtotal: "Sous-total HT",
    discount: "Remises",
    tax: "TVA",
    taxesRemoved: "TVA non appliquée",
    deposit: "Consignes",
    total: "Total TTC",
    note: "Note",
    noLines: "Aucune ligne.",
    page: (p, t) => `Page ${p} / ${t}`,
    version: (v) => `Version ${v}`,
  },
  en: {
    title: (n) => `Purchase order #${n}`,
    docTitle: (n, seller) => `Purchase order #${n} – ${seller}`,
    seller: "Producer",
    buyer: "Customer",
    orderNumber: "Number",
    orderDate: "Order date",
    deliveryDate: "Requested delivery",
    distribution: "Distribution",
    rep: "Sales rep",
    distributor: "Distributor",
    vat: "VAT no.",
    distributions: { SELF: "Delivered by the producer", SHIPPED: "Shipped", PICKUP: "Pickup", DISTRIBUTOR: "Through the distributor" },
    columns: { description: "Description", quantity: "Qty", unitPrice: "Unit price", discount: "Discount", tax: "Tax", deposit: "Deposit", total: "Net total" },
    fee: "Fee",
    rebate: "Rebate",
    subtotal: "Subtotal",
    discount: "Discounts",
    tax: "Tax",
    taxesRemoved: "No tax applied",
    deposit: "Deposits",
    total: "Total",
    note: "Note",
    noLines: "No lines.",
    page: (p, t) => `Page ${p} / ${t}`,
    version: (v) => `Version ${v}`,
  },
};

const s = StyleSheet.create({
  ...docStyles,
  intermediaries: { flexDirection: "row", gap: 16, marginBottom: 14 },
});

export function PurchaseOrderDocument(props: PurchaseOrderPdfProps) {
  const c = PURCHASE_ORDER_COPY[props.language];
  const { locale, currency } = props;
  const money = (cents: number) => pdfText(formatCents(cents, currency, locale));
  const options = { taxesEnabled: props.taxesEnabled, depositsEnabled: props.depositsEnabled };
  const { lines: amounts, totals } = computeTotals(props.lines, options);

  return (
    <Document
      title={pdfText(c.docTitle(props.number, props.seller.name))}
      author={pdfText(props.seller.name)}
      creator="Comptoir"
      producer="Comptoir"
      language={props.language}
    >
      <Page size="A4" style={baseStyles.page}>
        <View style={s.header}>
          <View>
            <Text style={baseStyles.brand}>{pdfText(props.seller.name)}</Text>
            <Text style={baseStyles.title}>{pdfText(c.title(props.number))}</Text>
          </View>
          <View style={s.meta}>
            <MetaRow label={c.orderNumber} value={String(props.number)} />
            <MetaRow label={c.orderDate} value={pdfDate(props.orderDate, props.language)} />
            <MetaRow label={c.deliveryDate} value={pdfDate(props.deliveryDate, props.language)} />
            <MetaRow label={c.distribution} value={c.distributions[props.distribution] ?? props.distribution} />
          </View>
        </View>

        <View style={s.parties}>
          <PartyBlock label={c.seller} party={props.seller} vatLabel={c.vat} />
          <PartyBlock label={c.buyer} party={props.buyer} vatLabel={c.vat} />
        </View>

        {props.rep || props.distributor ? (
          <View style={s.intermediaries}>
            {props.rep ? <PartyBlock label={c.rep} party={props.rep} vatLabel={c.vat} /> : null}
            {props.distributor ? <PartyBlock label={c.distributor} party={props.distributor} vatLabel={c.vat} /> : null}
          </View>
        ) : null}

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
            const a = amounts[i];
            const sign = line.kind === "REBATE" ? -1 : 1;
            return (
              <View key={i} style={s.row} wrap={false}>
                <View style={s.cDesc}>
                  <Text>{pdfText(line.description)}</Text>
                  {line.kind !== "ITEM" ? <Text style={s.kind}>{line.kind === "FEE" ? c.fee : c.rebate}</Text> : null}
                </View>
                <Text style={s.cQty}>{pdfText(formatNumber(line.quantity, locale))}</Text>
                <Text style={s.cPrice}>{pdfText(formatUnitPrice4(sign * line.unitPrice4, currency, locale))}</Text>
                <Text style={s.cPct}>{line.discountBps ? pdfText(formatBps(line.discountBps, locale)) : "–"}</Text>
                <Text style={s.cPct}>{props.taxesEnabled ? pdfText(formatBps(line.taxRateBps, locale)) : "–"}</Text>
                <Text style={s.cDeposit}>{a.depositCents ? money(a.depositCents) : "–"}</Text>
                <Text style={s.cTotal}>{money(a.totalCents)}</Text>
              </View>
            );
          })}
        </View>

        <View style={s.totals} wrap={false}>
          <View style={s.totalRow}>
            <Text>{c.subtotal}</Text>
            <Text>{money(totals.subtotalCents)}</Text>
          </View>
          {totals.discountCents ? (
            <View style={s.totalRow}>
              <Text>{c.discount}</Text>
              <Text>{money(-totals.discountCents)}</Text>
            </View>
          ) : null}
          <View style={s.totalRow}>
            <Text>{props.taxesEnabled ? c.tax : c.taxesRemoved}</Text>
            <Text>{money(totals.taxCents)}</Text>
          </View>
          {props.depositsEnabled ? (
            <View style={s.totalRow}>
              <Text>{c.deposit}</Text>
              <Text>{money(totals.depositCents)}</Text>
            </View>
          ) : null}
          <View style={s.grandTotal}>
            <Text style={s.grandText}>{c.total}</Text>
            <Text style={s.grandText}>{money(totals.totalCents)}</Text>
          </View>
        </View>

        {props.note.trim() ? (
          <View style={s.note} wrap={false}>
            <Text style={baseStyles.label}>{c.note}</Text>
            <Text>{pdfText(props.note)}</Text>
          </View>
        ) : null}

        <View style={baseStyles.footer} fixed>
          <Text>{pdfText(`${c.title(props.number)} – ${props.seller.name} / ${props.buyer.name} – ${c.version(props.version)}`)}</Text>
          <Text render={({ pageNumber, totalPages }) => c.page(pageNumber, totalPages)} />
        </View>
      </Page>
    </Document>
  );
}

export async function renderPurchaseOrderPdf(props: PurchaseOrderPdfProps): Promise<Uint8Array> {
  return pdfBytes(await renderToBuffer(<PurchaseOrderDocument {...props} />));
}
