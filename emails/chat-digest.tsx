// The chat digest: one email per order for a member who has not read its new messages within 10
// minutes (app/modules/chat/digest.server.ts). Props only: the caller formats the times. Bodies are
// shown as text (React escapes them): a message is never markup.
import { Button, Link, Section, Text } from "./components/primitives";
import { buttonStyle, EmailLayout, type EmailLanguage } from "./components/layout";

export type ChatDigestMessage = { author: string; organization: string; body: string; time: string; files: string[] };

export type ChatDigestEmailProps = {
  language: EmailLanguage;
  orderNumber: number;
  sellerName: string;
  buyerName: string;
  /** Unread messages in all (the email shows the latest ones). */
  count: number;
  messages: ChatDigestMessage[];
  url: string;
  settingsUrl: string;
};

const copy = {
  en: {
    subject: (p: ChatDigestEmailProps) => `${p.count === 1 ? "1 unread message" : `${p.count} unread messages`} on order #${p.orderNumber} (${p.buyerName} → ${p.sellerName})`,
    title: (p: ChatDigestEmailProps) => `Order #${p.orderNumber}: ${p.count === 1 ? "a message awaits you" : `${p.count} messages await you`}`,
    intro: (p: ChatDigestEmailProps) => `The conversation about order #${p.orderNumber} (customer: ${p.buyerName}; seller: ${p.sellerName}) has news you have not read yet.`,
    more: (n: number) => (n === 1 ? "…and 1 earlier message." : `…and ${n} earlier messages.`),
    file: "File: ",
    button: "Reply in Comptoir",
    copyLink: "Or copy this link: ",
    settings: "Choose which emails you receive",
  },
  fr: {
    subject: (p: ChatDigestEmailProps) => `${p.count === 1 ? "1 message non lu" : `${p.count} messages non lus`} sur la commande n° ${p.orderNumber} (${p.buyerName} → ${p.sellerName})`,
    title: (p: ChatDigestEmailProps) => `Commande n° ${p.orderNumber} : ${p.count === 1 ? "un message vous attend" : `${p.count} messages vous attendent`}`,
    intro: (p: ChatDigestEmailProps) => `La discussion de la commande n° ${p.orderNumber} (client : ${p.buyerName} ; vendeur : ${p.sellerName}) a du nouveau que vous n’avez pas encore lu.`,
    more: (n: number) => (n === 1 ? "…et 1 message plus ancien." : `…et ${n} messages plus anciens.`),
    file: "Fichier : ",
    button: "Répondre dans Comptoir",
    copyLink: "Ou copiez ce lien : ",
    settings: "Choisir les e-mails que vous recevez",
  },
} as const;

export function chatDigestSubject(props: ChatDigestEmailProps): string {
  return copy[props.language].subject(props);
}

export default function ChatDigestEmail(props: ChatDigestEmailProps) {
  const c = copy[props.language];
  const earlier = props.count - props.messages.length;
  return (
    <EmailLayout language={props.language} preview={chatDigestSubject(props)} title={c.title(props)}>
      <Text>{c.intro(props)}</Text>
      {earlier > 0 ? <Text style={{ fontSize: "13px", color: "#6b7280" }}>{c.more(earlier)}</Text> : null}
      {props.messages.map((m, i) => (
        <Section key={i} style={{ borderLeft: "3px solid #e5e7eb", paddingLeft: "12px", margin: "0 0 12px" }}>
          <Text style={{ fontSize: "13px", color: "#6b7280", margin: "0" }}>
            {m.author} ({m.organization}) · {m.time}
          </Text>
          {m.body ? <Text style={{ fontSize: "15px", margin: "4px 0 0", whiteSpace: "pre-line" }}>{m.body}</Text> : null}
          {m.files.map((f) => (
            <Text key={f} style={{ fontSize: "13px", margin: "4px 0 0" }}>
              {c.file}
              {f}
            </Text>
          ))}
        </Section>
      ))}
      <Button href={props.url} style={buttonStyle}>
        {c.button}
      </Button>
      <Text style={{ fontSize: "13px", color: "#4b5563" }}>
        {c.copyLink}
        <Link href={props.url}>{props.url}</Link>
      </Text>
      <Text style={{ fontSize: "12px", color: "#6b7280" }}>
        <Link href={props.settingsUrl}>{c.settings}</Link>
      </Text>
    </EmailLayout>
  );
}
