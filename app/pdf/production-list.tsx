// The production list of a date as an A4 PDF for the bakehouse: per family, a table of the products
// with the B2B orders, the shops' counter orders, the leftovers deducted and the total to make.
// The figures come from app/modules/production/production.ts, like the page and the API.
import { Document, Page, renderToBuffer, StyleSheet, Text, View } from "@react-pdf/renderer";
import { formatNumber } from "~/utils/money";
import { ACCENT, baseStyles, pdfDate, pdfText, RULE, type PdfLanguage } from "./common";
import { docStyles, pdfBytes } from "./document-parts";

export type ProductionListPdfProps = {
  language: PdfLanguage;
  locale: string;
  producerName: string;
  date: string;
  validated: boolean;
  leftoverDate: string;
  filter: string[];
  families: { family: string; items: { name: string; fromOrders: number; fromShop: number; leftovers: number; quantity: number }[] }[];
};

type Copy = {
  title: (date: string) => string;
  validated: string;
  notValidated: string;
  families: (list: string) => string;
  allFamilies: string;
  leftoversOf: (date: string) => string;
  family: (family: string) => string;
  noFamily: string;
  columns: { product: string; orders: string; shop: string; leftovers: string; total: string };
  familyTotal: string;
  empty: string;
  page: (page: number, total: number) => string;
};

export const PRODUCTION_LIST_COPY: Record<PdfLanguage, Copy> = {
  fr: {
    title: (date) => `Production du ${date}`,
    validated: "Journée validée : liste définitive",
    notValidated: "Journée non validée : la liste peut encore changer",
    families: (list) => `Familles : ${list}`,
    allFamilies: "Toutes les familles",
    leftoversOf: (date) => `Restes déduits : ceux du ${date}`,
    family: (family) => `Famille ${family}`,
    noFamily: "Sans famille",
    columns: { product: "Produit", orders: "Commandes", shop: "Magasin", leftovers: "Restes", total: "À produire" },
    familyTotal: "Total de la famille",
    empty: "Rien à produire pour cette date.",
    page: (p, t) => `Page ${p} / ${t}`,
  },
  en: {
    title: (date) => `Production list — ${date}`,
    validated: "Validated day: final list",
    notValidated: "Day not validated yet: the list may still change",
    families: (list) => `Families: ${list}`,
    allFamilies: "All families",
    leftoversOf: (date) => `Leftovers deducted: those of ${date}`,
    family: (family) => `Family ${family}`,
    noFamily: "No family",
    columns: { product: "Product", orders: "Orders", shop: "Shop", leftovers: "Leftovers", total: "To make" },
    familyTotal: "Family total",
    empty: "Nothing to make on this date.",
    page: (p, t) => `Page ${p} / ${t}`,
  },
};

const s = StyleSheet.create({
  ...docStyles,
  familyTitle: { fontFamily: "Helvetica-Bold", fontSize: 11, color: ACCENT, marginTop: 14, marginBottom: 4 },
  cNum: { width: 70, textAlign: "right", paddingHorizontal: 3 },
  cBig: { width: 80, textAlign: "right", paddingHorizontal: 3, fontFamily: "Helvetica-Bold", fontSize: 10 },
  status: { marginTop: 8 },
  sumRow: { flexDirection: "row", paddingVertical: 4, borderTopWidth: 1, borderColor: RULE },
});

export function ProductionListDocument(props: ProductionListPdfProps) {
  const c = PRODUCTION_LIST_COPY[props.language];
  const n = (value: number) => pdfText(formatNumber(value, props.locale));
  const date = pdfDate(props.date, props.language);
  return (
    <Document title={pdfText(c.title(date))} author={pdfText(props.producerName)} creator="Comptoir" producer="Comptoir" language={props.language}>
      <Page size="A4" style={baseStyles.page}>
        <View style={s.header}>
          <View>
            <Text style={baseStyles.brand}>{pdfText(props.producerName)}</Text>
            <Text style={baseStyles.title}>{c.title(date)}</Text>
            <Text style={[baseStyles.muted, s.status]}>{props.validated ? c.validated : c.notValidated}</Text>
          </View>
          <View style={s.meta}>
            <Text>{props.filter.length ? pdfText(c.families(props.filter.join(" "))) : c.allFamilies}</Text>
            <Text style={baseStyles.muted}>{c.leftoversOf(pdfDate(props.leftoverDate, props.language))}</Text>
          </View>
        </View>
        {props.families.length === 0 ? <Text style={baseStyles.muted}>{c.empty}</Text> : null}
        {props.families.map((family) => {
          const sum = (key: "fromOrders" | "fromShop" | "leftovers" | "quantity") => family.items.reduce((total, item) => total + item[key], 0);
          return (
            <View key={family.family}>
              <Text style={s.familyTitle} minPresenceAhead={40}>{family.family ? pdfText(c.family(family.family)) : c.noFamily}</Text>
              <View style={s.table}>
                <View style={s.headRow} fixed>
                  <Text style={[s.cDesc, s.headCell]}>{c.columns.product}</Text>
                  <Text style={[s.cNum, s.headCell]}>{c.columns.orders}</Text>
                  <Text style={[s.cNum, s.headCell]}>{c.columns.shop}</Text>
                  <Text style={[s.cNum, s.headCell]}>{c.columns.leftovers}</Text>
                  <Text style={[s.cNum, s.headCell]}>{c.columns.total}</Text>
                </View>
                {family.items.map((item, i) => (
                  <View key={i} style={s.row} wrap={false}>
                    <Text style={s.cDesc}>{pdfText(item.name)}</Text>
                    <Text style={s.cNum}>{n(item.fromOrders)}</Text>
                    <Text style={s.cNum}>{n(item.fromShop)}</Text>
                    <Text style={s.cNum}>{item.leftovers ? n(-item.leftovers) : "0"}</Text>
                    <Text style={s.cBig}>{n(item.quantity)}</Text>
                  </View>
                ))}
                <View style={s.sumRow} wrap={false}>
                  <Text style={[s.cDesc, baseStyles.bold]}>{c.familyTotal}</Text>
                  <Text style={s.cNum}>{n(sum("fromOrders"))}</Text>
                  <Text style={s.cNum}>{n(sum("fromShop"))}</Text>
                  <Text style={s.cNum}>{sum("leftovers") ? n(-sum("leftovers")) : "0"}</Text>
                  <Text style={s.cBig}>{n(sum("quantity"))}</Text>
                </View>
              </View>
            </View>
          );
        })}
        <View style={baseStyles.footer} fixed>
          <Text>{pdfText(`${c.title(date)} – ${props.producerName}`)}</Text>
          <Text render={({ pageNumber, totalPages }) => c.page(pageNumber, totalPages)} />
        </View>
      </Page>
    </Document>
  );
}

export async function renderProductionListPdf(props: ProductionListPdfProps): Promise<Uint8Array> {
  return pdfBytes(await renderToBuffer(<ProductionListDocument {...props} />));
}
