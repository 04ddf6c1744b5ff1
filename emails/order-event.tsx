// One template for every order event email (placed, accepted, rejected, shipped, delivered), with its
// texts in both languages here. Props only: the caller formats money and dates.
import { Button, Link, Section, Text } from "./components/primitives";
import { buttonStyle, EmailLayout, type EmailLanguage } from "./components/layout";

export type OrderEventType = "PLACED" | "ACCEPTED" | "REJECTED" | "SHIPPED" | "DELIVERED";

export type OrderEventEmailProps = {
  type: OrderEventType;
  language: EmailLanguage;
  orderNumber: number;
  sellerName: string;
  buyerName: string;
  /** The organization that made the change. */
  actorOrgName: string;
  /** Already formatted in the recipient's language. */
  deliveryDate: string;
  /** Already formatted in the seller's locale and currency. */
  total: string;
  url: string;
};

type Copy = { subject: string; title: string; body: string };

const copy: Record<OrderEventType, Record<EmailLanguage, (p: OrderEventEmailProps) => Copy>> = {
  PLACED: {
    en: (p) => ({
      subject: `New order #${p.orderNumber}: ${p.buyerName} → ${p.sellerName}`,
      title: `New order #${p.orderNumber}`,
      body: `${p.actorOrgName} placed order #${p.orderNumber} (customer: ${p.buyerName}; seller: ${p.sellerName}). It waits to be accepted.`,
    }),
    fr: (p) => ({
      subject: `Nouvelle commande n° ${p.orderNumber} : ${p.buyerName} → ${p.sellerName}`,
      title: `Nouvelle commande n° ${p.orderNumber}`,
      body: `${p.actorOrgName} a passé la commande n° ${p.orderNumber} (client : ${p.buyerName} ; vendeur : ${p.sellerName}). Elle attend d’être acceptée.`,
    }),
  },
  ACCEPTED: {
    en: (p) => ({
      subject: `Order #${p.orderNumber} (${p.sellerName}) accepted by ${p.actorOrgName}`,
      title: `Order #${p.orderNumber} accepted`,
      body: `${p.actorOrgName} accepted order #${p.orderNumber} (customer: ${p.buyerName}; seller: ${p.sellerName}).`,
    }),
    fr: (p) => ({
      subject: `Commande n° ${p.orderNumber} (${p.sellerName}) acceptée par ${p.actorOrgName}`,
      title: `Commande n° ${p.orderNumber} acceptée`,
      body: `${p.actorOrgName} a accepté la commande n° ${p.orderNumber} (client : ${p.buyerName} ; vendeur : ${p.sellerName}).`,
    }),
  },
  REJECTED: {
    en: (p) => ({
      subject: `Order #${p.orderNumber} (${p.sellerName}) rejected by ${p.actorOrgName}`,
      title: `Order #${p.orderNumber} rejected`,
      body: `${p.actorOrgName} rejected order #${p.orderNumber} (customer: ${p.buyerName}; seller: ${p.sellerName}). The order’s messages tell more.`,
    }),
    fr: (p) => ({
      subject: `Commande n° ${p.orderNumber} (${p.sellerName}) refusée par ${p.actorOrgName}`,
      title: `Commande n° ${p.orderNumber} refusée`,
      body: `${p.actorOrgName} a refusé la commande n° ${p.orderNumber} (client : ${p.buyerName} ; vendeur : ${p.sellerName}). Les messages de la commande en disent plus.`,
    }),
  },
  SHIPPED: {
    en: (p) => ({
      subject: `Order #${p.orderNumber} (${p.sellerName}) shipped`,
      title: `Order #${p.orderNumber} shipped`,
      body: `${p.actorOrgName} shipped order #${p.orderNumber} (customer: ${p.buyerName}; seller: ${p.sellerName}).`,
    }),
    fr: (p) => ({
      subject: `Commande n° ${p.orderNumber} (${p.sellerName}) expédiée`,
      title: `Commande n° ${p.orderNumber} expédiée`,
      body: `${p.actorOrgName} a expédié la commande n° ${p.orderNumber} (client : ${p.buyerName} ; vendeur : ${p.sellerName}).`,
    }),
  },
  DELIVERED: {
    en: (p) => ({
      subject: `Order #${p.orderNumber} (${p.sellerName}) delivered`,
      title: `Order #${p.orderNumber} delivered`,
      body: `${p.actorOrgName} confirmed the delivery of order #${p.orderNumber} (customer: ${p.buyerName}; seller: ${p.sellerName}).`,
    }),
    fr: (p) => ({
      subject: `Commande n° ${p.orderNumber} (${p.sellerName}) livrée`,
      title: `Commande n° ${p.orderNumber} livrée`,
      body: `${p.actorOrgName} a confirmé la livraison de la commande n° ${p.orderNumber} (client : ${p.buyerName} ; vendeur : ${p.sellerName}).`,
    }),
  },
};

const labels: Record<EmailLanguage, { seller: string; buyer: string; delivery: string; total: string; button: string; copyLink: string }> = {
  en: { seller: "Seller", buyer: "Customer", delivery: "Delivery date", total: "Total", button: "See the order", copyLink: "Or copy this link: " },
  fr: { seller: "Vendeur", buyer: "Client", delivery: "Date de livraison", total: "Total", button: "Voir la commande", copyLink: "Ou copiez ce lien : " },
};

export function orderEventSubject(props: OrderEventEmailProps): string {
  return copy[props.type][props.language](props).subject;
}

const rowLabel = { fontSize: "13px", color: "#6b7280", margin: "0" } as const;
const rowValue = { fontSize: "15px", margin: "0 0 8px" } as const;

export default function OrderEventEmail(props: OrderEventEmailProps) {
  const c = copy[props.type][props.language](props);
  const l = labels[props.language];
  return (
    <EmailLayout language={props.language} preview={c.subject} title={c.title}>
      <Text>{c.body}</Text>
      <Section style={{ margin: "8px 0 16px" }}>
        <Text style={rowLabel}>{l.seller}</Text>
        <Text style={rowValue}>{props.sellerName}</Text>
        <Text style={rowLabel}>{l.buyer}</Text>
        <Text style={rowValue}>{props.buyerName}</Text>
        <Text style={rowLabel}>{l.delivery}</Text>
        <Text style={rowValue}>{props.deliveryDate}</Text>
        <Text style={rowLabel}>{l.total}</Text>
        <Text style={rowValue}>{props.total}</Text>
      </Section>
      <Button href={props.url} style={buttonStyle}>
        {l.button}
      </Button>
      <Text style={{ fontSize: "13px", color: "#4b5563" }}>
        {l.copyLink}
        <Link href={props.url}>{props.url}</Link>
      </Text>
    </EmailLayout>
  );
}
