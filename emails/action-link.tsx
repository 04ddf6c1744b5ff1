// One template for every "click this link to continue" email: password reset, email change,
// invitations. Each kind has its texts in both languages here.
import { Button, Link, Text } from "./components/primitives";
import { buttonStyle, EmailLayout, type EmailLanguage } from "./components/layout";

export type ActionLinkKind = "password-reset" | "email-change" | "member-invitation" | "relation-invitation";

export type ActionLinkProps = {
  kind: ActionLinkKind;
  language: EmailLanguage;
  url: string;
  /** Organization that invites (invitations) or new address (email change). */
  subjectName?: string;
  inviterName?: string;
};

type Copy = { subject: string; title: string; body: string; button: string; expiry: string };

const copy: Record<ActionLinkKind, Record<EmailLanguage, (p: ActionLinkProps) => Copy>> = {
  "password-reset": {
    en: () => ({
      subject: "Reset your Comptoir password",
      title: "Reset your password",
      body: "Someone asked to reset the password of your Comptoir account. If it was you, choose a new password with the button below.",
      button: "Choose a new password",
      expiry: "This link works once and expires in 1 hour. If you did not ask for it, ignore this email.",
    }),
    fr: () => ({
      subject: "Réinitialisez votre mot de passe Comptoir",
      title: "Réinitialisez votre mot de passe",
      body: "Une réinitialisation du mot de passe de votre compte Comptoir a été demandée. Si c’est vous, choisissez un nouveau mot de passe avec le bouton ci-dessous.",
      button: "Choisir un nouveau mot de passe",
      expiry: "Ce lien ne fonctionne qu’une fois et expire dans 1 heure. Si vous n’êtes pas à l’origine de la demande, ignorez cet e-mail.",
    }),
  },
  "email-change": {
    en: (p) => ({
      subject: "Confirm your new email address",
      title: "Confirm your new email address",
      body: `Confirm that ${p.subjectName} is the new email address of your Comptoir account.`,
      button: "Confirm this address",
      expiry: "This link works once and expires in 24 hours.",
    }),
    fr: (p) => ({
      subject: "Confirmez votre nouvelle adresse e-mail",
      title: "Confirmez votre nouvelle adresse e-mail",
      body: `Confirmez que ${p.subjectName} est la nouvelle adresse e-mail de votre compte Comptoir.`,
      button: "Confirmer cette adresse",
      expiry: "Ce lien ne fonctionne qu’une fois et expire dans 24 heures.",
    }),
  },
  "member-invitation": {
    en: (p) => ({
      subject: `${p.inviterName} invites you to join ${p.subjectName} on Comptoir`,
      title: `Join ${p.subjectName} on Comptoir`,
      body: `${p.inviterName} invites you to join ${p.subjectName}. Log in or create your account to accept.`,
      button: "Accept the invitation",
      expiry: "This invitation expires in 7 days.",
    }),
    fr: (p) => ({
      subject: `${p.inviterName} vous invite à rejoindre ${p.subjectName} sur Comptoir`,
      title: `Rejoignez ${p.subjectName} sur Comptoir`,
      body: `${p.inviterName} vous invite à rejoindre ${p.subjectName}. Connectez-vous ou créez votre compte pour accepter.`,
      button: "Accepter l’invitation",
      expiry: "Cette invitation expire dans 7 jours.",
    }),
  },
  "relation-invitation": {
    en: (p) => ({
      subject: `${p.subjectName} invites you to trade on Comptoir`,
      title: `${p.subjectName} invites you to trade on Comptoir`,
      body: `${p.subjectName} would like to work with you on Comptoir: orders, invoices and messages in one place. Log in or create your account, then accept with your organization.`,
      button: "See the invitation",
      expiry: "This invitation expires in 30 days.",
    }),
    fr: (p) => ({
      subject: `${p.subjectName} vous invite à commercer sur Comptoir`,
      title: `${p.subjectName} vous invite à commercer sur Comptoir`,
      body: `${p.subjectName} souhaite travailler avec vous sur Comptoir : commandes, factures et messages au même endroit. Connectez-vous ou créez votre compte, puis acceptez avec votre organisation.`,
      button: "Voir l’invitation",
      expiry: "Cette invitation expire dans 30 jours.",
    }),
  },
};

export function actionLinkSubject(props: ActionLinkProps): string {
  return copy[props.kind][props.language](props).subject;
}

export default function ActionLinkEmail(props: ActionLinkProps) {
  const c = copy[props.kind][props.language](props);
  return (
    <EmailLayout language={props.language} preview={c.title} title={c.title}>
      <Text>{c.body}</Text>
      <Button href={props.url} style={buttonStyle}>
        {c.button}
      </Button>
      <Text style={{ fontSize: "13px", color: "#4b5563" }}>
        {props.language === "fr" ? "Ou copiez ce lien : " : "Or copy this link: "}
        <Link href={props.url}>{props.url}</Link>
      </Text>
      <Text style={{ fontSize: "13px", color: "#4b5563" }}>{c.expiry}</Text>
    </EmailLayout>
  );
}
