// Ageing of what a customer owes: the open balance of each unpaid invoice (status ISSUED, balance > 0),
// put in one bucket by how many calendar days have passed since its due date (both YYYY-MM-DD, the
// server's "today", see app/modules/order/dates.ts):
//   current — not yet due, or 0 to 29 days past due
//   d30     — 30 to 59 days past due
//   d60     — 60 to 89 days past due
//   d90     — 90 days past due or more
// "Overdue" is the part whose due date is before today (1 day past due or more), whatever the bucket.
// Paid and cancelled invoices, credit notes and payments count only through the balances they leave.

export type Ageing = { currentCents: number; d30Cents: number; d60Cents: number; d90Cents: number };
export type AgeingBucket = keyof Ageing;
export const AGEING_BUCKETS: readonly AgeingBucket[] = ["currentCents", "d30Cents", "d60Cents", "d90Cents"];

export type OpenInvoice = { status: string; balanceCents: number; dueDate: string };

function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** Calendar days from the due date to today: negative before it, 0 on it. */
export function daysPastDue(dueDate: string, today: string): number {
  return dayNumber(today) - dayNumber(dueDate);
}

export function bucketOf(days: number): AgeingBucket {
  if (days >= 90) return "d90Cents";
  if (days >= 60) return "d60Cents";
  if (days >= 30) return "d30Cents";
  return "currentCents";
}

export function isOpen(invoice: { status: string; balanceCents: number }): boolean {
  return invoice.status === "ISSUED" && invoice.balanceCents > 0;
}

export function ageingOf(invoices: readonly OpenInvoice[], today: string): Ageing & { overdueCents: number } {
  const result = { currentCents: 0, d30Cents: 0, d60Cents: 0, d90Cents: 0, overdueCents: 0 };
  for (const invoice of invoices) {
    if (!isOpen(invoice)) continue;
    const days = daysPastDue(invoice.dueDate, today);
    result[bucketOf(days)] += invoice.balanceCents;
    if (days > 0) result.overdueCents += invoice.balanceCents;
  }
  return result;
}
