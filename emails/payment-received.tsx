// "Payment received" email: the amount, how it was paid, and the invoices it settles.
import { Text } from "./components/primitives";
import { EmailLayout, type EmailLanguage } from "./components/layout";
import { DetailRows, OpenButton } from "./invoice-details";

export type PaymentMethod = "CASH" | "CHEQUE" | "TRANSFER" | "CARD" | "OTHER";

export type PaymentReceivedEmailProps = {
  language: EmailLanguage;
  sellerName: string;
  buyerName: string;
  /** Already formatted. */
  amount: string;
  method: PaymentMethod;
  reference: string;
  paidAt: string;
  /** The invoices settled, each with the part of the payment it received (formatted). */
  invoices: { number: string; amount: string }[];
  url: string;
};

const METHODS: Record<EmailLanguage, Record<PaymentMethod, string>> = {
  en: { CASH: "Cash", CHEQUE: "Cheque", TRANSFER: "Bank transfer", CARD: "Card", OTHER: "Other" },
  fr: { CASH: "Espèces", CHEQUE: "Chèque", TRANSFER: "Virement", CARD: "Carte", OTHER: "Autre" },
};

const copy = {
  en: (p: PaymentReceivedEmailProps) => ({
    subject: `Payment of ${p.amount} received by ${p.sellerName}`,
    title: "Payment received",
    body: `${p.sellerName} recorded a payment of ${p.amount} from ${p.buyerName}.`,
    labels: { amount: "Amount", method: "Method", reference: "Reference", date: "Payment date", invoices: "Invoices settled" },
    button: "See the order",
  }),
  fr: (p: PaymentReceivedEmailProps) => ({
    subject: `Paiement de ${p.amount} reçu par ${p.sellerName}`,
    title: "Paiement reçu",
    body: `${p.sellerName} a enregistré un paiement de ${p.amount} de ${p.buyerName}.`,
    labels: { amount: "Montant", method: "Moyen de paiement", reference: "Référence", date: "Date du paiement", invoices: "Factures réglées" },
    button: "Voir la commande",
  }),
} satisfies Record<EmailLanguage, unknown>;

export function paymentReceivedSubject(props: PaymentReceivedEmailProps): string {
  return copy[props.language](props).subject;
}

export default function PaymentReceivedEmail(props: PaymentReceivedEmailProps) {
  const c = copy[props.language](props);
  const rows: [string, string][] = [
    [c.labels.amount, props.amount],
    [c.labels.method, METHODS[props.language][props.method] ?? props.method],
    [c.labels.date, props.paidAt],
  ];
  if (props.reference) rows.push([c.labels.reference, props.reference]);
  rows.push([c.labels.invoices, props.invoices.map((i) => `${i.number} (${i.amount})`).join(", ")]);
  return (
    <EmailLayout language={props.language} preview={c.subject} title={c.title}>
      <Text>{c.body}</Text>
      <DetailRows rows={rows} />
      <OpenButton language={props.language} url={props.url} label={c.button} />
    </EmailLayout>
  );
}
