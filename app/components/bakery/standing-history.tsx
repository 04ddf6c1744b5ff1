// A standing order's versions: who, when, from which date, and what changed (quantities per weekday,
// round, place, special prices), newest first.
import { useFormat, useT } from "~/components/i18n";
import type { MessageKey } from "~/locales";
import type { GridFormat } from "./standing-grid";

type Change = { formatId: string; from: number | null; to: number | null };
type Changes = {
  weekdays?: Record<string, Change[]>;
  round?: { from: number; to: number };
  roundPosition?: { from: number; to: number };
  prices?: Change[];
};
export type VersionRow = { version: number; effectiveFrom: string; createdByName: string; createdAt: string; proposalId: string | null; changes?: unknown };

export function StandingHistory({ versions, formats }: { versions: VersionRow[]; formats: GridFormat[] }) {
  const t = useT();
  const fmt = useFormat();
  const names = new Map(formats.map((f) => [f.id, `${f.productName} — ${f.name}`]));
  const nameOf = (id: string) => names.get(id) ?? t("standing.grid.withdrawn");
  const qty = (n: number | null) => (n === null ? "0" : String(n));
  const price = (n: number | null) => (n === null ? "—" : fmt.unitPrice(n));
  if (versions.length === 0) return <p className="text-sm text-stone-600">{t("standing.history.empty")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm">
        <thead className="text-left text-stone-600">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">{t("standing.history.version")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("standing.col.from")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("standing.history.who")}</th>
            <th scope="col" className="py-2 font-medium">{t("standing.history.what")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100 align-top">
          {versions.map((v) => {
            const changes = (v.changes ?? {}) as Changes;
            const items = [
              ...Object.entries(changes.weekdays ?? {}).flatMap(([day, list]) =>
                list.map((c) => `${t(`bakery.weekday.${day}` as MessageKey)} · ${nameOf(c.formatId)} : ${qty(c.from)} → ${qty(c.to)}`),
              ),
              ...(changes.round ? [t("standing.history.round", { from: changes.round.from, to: changes.round.to })] : []),
              ...(changes.roundPosition ? [t("standing.history.position", { from: changes.roundPosition.from, to: changes.roundPosition.to })] : []),
              ...(changes.prices ?? []).map((c) => t("standing.history.price", { item: nameOf(c.formatId), from: price(c.from), to: price(c.to) })),
            ];
            return (
              <tr key={v.version}>
                <td className="py-2 pr-3 tabular-nums">
                  {v.version}
                  {v.proposalId ? <span className="ml-1 text-xs text-stone-500">({t("standing.history.fromProposal")})</span> : null}
                </td>
                <td className="py-2 pr-3">{fmt.date(v.effectiveFrom)}</td>
                <td className="py-2 pr-3">{v.createdByName}<br /><span className="text-xs text-stone-500">{fmt.dateTime(v.createdAt)}</span></td>
                <td className="py-2">
                  {items.length ? (
                    <ul className="space-y-0.5">{items.map((item, i) => <li key={i}>{item}</li>)}</ul>
                  ) : (
                    <span className="text-stone-500">{t("standing.history.noChange")}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
