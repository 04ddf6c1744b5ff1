import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { containsGlob, containsLike, foldText } from "./text";

const db = new Database(":memory:");
afterAll(() => db.close());
/** As the order list searches: the cheap LIKE first, then the GLOB; and the LIKE alone, which must never reject a match. */
function searches(name: string, term: string): boolean {
  const row = db.prepare(`SELECT ? LIKE ? ESCAPE '\\' AS liked, ? GLOB ? AS globbed`).get(name, containsLike(term), name, containsGlob(term)) as {
    liked: number;
    globbed: number;
  };
  if (row.globbed) expect(row.liked, `LIKE lets "${name}" through for "${term}"`).toBe(1);
  return row.liked === 1 && row.globbed === 1;
}

describe("foldText", () => {
  it("drops case, accents and surrounding spaces", () => {
    expect(foldText("  Éclair au Café ")).toBe("eclair au cafe");
  });
});

describe("containsLike and containsGlob, run by SQLite", () => {
  it("finds a name whatever the case and accents of the search or of the name", () => {
    for (const term of ["epicerie", "ÉPICERIE", "Epicérie", "picerie mar", "MARTIN"]) expect(searches("Épicerie Martin", term), term).toBe(true);
    expect(searches("Café Central", "cafe")).toBe(true);
    expect(searches("NOEL & FILS", "Noël")).toBe(true);
    expect(searches("Œnothèque Straße", "œnotheque strasse")).toBe(false); // ligatures and ß are their own letters
    expect(searches("ŒNOTHÈQUE", "œnothèque")).toBe(true);
    expect(searches("Boulangerie Aurore", "epicerie")).toBe(false);
    expect(searches("Épicerie Martin", "martine")).toBe(false);
  });

  it("takes the wildcards of LIKE and GLOB as themselves", () => {
    expect(searches("Épicerie Martin", "%")).toBe(false);
    expect(searches("100% Bio", "100%")).toBe(true);
    expect(searches("Le_Comptoir", "e_c")).toBe(true);
    expect(searches("Le Comptoir", "e_c")).toBe(false);
    expect(searches("Épicerie Martin", "*")).toBe(false);
    expect(searches("Bar*Tabac", "r*t")).toBe(true);
    expect(searches("Bar Tabac", "r?t")).toBe(false);
    expect(searches("C:\\dossier", "c:\\d")).toBe(true);
    expect(searches("Le [Bon] Coin", "[bon]")).toBe(true);
    expect(searches("Le Bon Coin", "[bon]")).toBe(false);
  });
});
