// The ledger of a customer as CSV, with the page's filters: one row per entry shown, amounts as plain
// decimals with a dot ("-1234.50"), the balance after each entry, dates YYYY-MM-DD.
import { protectFormula, serializeCsv } from "~/utils/csv";
import { toDecimalString } from "~/utils/money";
import type { OrgActor } from "../org/actor";
import { todayIso } from "../order/dates";
import { getCustomerLedger } from "./ledger.server";

export const LEDGER_CSV_COLUMNS = ["date", "type", "number", "amount", "balance", "currency", "due_date", "status", "method"] as const;

const decimal = (cents: number) => toDecimalString(cents, 2, 2);

export async function exportCustomerLedgerCsv(actor: OrgActor, customerId: string, query: unknown): Promise<{ filename: string; csv: string }> {
  const ledger = await getCustomerLedger(actor, customerId, query);
  const rows = ledger.entries.map((e) => [
    todayIso(new Date(e.date)),
    e.type,
    protectFormula(e.number ?? ""),
    decimal(e.amountCents),
    decimal(e.balanceCents),
    ledger.currency,
    e.dueDate ?? "",
    e.status ?? "",
    e.method ?? "",
  ]);
  const slug = ledger.customer.name.normalize("NFD").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "customer";
  return { filename: `receivables-${slug}-${todayIso()}.csv`, csv: serializeCsv([[...LEDGER_CSV_COLUMNS], ...rows]) };
}
