// Invoice and credit-note numbers, from the seller's gapless counters (app/modules/org/sequences.server.ts),
// taken inside the transaction that publishes the document.
//   INVOICE      → F-<year of issue>-<sequence, 6 digits>
//   CREDIT_NOTE  → AV-<year of issue>-<sequence, 6 digits>
//   LEDGER       → the place in the seller's hash chain (invoices and credit notes together)
export { nextSellerSequence, type SellerSequenceKind } from "../org/sequences.server";

/** `year` is the issue date's year in the business's time zone (see app/modules/order/dates.ts). */
export function invoiceNumber(sequence: number, year: number): string {
  return `F-${year}-${String(sequence).padStart(6, "0")}`;
}

export function creditNoteNumber(sequence: number, year: number): string {
  return `AV-${year}-${String(sequence).padStart(6, "0")}`;
}
