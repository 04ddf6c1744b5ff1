// Overdue invoice reminder (daily job: app/modules/invoice/reminders.server.ts).
import { Text } from "./components/primitives";
import { EmailLayout, type EmailLanguage } from "./components/layout";
import { DetailRows, OpenButton } from "./invoice-details";

export type InvoiceOverdueEmailProps = {
  language: EmailLanguage;
  invoiceNumber: string;
  orderNumber: number;
  sellerName: string;
  buyerName: string;
  /** Already formatted: what is still to pay, and the total. */
  balance: string;
  total: string;
  dueDate: string;
  daysOverdue: number;
  url: string;
};

const copy = {
  en: (p: InvoiceOverdueEmailProps) => ({
    subject: `Reminder: invoice ${p.invoiceNumber} from ${p.sellerName} is overdue`,
    title: `Invoice ${p.invoiceNumber} is overdue`,
    body: `Invoice ${p.invoiceNumber} from ${p.sellerName} (order #${p.orderNumber}) was due on ${p.dueDate}, ${p.daysOverdue} ${p.daysOverdue === 1 ? "day" : "days"} ago. ${p.balance} is still to be paid. If you have paid it in the meantime, please ignore this email.`,
    labels: { seller: "Seller", buyer: "Customer", balance: "Balance due", total: "Invoice total", due: "Due date" },
    button: "See the order",
  }),
  fr: (p: InvoiceOverdueEmailProps) => ({
    subject: `Rappel : la facture ${p.invoiceNumber} de ${p.sellerName} est échue`,
    title: `La facture ${p.invoiceNumber} est échue`,
    body: `La facture ${p.invoiceNumber} de ${p.sellerName} (commande n° ${p.orderNumber}) était payable le ${p.dueDate}, il y a ${p.daysOverdue} ${p.daysOverdue === 1 ? "jour" : "jours"}. Il reste ${p.balance} à payer. Si vous l’avez réglée entre-temps, ignorez cet e-mail.`,
    labels: { seller: "Vendeur", buyer: "Client", balance: "Reste à payer", total: "Total de la facture", due: "Échéance" },
    button: "Voir la commande",
  }),
} satisfies Record<EmailLanguage, unknown>;

export function invoiceOverdueSubject(props: InvoiceOverdueEmailProps): string {
  return copy[props.language](props).subject;
}

export default function InvoiceOverdueEmail(props: InvoiceOverdueEmailProps) {
  const c = copy[props.language](props);
  return (
    <EmailLayout language={props.language} preview={c.subject} title={c.title}>
      <Text>{c.body}</Text>
      <DetailRows
        rows={[
          [c.labels.seller, props.sellerName],
          [c.labels.buyer, props.buyerName],
          [c.labels.balance, props.balance],
          [c.labels.total, props.total],
          [c.labels.due, props.dueDate],
        ]}
      />
      <OpenButton language={props.language} url={props.url} label={c.button} />
    </EmailLayout>
  );
}
