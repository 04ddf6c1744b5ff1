// The interface language and the organization's formats, available to every component.
import { useRouteLoaderData } from "@remix-run/react";
import { formatDate, makeTranslator, translateCount, type Language, type Translate } from "~/utils/i18n";
import { formatBps, formatCents, formatNumber, formatUnitPrice4 } from "~/utils/money";

type RootData = { language: Language };
type OrgData = { org: { locale: string; currency: string } };

export function useLanguage(): Language {
  return (useRouteLoaderData("root") as RootData | undefined)?.language ?? "fr";
}

export function useT(): Translate {
  return makeTranslator(useLanguage());
}

/** Texts with a count: `tc("org.home.members", 1)` → "1 member". */
export function useTCount() {
  const language = useLanguage();
  return (base: Parameters<typeof translateCount>[1], count: number) => translateCount(language, base, count);
}

/** Formatting for the current organization's locale and currency (falls back to the interface language). */
export function useFormat() {
  const language = useLanguage();
  const orgData = useRouteLoaderData("routes/o.$org") as OrgData | undefined;
  const locale = orgData?.org.locale ?? (language === "fr" ? "fr-FR" : "en-GB");
  const currency = orgData?.org.currency ?? "EUR";
  return {
    locale,
    currency,
    money: (cents: number) => formatCents(cents, currency, locale),
    unitPrice: (unitPrice4: number) => formatUnitPrice4(unitPrice4, currency, locale),
    percent: (bps: number) => formatBps(bps, locale),
    number: (n: number) => formatNumber(n, locale),
    date: (d: Date | string) => formatDate(d, locale),
    dateTime: (d: Date | string) => formatDate(d, locale, "datetime"),
  };
}
