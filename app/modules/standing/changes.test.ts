import { describe, expect, it } from "vitest";
import { diffVersions, emptyWeekdays, sameContent, type VersionContent } from "./changes";

const version = (patch: Partial<VersionContent> = {}): VersionContent => ({ round: 1, roundPosition: 2, weekdays: emptyWeekdays(), prices: [], ...patch });

describe("changes between standing-order versions", () => {
  it("names each weekday's added, changed and removed quantities", () => {
    const before = version({ weekdays: { ...emptyWeekdays(), "1": [{ formatId: "a", quantity: 10 }, { formatId: "b", quantity: 3 }] } });
    const after = version({ weekdays: { ...emptyWeekdays(), "1": [{ formatId: "a", quantity: 12 }], "3": [{ formatId: "c", quantity: 5 }] } });
    expect(diffVersions(before, after)).toEqual({
      weekdays: {
        "1": [{ formatId: "a", from: 10, to: 12 }, { formatId: "b", from: 3, to: null }],
        "3": [{ formatId: "c", from: null, to: 5 }],
      },
    });
  });

  it("names the round, the place in the round and the special prices", () => {
    const before = version({ prices: [{ formatId: "a", unitPrice4: 10_000 }] });
    const after = version({ round: 2, roundPosition: 5, prices: [{ formatId: "a", unitPrice4: 9_000 }, { formatId: "b", unitPrice4: 1 }] });
    expect(diffVersions(before, after)).toEqual({
      round: { from: 1, to: 2 },
      roundPosition: { from: 2, to: 5 },
      prices: [{ formatId: "a", from: 10_000, to: 9_000 }, { formatId: "b", from: null, to: 1 }],
    });
    expect(sameContent(before, after)).toBe(false);
    expect(sameContent(after, { ...after })).toBe(true);
  });

  it("lists everything of a first version as added", () => {
    const first = version({ weekdays: { ...emptyWeekdays(), "6": [{ formatId: "a", quantity: 4 }] } });
    expect(diffVersions(null, first)).toEqual({ weekdays: { "6": [{ formatId: "a", from: null, to: 4 }] } });
  });
});
