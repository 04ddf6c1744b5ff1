// What the documents modules need to build PDF props without loading React PDF (the server's thread
// never imports it: the PDFs are drawn in worker threads, app/modules/document-export/pdf-pool.server.ts).
import { LINE_KINDS, type LineKind } from "~/modules/pricing/totals";
import type { PdfLanguage } from "./common";

/** The locale a document writes numbers with: the stored one when complete (fr-BE), else the language's usual one. */
export function documentLocale(locale: string, language: PdfLanguage): string {
  return /^[a-z]{2}-[A-Z]{2}$/.test(locale) ? locale : language === "fr" ? "fr-FR" : "en-GB";
}

export function asLineKind(kind: string): LineKind {
  return (LINE_KINDS as readonly string[]).includes(kind) ? (kind as LineKind) : "ITEM";
}
