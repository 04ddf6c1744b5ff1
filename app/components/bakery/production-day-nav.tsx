// The date bar of the production, delivery notes and shops pages: the previous day, tomorrow and
// the next day one click away, and a date field (a plain GET form: works without JavaScript).
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { addDays } from "~/modules/bakery/calendar";
import { useFormat, useT } from "../i18n";

export function ProductionDayNav({ date, tomorrow, search = {}, children }: { date: string; tomorrow: string; search?: Record<string, string>; children?: ReactNode }) {
  const t = useT();
  const fmt = useFormat();
  const to = (day: string) => `?${new URLSearchParams({ ...search, date: day }).toString()}`;
  return (
    <div className="mb-6 space-y-3">
      <nav aria-label={t("production.day.label")} className="flex flex-wrap items-center gap-2">
        <Link to={to(addDays(date, -1))} className="btn-secondary" rel="prev">
          ← {t("production.day.previous")}
        </Link>
        <Link to={to(tomorrow)} className={date === tomorrow ? "btn-primary" : "btn-secondary"} aria-current={date === tomorrow ? "date" : undefined}>
          {t("production.day.tomorrow")}
        </Link>
        <Link to={to(addDays(date, 1))} className="btn-secondary" rel="next">
          {t("production.day.next")} →
        </Link>
        <span className="text-sm font-medium text-stone-700">{fmt.date(date)}</span>
      </nav>
      <Form method="get" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="production-date" className="label">
            {t("production.day.date")}
          </label>
          <input id="production-date" type="date" name="date" defaultValue={date} required className="input mt-1" />
        </div>
        {children}
        <button type="submit" className="btn-secondary">
          {t("production.day.show")}
        </button>
      </Form>
    </div>
  );
}
