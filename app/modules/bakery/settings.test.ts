import { describe, expect, it } from "vitest";
import { parseFamilies } from "./settings.server";

describe("parseFamilies", () => {
  it("reads the seed's family codes separated by spaces", () => {
    expect(parseFamilies(" 3 8  9 3")).toEqual(["3", "8", "9"]);
  });
  it("reads names with spaces when they are separated by commas or semicolons", () => {
    expect(parseFamilies("Viennoiseries, Pâtisseries fines;Pains")).toEqual(["Viennoiseries", "Pâtisseries fines", "Pains"]);
  });
  it("reads nothing from blank text", () => {
    expect(parseFamilies("  ")).toEqual([]);
  });
});
