// What the invoicing emails share: a list of label/value rows and the "open it" button with its link.
import { Button, Link, Section, Text } from "./components/primitives";
import { buttonStyle, type EmailLanguage } from "./components/layout";

const rowLabel = { fontSize: "13px", color: "#6b7280", margin: "0" } as const;
const rowValue = { fontSize: "15px", margin: "0 0 8px" } as const;

export function DetailRows(props: { rows: readonly (readonly [string, string])[] }) {
  return (
    <Section style={{ margin: "8px 0 16px" }}>
      {props.rows.map(([label, value]) => (
        <div key={label}>
          <Text style={rowLabel}>{label}</Text>
          <Text style={rowValue}>{value}</Text>
        </div>
      ))}
    </Section>
  );
}

export function OpenButton(props: { language: EmailLanguage; url: string; label: string }) {
  return (
    <>
      <Button href={props.url} style={buttonStyle}>
        {props.label}
      </Button>
      <Text style={{ fontSize: "13px", color: "#4b5563" }}>
        {props.language === "fr" ? "Ou copiez ce lien : " : "Or copy this link: "}
        <Link href={props.url}>{props.url}</Link>
      </Text>
    </>
  );
}
