// Interface language: the user's setting, else the browser's (Accept-Language), else French.
// Messages live in app/locales/<domain>.ts as { en, fr } pairs; `{name}` placeholders are filled in.
import { messages, type MessageKey } from "~/locales";

export const LANGUAGES = ["fr", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

export function languageFromAcceptHeader(header: string | null | undefined): Language | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: tag.toLowerCase().slice(0, 2), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  return ranked.map((r) => r.lang).find(isLanguage) ?? null;
}

export function chooseLanguage(userLocale: string | null | undefined, acceptLanguage: string | null | undefined): Language {
  if (isLanguage(userLocale)) return userLocale;
  return languageFromAcceptHeader(acceptLanguage) ?? "fr";
}

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function translate(language: Language, key: MessageKey, params?: Params): string {
  const template: string = messages[language][key] ?? messages.en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

const pluralRules = { fr: new Intl.PluralRules("fr"), en: new Intl.PluralRules("en") };

/** Keys that come in `.one` / `.other` pairs ("1 membre", "2 membres"; French counts 0 as one). */
type PluralBase = MessageKey extends infer K ? (K extends `${infer B}.one` ? B : never) : never;

export function translateCount(language: Language, base: PluralBase, count: number, params?: Params): string {
  const form = pluralRules[language].select(count) === "one" ? "one" : "other";
  return translate(language, `${base}.${form}` as MessageKey, { count, ...params });
}

export function makeTranslator(language: Language): Translate {
  return (key, params) => translate(language, key, params);
}

/** Messages carried by errors may be keys; anything else is shown as is. */
export function translateMaybe(language: Language, text: string, params?: Params): string {
  return text in messages.en ? translate(language, text as MessageKey, params) : text;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
export function formatDate(value: Date | string, locale: string, style: "date" | "datetime" = "date"): string {
  const key = `${locale}|${style}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, style === "date" ? { dateStyle: "medium" } : { dateStyle: "medium", timeStyle: "short" });
    dateFormats.set(key, f);
  }
  return f.format(typeof value === "string" ? new Date(value) : value);
}
