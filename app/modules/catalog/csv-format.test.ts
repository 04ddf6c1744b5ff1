import { describe, expect, it } from "vitest";
import { decimalMarkOf, delimiterFor, formatDecimal, mapHeader, normalizeHeader, parseYesNo } from "./csv-format";
import { familiesOf, filterProducts, sortProducts } from "./search";

describe("catalog CSV format", () => {
  it("recognises English and French headers, in any order, and names the missing required columns", () => {
    expect(mapHeader(["Prix unitaire (€)", "Référence", "Produit", "Format", "TVA"])).toEqual({
      indexes: { unit_price: 0, sku: 1, product_name: 2, format_name: 3, tax_rate: 4 },
      missing: [],
    });
    expect(mapHeader(["sku", "notes", "unit_price"]).missing).toEqual(["product_name", "format_name"]);
    expect(normalizeHeader(" Taux TVA % ")).toBe("taux_tva");
  });

  it("reads yes/no words in both languages; empty means active", () => {
    expect(["oui", "Yes", "1", "x", "", "VRAI"].map(parseYesNo)).toEqual([true, true, true, true, true, true]);
    expect(["non", "No", "0", "false", "inactif"].map(parseYesNo)).toEqual([false, false, false, false, false]);
    expect(parseYesNo("maybe")).toBeNull();
  });

  it("writes decimals with the locale's mark and picks the matching delimiter", () => {
    expect(decimalMarkOf("fr-FR")).toBe(",");
    expect(decimalMarkOf("en-GB")).toBe(".");
    expect(delimiterFor(",")).toBe(";");
    expect(delimiterFor(".")).toBe(",");
    expect(formatDecimal(18500, 4, 2, ",")).toBe("1,85");
    expect(formatDecimal(12345, 4, 2, ".")).toBe("1.2345");
    expect(formatDecimal(550, 2, 0, ",")).toBe("5,5");
  });
});

describe("catalog search", () => {
  const products = [
    { name: "Éclair au café", sku: "AUR-ECL", family: "Pâtisseries" },
    { name: "Baguette tradition", sku: "AUR-BAG", family: "Pains" },
    { name: "Sans famille", sku: "X-1", family: "" },
    { name: "Croissant", sku: "AUR-CRO", family: "Viennoiseries" },
  ];

  it("ignores case and accents, and matches names and SKUs", () => {
    expect(filterProducts(products, { q: "ECLAIR" }).map((p) => p.sku)).toEqual(["AUR-ECL"]);
    expect(filterProducts(products, { q: "aur-ba" }).map((p) => p.sku)).toEqual(["AUR-BAG"]);
    expect(filterProducts(products, { family: "Pains" }).map((p) => p.sku)).toEqual(["AUR-BAG"]);
  });

  it("sorts by family (products without a family last), then name, and lists the families", () => {
    expect(sortProducts(products).map((p) => p.sku)).toEqual(["AUR-BAG", "AUR-ECL", "AUR-CRO", "X-1"]);
    expect(familiesOf(products)).toEqual(["Pains", "Pâtisseries", "Viennoiseries"]);
  });
});
