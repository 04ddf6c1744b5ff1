// "Credit note issued" email, sent with the credit note PDF attached.
import { Text } from "./components/primitives";
import { EmailLayout, type EmailLanguage } from "./components/layout";
import { DetailRows, OpenButton } from "./invoice-details";

export type CreditNoteIssuedEmailProps = {
  language: EmailLanguage;
  creditNoteNumber: string;
  invoiceNumber: string;
  orderNumber: number;
  sellerName: string;
  buyerName: string;
  /** Already formatted. */
  total: string;
  /** The reconciliation note. */
  note: string;
  url: string;
};

const copy = {
  en: (p: CreditNoteIssuedEmailProps) => ({
    subject: `Credit note ${p.creditNoteNumber} from ${p.sellerName} (invoice ${p.invoiceNumber})`,
    title: `Credit note ${p.creditNoteNumber}`,
    body: `${p.sellerName} issued credit note ${p.creditNoteNumber} on invoice ${p.invoiceNumber} (order #${p.orderNumber}, customer: ${p.buyerName}). The PDF is attached.`,
    labels: { seller: "Seller", buyer: "Customer", total: "Amount credited", note: "Reason" },
    button: "See the order",
  }),
  fr: (p: CreditNoteIssuedEmailProps) => ({
    subject: `Avoir ${p.creditNoteNumber} de ${p.sellerName} (facture ${p.invoiceNumber})`,
    title: `Avoir ${p.creditNoteNumber}`,
    body: `${p.sellerName} a émis l’avoir ${p.creditNoteNumber} sur la facture ${p.invoiceNumber} (commande n° ${p.orderNumber}, client : ${p.buyerName}). Le PDF est joint.`,
    labels: { seller: "Vendeur", buyer: "Client", total: "Montant crédité", note: "Motif" },
    button: "Voir la commande",
  }),
} satisfies Record<EmailLanguage, unknown>;

export function creditNoteIssuedSubject(props: CreditNoteIssuedEmailProps): string {
  return copy[props.language](props).subject;
}

export default function CreditNoteIssuedEmail(props: CreditNoteIssuedEmailProps) {
  const c = copy[props.language](props);
  return (
    <EmailLayout language={props.language} preview={c.subject} title={c.title}>
      <Text>{c.body}</Text>
      <DetailRows
        rows={[
          [c.labels.seller, props.sellerName],
          [c.labels.buyer, props.buyerName],
          [c.labels.total, props.total],
          [c.labels.note, props.note],
        ]}
      />
      <OpenButton language={props.language} url={props.url} label={c.button} />
    </EmailLayout>
  );
}
