import { describe, expect, it } from "vitest";
import { isoWeek, periodOf, periodsBetween, previousPeriod } from "./billing-period";

describe("periodOf", () => {
  it("is the delivery date itself for a customer invoiced per delivery", () => {
    expect(periodOf("2026-12-04", "PER_DELIVERY")).toEqual({ from: "2026-12-04", to: "2026-12-04", label: "2026-12-04" });
  });

  it("is the ISO week, Monday to Sunday, for a weekly customer", () => {
    expect(periodOf("2026-12-04", "WEEKLY")).toEqual({ from: "2026-11-30", to: "2026-12-06", label: "2026-W49" });
    expect(periodOf("2026-11-30", "WEEKLY").from).toBe("2026-11-30");
    expect(periodOf("2026-12-06", "WEEKLY").to).toBe("2026-12-06");
  });

  it("names a week across a year end after the year of its Thursday", () => {
    // Thursday 2027-01-01: the week of 28 December 2026 is week 53 of 2026.
    expect(periodOf("2026-12-31", "WEEKLY")).toEqual({ from: "2026-12-28", to: "2027-01-03", label: "2026-W53" });
    expect(periodOf("2027-01-03", "WEEKLY").label).toBe("2026-W53");
    expect(periodOf("2027-01-04", "WEEKLY")).toEqual({ from: "2027-01-04", to: "2027-01-10", label: "2027-W01" });
    // Monday 2024-12-30 starts week 1 of 2025 (its Thursday is 2 January 2025).
    expect(periodOf("2024-12-30", "WEEKLY")).toEqual({ from: "2024-12-30", to: "2025-01-05", label: "2025-W01" });
    expect(isoWeek("2021-01-03")).toEqual({ year: 2020, week: 53 });
  });

  it("is the calendar month for a monthly customer, leap years included", () => {
    expect(periodOf("2026-12-04", "MONTHLY")).toEqual({ from: "2026-12-01", to: "2026-12-31", label: "2026-12" });
    expect(periodOf("2028-02-10", "MONTHLY")).toEqual({ from: "2028-02-01", to: "2028-02-29", label: "2028-02" });
    expect(periodOf("2027-02-28", "MONTHLY").to).toBe("2027-02-28");
    expect(periodOf("2026-04-30", "MONTHLY").to).toBe("2026-04-30");
  });

  it("refuses what is not a calendar date", () => {
    expect(() => periodOf("2026-02-30", "MONTHLY")).toThrow();
    expect(() => periodOf("04/12/2026", "WEEKLY")).toThrow();
  });
});

describe("periodsBetween and previousPeriod", () => {
  it("list the periods that meet a range, across a year end", () => {
    expect(periodsBetween("2026-11-15", "2027-01-02", "MONTHLY").map((p) => p.label)).toEqual(["2026-11", "2026-12", "2027-01"]);
    expect(periodsBetween("2026-12-20", "2027-01-05", "WEEKLY").map((p) => [p.label, p.from, p.to])).toEqual([
      ["2026-W51", "2026-12-14", "2026-12-20"],
      ["2026-W52", "2026-12-21", "2026-12-27"],
      ["2026-W53", "2026-12-28", "2027-01-03"],
      ["2027-W01", "2027-01-04", "2027-01-10"],
    ]);
    expect(periodsBetween("2026-12-01", "2026-12-03", "PER_DELIVERY").map((p) => p.label)).toEqual(["2026-12-01", "2026-12-02", "2026-12-03"]);
    expect(periodsBetween("2026-12-03", "2026-12-01", "WEEKLY")).toEqual([]);
  });

  it("give the period just ended", () => {
    expect(previousPeriod("2027-01-04", "WEEKLY").label).toBe("2026-W53");
    expect(previousPeriod("2027-01-15", "MONTHLY")).toEqual({ from: "2026-12-01", to: "2026-12-31", label: "2026-12" });
  });
});
