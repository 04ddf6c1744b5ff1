import { describe, expect, it } from "vitest";
import { ageingOf, bucketOf, daysPastDue } from "./ageing";

describe("ageing of open invoices", () => {
  it("counts calendar days from the due date, across months and leap days", () => {
    expect(daysPastDue("2028-02-28", "2028-03-01")).toBe(2);
    expect(daysPastDue("2026-03-10", "2026-03-10")).toBe(0);
    expect(daysPastDue("2026-03-10", "2026-03-01")).toBe(-9);
  });

  it("puts 0–29 days past due in current, then 30, 60 and 90+", () => {
    expect([-5, 0, 29, 30, 59, 60, 89, 90, 400].map(bucketOf)).toEqual([
      "currentCents", "currentCents", "currentCents", "d30Cents", "d30Cents", "d60Cents", "d60Cents", "d90Cents", "d90Cents",
    ]);
  });

  it("sums open balances only, and counts overdue from the first day past due", () => {
    const today = "2026-06-30";
    const ageing = ageingOf(
      [
        { status: "ISSUED", balanceCents: 100, dueDate: "2026-07-15" }, // not yet due
        { status: "ISSUED", balanceCents: 200, dueDate: "2026-06-30" }, // due today: not overdue
        { status: "ISSUED", balanceCents: 300, dueDate: "2026-06-29" }, // 1 day
        { status: "ISSUED", balanceCents: 400, dueDate: "2026-05-31" }, // 30 days
        { status: "ISSUED", balanceCents: 500, dueDate: "2026-04-01" }, // 90 days
        { status: "PAID", balanceCents: 0, dueDate: "2026-01-01" },
        { status: "CANCELLED", balanceCents: 900, dueDate: "2026-01-01" },
      ],
      today,
    );
    expect(ageing).toEqual({ currentCents: 600, d30Cents: 400, d60Cents: 0, d90Cents: 500, overdueCents: 1200 });
  });
});
