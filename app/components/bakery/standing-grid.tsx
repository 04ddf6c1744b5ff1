// The weekdays × items grid of a standing order: inputs (`q.<weekday>.<formatId>`) to edit it, or a
// read-only table to compare two of them (changed quantities highlighted). Scrolls sideways on a phone.
import { useT } from "~/components/i18n";
import type { MessageKey } from "~/locales";

export type GridFormat = { id: string; productName: string; name: string };
export type GridWeekdays = Record<string, { formatId: string; quantity: number }[]>;

const DAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;
const dayKey = (day: string) => `bakery.weekday.${day}` as MessageKey;

function quantityOf(weekdays: GridWeekdays | undefined, day: string, formatId: string): number {
  return weekdays?.[day]?.find((l) => l.formatId === formatId)?.quantity ?? 0;
}

/** Quantities typed in a refused form (`q.<weekday>.<formatId>`), to show them again instead of the saved ones. */
export function typedGrid(typed: Record<string, unknown> | undefined, name = "q"): GridWeekdays | undefined {
  const grid = typed?.[name];
  if (!grid || typeof grid !== "object") return undefined;
  return Object.fromEntries(
    Object.entries(grid as Record<string, Record<string, unknown>>).map(([day, cells]) => [
      day,
      Object.entries(cells ?? {}).map(([formatId, qty]) => ({ formatId, quantity: Number(qty) || 0 })),
    ]),
  );
}

export function StandingGrid({ formats, values, name = "q" }: { formats: GridFormat[]; values?: GridWeekdays; name?: string }) {
  const t = useT();
  if (formats.length === 0) return <p className="text-sm text-stone-600">{t("standing.grid.noFormats")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm">
        <thead>
          <tr className="text-left text-stone-600">
            <th scope="col" className="py-2 pr-3 font-medium">{t("standing.grid.item")}</th>
            {DAYS.map((day) => (
              <th key={day} scope="col" className="px-1 py-2 text-center font-medium">{t(dayKey(day)).slice(0, 3)}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {formats.map((format) => (
            <tr key={format.id}>
              <th scope="row" className="py-1 pr-3 text-left font-normal text-stone-800">
                {format.productName} <span className="text-stone-500">— {format.name}</span>
              </th>
              {DAYS.map((day) => {
                const qty = quantityOf(values, day, format.id);
                return (
                  <td key={day} className="px-1 py-1">
                    <input
                      type="number"
                      min={0}
                      max={1000000}
                      inputMode="numeric"
                      name={`${name}.${day}.${format.id}`}
                      defaultValue={qty ? String(qty) : ""}
                      aria-label={`${format.productName} — ${format.name}, ${t(dayKey(day))}`}
                      className="input w-16 px-1 text-right"
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Read-only: the items of `weekdays` (and of `compare`) per weekday; a cell that differs from `compare` is highlighted. */
export function StandingDaysTable({ formats, weekdays, compare, caption }: { formats: GridFormat[]; weekdays: GridWeekdays; compare?: GridWeekdays; caption?: string }) {
  const t = useT();
  const used = formats.filter((f) => DAYS.some((day) => quantityOf(weekdays, day, f.id) || quantityOf(compare, day, f.id)));
  const known = new Set(formats.map((f) => f.id));
  const unknown = [...new Set(DAYS.flatMap((day) => [...(weekdays[day] ?? []), ...(compare?.[day] ?? [])].map((l) => l.formatId)))].filter((id) => !known.has(id));
  const rows: GridFormat[] = [...used, ...unknown.map((id) => ({ id, productName: t("standing.grid.withdrawn"), name: id.slice(0, 8) }))];
  if (rows.length === 0) return <p className="text-sm text-stone-600">{t("standing.grid.empty")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm">
        {caption ? <caption className="mb-1 text-left text-xs font-semibold uppercase tracking-wide text-stone-500">{caption}</caption> : null}
        <thead>
          <tr className="text-left text-stone-600">
            <th scope="col" className="py-1 pr-3 font-medium">{t("standing.grid.item")}</th>
            {DAYS.map((day) => (
              <th key={day} scope="col" className="px-2 py-1 text-right font-medium">{t(dayKey(day)).slice(0, 3)}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((format) => (
            <tr key={format.id}>
              <th scope="row" className="py-1 pr-3 text-left font-normal">
                {format.productName} <span className="text-stone-500">— {format.name}</span>
              </th>
              {DAYS.map((day) => {
                const qty = quantityOf(weekdays, day, format.id);
                const changed = compare !== undefined && qty !== quantityOf(compare, day, format.id);
                return (
                  <td key={day} className={`px-2 py-1 text-right tabular-nums ${changed ? "bg-amber-100 font-semibold text-amber-900" : ""}`}>
                    {qty || "·"}
                    {changed ? <span className="sr-only"> ({t("standing.grid.changed")})</span> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
