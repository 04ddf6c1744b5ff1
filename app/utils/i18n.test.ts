import { describe, expect, it } from "vitest";
import { messages } from "~/locales";
import { chooseLanguage, languageFromAcceptHeader, translate, translateCount } from "./i18n";

describe("interface language", () => {
  it("prefers the user's setting, then the browser's languages by weight, then French", () => {
    expect(chooseLanguage("en", "fr-FR,fr;q=0.9")).toBe("en");
    expect(chooseLanguage(null, "de-DE,en;q=0.8,fr;q=0.5")).toBe("en");
    expect(chooseLanguage(null, "fr-BE;q=0.4, en-US;q=0.9")).toBe("en");
    expect(chooseLanguage(null, "de-DE")).toBe("fr");
    expect(chooseLanguage(null, null)).toBe("fr");
    expect(languageFromAcceptHeader("*")).toBeNull();
  });

  it("agrees nouns with counts in each language", () => {
    expect(translateCount("en", "org.home.members", 1)).toBe("1 member");
    expect(translateCount("en", "org.home.members", 0)).toBe("0 members");
    expect(translateCount("fr", "org.home.members", 0)).toBe("0 membre");
    expect(translateCount("fr", "org.home.members", 2)).toBe("2 membres");
  });

  it("fills placeholders", () => {
    expect(translate("fr", "org.created", { name: "Brasserie" })).toBe("Brasserie est prête.");
    expect(translate("en", "org.created", { name: "Brasserie" })).toBe("Brasserie is ready.");
  });

  it("has every message in both languages, with the same placeholders", () => {
    for (const key of Object.keys(messages.en) as (keyof typeof messages.en)[]) {
      expect(messages.fr[key], key).toBeTruthy();
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(messages.fr[key]), key).toEqual(placeholders(messages.en[key]));
    }
  });

  it("says the concurrency message the way the POS did", () => {
    expect(translate("fr", "error.conflict")).toBe("Le document a été modifié sur un autre poste de travail.");
    expect(translate("en", "error.conflict")).toBe("The order was modified on another workstation.");
  });
});
