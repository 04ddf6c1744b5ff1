import { describe, expect, it } from "vitest";
import { isIsoDate, startOfDay, startOfNextDay, todayIso } from "./dates";

describe("order dates", () => {
  it("accepts real calendar dates written YYYY-MM-DD only", () => {
    expect(["2026-01-31", "2028-02-29", "2026-12-01"].every(isIsoDate)).toBe(true);
    expect(["2026-02-29", "2026-13-01", "2026-04-31", "2026-1-05", "26-01-05", "2026-01-05T00:00", ""].some(isIsoDate)).toBe(false);
  });

  it("reads today and day bounds in the server's time zone", () => {
    const evening = new Date(2026, 10, 23, 23, 59);
    expect(todayIso(evening)).toBe("2026-11-23");
    expect(startOfDay("2026-11-23").getTime()).toBe(new Date(2026, 10, 23).getTime());
    expect(startOfNextDay("2026-12-31").getTime()).toBe(new Date(2027, 0, 1).getTime());
  });
});
