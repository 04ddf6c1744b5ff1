// What every React PDF document of the app shares: the built-in Helvetica (no font file to ship),
// text made safe for it, dates and the base styles.
import { Font, StyleSheet } from "@react-pdf/renderer";

export type PdfLanguage = "fr" | "en";

// Business documents never split a name or a product across lines with a hyphen: React PDF
// hyphenates with English patterns by default, which cuts French words in odd places.
Font.registerHyphenationCallback((word) => [word]);

// The 14 built-in PDF fonts only know WinAnsi (Windows-1252). Intl writes French amounts with
// narrow no-break spaces (U+202F) and some locales with a real minus sign (U+2212): those, and any
// other character outside WinAnsi, are replaced by their nearest WinAnsi form (else "?").
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const REPLACEMENTS: Record<string, string> = {
  "\u202f": "\u00a0", // narrow no-break space
  "\u2009": " ", // thin space
  "\u2007": "\u00a0", // figure space
  "\u2212": "-", // minus sign
  "\u2010": "-",
  "\u2011": "-",
  "\u2032": "'",
  "\u2033": '"',
  "\u2044": "/",
  "\u0141": "L",
  "\u0142": "l",
  "\u0110": "D",
  "\u0111": "d",
  "\u0131": "i",
};

function isWinAnsi(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || code === 0x0a || WIN_ANSI_EXTRA.has(ch);
}

export function pdfText(value: string | null | undefined): string {
  if (!value) return "";
  let out = "";
  for (const ch of value.replace(/\r\n?/g, "\n").replace(/\t/g, " ")) {
    if (isWinAnsi(ch)) out += ch;
    else if (ch in REPLACEMENTS) out += REPLACEMENTS[ch];
    else {
      const plain = ch.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
      out += plain && [...plain].every(isWinAnsi) ? plain : "?";
    }
  }
  return out;
}

/** A YYYY-MM-DD date or an instant, as a long date in the document's language (UTC: no day shift). */
export function pdfDate(value: string | Date, language: PdfLanguage): string {
  const date = typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return pdfText(new Intl.DateTimeFormat(language === "fr" ? "fr-FR" : "en-GB", { dateStyle: "long", timeZone: "UTC" }).format(date));
}

export const ACCENT = "#a95c1c";
export const MUTED = "#6b7280";
export const RULE = "#d1d5db";

export const baseStyles = StyleSheet.create({
  page: { fontFamily: "Helvetica", fontSize: 9, color: "#1f2937", paddingTop: 36, paddingBottom: 56, paddingHorizontal: 40, lineHeight: 1.35 },
  brand: { fontFamily: "Helvetica-Bold", fontSize: 11, color: ACCENT },
  title: { fontFamily: "Helvetica-Bold", fontSize: 16, marginTop: 4 },
  label: { fontSize: 7.5, color: MUTED, textTransform: "uppercase", marginBottom: 2 },
  bold: { fontFamily: "Helvetica-Bold" },
  muted: { color: MUTED },
  footer: { position: "absolute", bottom: 24, left: 40, right: 40, fontSize: 7.5, color: MUTED, flexDirection: "row", justifyContent: "space-between" },
});
