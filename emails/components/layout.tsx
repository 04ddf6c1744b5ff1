import { Body, Container, Head, Heading, Hr, Html, Preview, Text } from "./primitives";
import type { ReactNode } from "react";

export type EmailLanguage = "fr" | "en";

export function EmailLayout(props: { language: EmailLanguage; preview: string; title: string; children: ReactNode }) {
  return (
    <Html lang={props.language}>
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={{ backgroundColor: "#f6f5f3", fontFamily: "Helvetica, Arial, sans-serif", color: "#1f2937" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "32px", margin: "24px auto", maxWidth: "560px", borderRadius: "8px" }}>
          <Text style={{ color: "#a95c1c", fontWeight: 700, fontSize: "18px", margin: 0 }}>Comptoir</Text>
          <Heading as="h1" style={{ fontSize: "20px", margin: "16px 0" }}>
            {props.title}
          </Heading>
          {props.children}
          <Hr style={{ margin: "24px 0", borderColor: "#e5e7eb" }} />
          <Text style={{ fontSize: "12px", color: "#6b7280" }}>
            {props.language === "fr"
              ? "Vous recevez cet e-mail parce qu’une action a été faite sur Comptoir avec votre adresse."
              : "You receive this email because an action was taken on Comptoir with your address."}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export const buttonStyle = {
  backgroundColor: "#a95c1c",
  color: "#ffffff",
  padding: "12px 20px",
  borderRadius: "6px",
  textDecoration: "none",
  fontWeight: 600,
  display: "inline-block",
} as const;
