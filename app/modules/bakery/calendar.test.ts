import { describe, expect, it } from "vitest";
import { addDays, deliversOn, formatWeekdays, isoWeekday, madeOn, parseWeekdays } from "./calendar";

describe("bakery calendar", () => {
  it("numbers weekdays the ISO way, Monday 1 to Sunday 7", () => {
    expect(isoWeekday("2026-12-07")).toBe(1);
    expect(isoWeekday("2026-12-05")).toBe(6);
    expect(isoWeekday("2026-12-06")).toBe(7);
  });

  it("adds days across month, year and daylight-saving changes", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30");
    expect(addDays("2026-10-25", -1)).toBe("2026-10-24");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
  });

  it("reads and writes weekday digits in order, without duplicates", () => {
    expect(parseWeekdays("6123")).toEqual([1, 2, 3, 6]);
    expect(formatWeekdays([7, 1, 1, 3])).toBe("137");
  });

  it("delivers only when the customer is open and neither side is closed that day", () => {
    const customer = { openWeekdays: "12345", closures: [{ from: "2026-12-24", to: "2026-12-26" }] };
    expect(deliversOn("2026-12-07", customer, [])).toBe(true); // a Monday
    expect(deliversOn("2026-12-05", customer, [])).toBe(false); // a Saturday: closed weekday
    expect(deliversOn("2026-12-24", customer, [])).toBe(false); // the customer's closure
    expect(deliversOn("2026-12-08", customer, [{ from: "2026-12-08", to: "2026-12-08" }])).toBe(false); // the producer's
  });

  it("makes a product only on its planned weekdays", () => {
    expect(madeOn("2026-12-06", "123456")).toBe(false);
    expect(madeOn("2026-12-07", "1")).toBe(true);
  });
});
