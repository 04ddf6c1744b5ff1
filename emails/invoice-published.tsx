// "Invoice published" email, sent with the invoice PDF attached. Props only: the caller formats money
// and dates in the recipient's language.
import { Text } from "./components/primitives";
import { EmailLayout, type EmailLanguage } from "./components/layout";
import { DetailRows, OpenButton } from "./invoice-details";

export type InvoicePublishedEmailProps = {
  language: EmailLanguage;
  invoiceNumber: string;
  orderNumber: number;
  sellerName: string;
  buyerName: string;
  /** Already formatted. */
  total: string;
  issueDate: string;
  dueDate: string;
  url: string;
};

const copy = {
  en: (p: InvoicePublishedEmailProps) => ({
    subject: `Invoice ${p.invoiceNumber} from ${p.sellerName} (order #${p.orderNumber})`,
    title: `Invoice ${p.invoiceNumber}`,
    body: `${p.sellerName} published invoice ${p.invoiceNumber} for order #${p.orderNumber} (customer: ${p.buyerName}). The PDF is attached.`,
    labels: { seller: "Seller", buyer: "Customer", total: "Total", issued: "Issue date", due: "Due date" },
    button: "See the order",
  }),
  fr: (p: InvoicePublishedEmailProps) => ({
    subject: `Facture ${p.invoiceNumber} de ${p.sellerName} (commande n° ${p.orderNumber})`,
    title: `Facture ${p.invoiceNumber}`,
    body: `${p.sellerName} a émis la facture ${p.invoiceNumber} pour la commande n° ${p.orderNumber} (client : ${p.buyerName}). Le PDF est joint.`,
    labels: { seller: "Vendeur", buyer: "Client", total: "Total", issued: "Date d’émission", due: "Échéance" },
    button: "Voir la commande",
  }),
} satisfies Record<EmailLanguage, unknown>;

export function invoicePublishedSubject(props: InvoicePublishedEmailProps): string {
  return copy[props.language](props).subject;
}

export default function InvoicePublishedEmail(props: InvoicePublishedEmailProps) {
  const c = copy[props.language](props);
  return (
    <EmailLayout language={props.language} preview={c.subject} title={c.title}>
      <Text>{c.body}</Text>
      <DetailRows
        rows={[
          [c.labels.seller, props.sellerName],
          [c.labels.buyer, props.buyerName],
          [c.labels.total, props.total],
          [c.labels.issued, props.issueDate],
          [c.labels.due, props.dueDate],
        ]}
      />
      <OpenButton language={props.language} url={props.url} label={c.button} />
    </EmailLayout>
  );
}
