// The pieces the business documents share (purchase order, invoice, credit note): the parties' blocks,
// the label/value rows of the header and the styles of the header, the lines table and the totals.
import { StyleSheet, Text, View } from "@react-pdf/renderer";
import { ACCENT, baseStyles, MUTED, pdfText, RULE } from "./common";

export type PdfParty = {
  name: string;
  address?: string | null;
  email?: string | null;
  phone?: string | null;
  taxNumber?: string | null;
};

export const docStyles = StyleSheet.create({
  header: { flexDirection: "row", justifyContent: "space-between", alignItems: "flex-start", marginBottom: 18 },
  meta: { width: 200 },
  metaRow: { flexDirection: "row", justifyContent: "space-between", marginBottom: 2 },
  parties: { flexDirection: "row", gap: 16, marginBottom: 14 },
  party: { flex: 1, borderWidth: 1, borderColor: RULE, borderRadius: 3, padding: 8 },
  partyName: { fontFamily: "Helvetica-Bold", fontSize: 10.5, marginBottom: 2 },
  table: { borderTopWidth: 1, borderColor: RULE },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderColor: RULE, paddingVertical: 4 },
  headRow: { flexDirection: "row", borderBottomWidth: 1, borderColor: "#9ca3af", paddingVertical: 4, backgroundColor: "#f6f5f3" },
  headCell: { fontFamily: "Helvetica-Bold", fontSize: 8 },
  cDesc: { flex: 1, paddingHorizontal: 3 },
  cQty: { width: 40, textAlign: "right", paddingHorizontal: 3 },
  cPrice: { width: 66, textAlign: "right", paddingHorizontal: 3 },
  cPct: { width: 44, textAlign: "right", paddingHorizontal: 3 },
  cDeposit: { width: 56, textAlign: "right", paddingHorizontal: 3 },
  cTotal: { width: 70, textAlign: "right", paddingHorizontal: 3 },
  kind: { fontSize: 7.5, color: MUTED },
  totals: { marginTop: 12, marginLeft: "auto", width: 230 },
  totalRow: { flexDirection: "row", justifyContent: "space-between", paddingVertical: 2 },
  grandTotal: { flexDirection: "row", justifyContent: "space-between", borderTopWidth: 1, borderColor: ACCENT, marginTop: 4, paddingTop: 4 },
  grandText: { fontFamily: "Helvetica-Bold", fontSize: 11 },
  note: { marginTop: 18, borderLeftWidth: 2, borderColor: ACCENT, paddingLeft: 8 },
  covered: { marginBottom: 12 },
});

export function PartyBlock(props: { label: string; party: PdfParty; vatLabel: string }) {
  const p = props.party;
  return (
    <View style={docStyles.party} wrap={false}>
      <Text style={baseStyles.label}>{props.label}</Text>
      <Text style={docStyles.partyName}>{pdfText(p.name)}</Text>
      {p.address ? <Text>{pdfText(p.address)}</Text> : null}
      {p.email ? <Text>{pdfText(p.email)}</Text> : null}
      {p.phone ? <Text>{pdfText(p.phone)}</Text> : null}
      {p.taxNumber ? <Text>{`${props.vatLabel} ${pdfText(p.taxNumber)}`}</Text> : null}
    </View>
  );
}

export function MetaRow(props: { label: string; value: string }) {
  return (
    <View style={docStyles.metaRow}>
      <Text style={baseStyles.muted}>{props.label}</Text>
      <Text style={baseStyles.bold}>{props.value}</Text>
    </View>
  );
}

export function TotalRow(props: { label: string; value: string }) {
  return (
    <View style={docStyles.totalRow}>
      <Text>{props.label}</Text>
      <Text>{props.value}</Text>
    </View>
  );
}

export function GrandTotalRow(props: { label: string; value: string }) {
  return (
    <View style={docStyles.grandTotal}>
      <Text style={docStyles.grandText}>{props.label}</Text>
      <Text style={docStyles.grandText}>{props.value}</Text>
    </View>
  );
}

/** React PDF's buffer as the bytes the app stores and serves. */
export function pdfBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
