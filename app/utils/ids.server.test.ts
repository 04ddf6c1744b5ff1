import { describe, expect, it } from "vitest";
import { newId } from "./ids.server";

describe("newId", () => {
  it("makes distinct ids that sort in the order they were made", () => {
    const ids = Array.from({ length: 5_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids.slice(0, 50)) expect(id).toMatch(/^c[0-9a-z]{13}[0-9a-f]{12}$/);
  });
});
