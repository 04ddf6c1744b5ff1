// Receivables and payables: the ledger table, the ageing bar chart, the filters, and who owes what.
import { Form, Link } from "@remix-run/react";
import { useFormat, useT } from "./i18n";
import { useOrderMoney } from "./orders";
import { Card } from "./ui/layout";
import type { MessageKey } from "~/locales";
import { formatCents } from "~/utils/money";

export type LedgerEntryRow = {
  date: string;
  type: "INVOICE" | "CREDIT_NOTE" | "PAYMENT" | "PAYMENT_REVERSAL" | "UNALLOCATED";
  id: string;
  number: string | null;
  amountCents: number;
  balanceCents: number;
  orderId: string | null;
  dueDate: string | null;
  status: string | null;
  openCents: number | null;
  method: string | null;
  source: string | null;
};

export type AgeingData = { currentCents: number; d30Cents: number; d60Cents: number; d90Cents: number };

export const LEDGER_TYPES = ["INVOICE", "CREDIT_NOTE", "PAYMENT", "PAYMENT_REVERSAL", "UNALLOCATED"] as const;

const BUCKETS: { key: keyof AgeingData; label: MessageKey; color: string }[] = [
  { key: "currentCents", label: "receivables.ageing.current", color: "bg-emerald-500" },
  { key: "d30Cents", label: "receivables.ageing.d30", color: "bg-amber-400" },
  { key: "d60Cents", label: "receivables.ageing.d60", color: "bg-orange-500" },
  { key: "d90Cents", label: "receivables.ageing.d90", color: "bg-red-600" },
];

/**
 * The balance, the overdue amount, money received that no invoice took, and the ageing chart: the head
 * of a customer's receivables and of a supplier's payables (the labels say which side reads it).
 */
export function BalanceSummary({
  side,
  balanceCents,
  overdueCents,
  unallocatedCents,
  ageing,
  currency,
}: {
  side: "receivables" | "payables";
  balanceCents: number;
  overdueCents: number;
  unallocatedCents: number;
  ageing: AgeingData;
  currency: string;
}) {
  const t = useT();
  const { money } = useOrderMoney(currency);
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Card>
        <dl className="space-y-3">
          <div>
            <dt className="text-sm text-stone-600">{t(`${side}.balance`)}</dt>
            <dd className="text-2xl font-bold tabular-nums" data-testid="balance">
              {money(balanceCents)}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-stone-600">{t("receivables.col.overdue")}</dt>
            <dd className={`text-lg font-semibold tabular-nums ${overdueCents > 0 ? "text-red-700" : ""}`}>{money(overdueCents)}</dd>
          </div>
          {unallocatedCents > 0 ? (
            <div role="note" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
              {t(`${side}.unallocatedNotice`, { amount: money(unallocatedCents) })}
            </div>
          ) : null}
        </dl>
      </Card>
      <Card className="lg:col-span-2">
        <AgeingChart ageing={ageing} currency={currency} />
      </Card>
    </div>
  );
}

/** Ageing as horizontal bars (plain HTML and CSS), each as wide as its share of the largest bucket. */
export function AgeingChart({ ageing, currency }: { ageing: AgeingData; currency: string }) {
  const t = useT();
  const { money } = useOrderMoney(currency);
  const max = Math.max(1, ...BUCKETS.map((b) => ageing[b.key]));
  return (
    <figure aria-labelledby="ageing-title">
      <figcaption id="ageing-title" className="mb-3 text-base font-semibold text-stone-900">
        {t("receivables.ageing.title")}
      </figcaption>
      <dl className="space-y-2">
        {BUCKETS.map((b) => {
          const width = ageing[b.key] === 0 ? 0 : Math.max(2, Math.round((ageing[b.key] / max) * 100));
          return (
            <div key={b.key} className="grid grid-cols-[7rem_1fr_7rem] items-center gap-3 text-sm" data-bucket={b.key}>
              <dt className="text-stone-600">{t(b.label)}</dt>
              <dd className="h-4 rounded bg-stone-100" aria-hidden>
                <div className={`h-4 rounded ${b.color}`} style={{ width: `${width}%` }} />
              </dd>
              <dd className="text-right tabular-nums">{money(ageing[b.key])}</dd>
            </div>
          );
        })}
      </dl>
      <p className="mt-3 text-xs text-stone-500">{t("receivables.ageing.legend")}</p>
    </figure>
  );
}

/** The date range and type filters of a ledger (a GET form: works without JavaScript). */
export function LedgerFilters({ values, hidden = {} }: { values: { from?: string; to?: string; type?: string }; hidden?: Record<string, string> }) {
  const t = useT();
  return (
    <Form method="get" className="flex flex-wrap items-end gap-3" aria-label={t("receivables.filters.label")}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label className="text-sm">
        <span className="mb-1 block font-medium text-stone-700">{t("receivables.filters.from")}</span>
        <input type="date" name="from" defaultValue={values.from ?? ""} className="input" />
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium text-stone-700">{t("receivables.filters.to")}</span>
        <input type="date" name="to" defaultValue={values.to ?? ""} className="input" />
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium text-stone-700">{t("receivables.filters.type")}</span>
        <select name="type" defaultValue={values.type ?? ""} className="input">
          <option value="">{t("receivables.filters.allTypes")}</option>
          {LEDGER_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`receivables.type.${type}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn-secondary">
        {t("receivables.filters.apply")}
      </button>
    </Form>
  );
}

/** Entries in date order with the balance after each; `orderLink` turns a document into a link. */
export function LedgerTable({
  entries,
  currency,
  broughtForwardCents,
  orderLink,
}: {
  entries: LedgerEntryRow[];
  currency: string;
  broughtForwardCents: number | null;
  orderLink?: (orderId: string) => string;
}) {
  const t = useT();
  const fmt = useFormat();
  const { money } = useOrderMoney(currency);
  return (
    <div className="card overflow-x-auto">
      <table className="table-base" data-testid="ledger">
        <thead className="bg-stone-50">
          <tr>
            <th scope="col">{t("receivables.col.date")}</th>
            <th scope="col">{t("receivables.col.type")}</th>
            <th scope="col">{t("receivables.col.number")}</th>
            <th scope="col">{t("receivables.col.details")}</th>
            <th scope="col" className="!text-right">
              {t("receivables.col.debit")}
            </th>
            <th scope="col" className="!text-right">
              {t("receivables.col.credit")}
            </th>
            <th scope="col" className="!text-right">
              {t("receivables.col.balance")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {broughtForwardCents !== null ? (
            <tr className="bg-stone-50/60">
              <td colSpan={6} className="italic text-stone-600">
                {t("receivables.broughtForward")}
              </td>
              <td className="text-right tabular-nums">{money(broughtForwardCents)}</td>
            </tr>
          ) : null}
          {entries.map((e) => (
            <tr key={`${e.type}-${e.id}`} data-type={e.type}>
              <td className="whitespace-nowrap">{fmt.date(e.date)}</td>
              <td className="whitespace-nowrap">{t(`receivables.type.${e.type}`)}</td>
              <td className="whitespace-nowrap">
                {e.orderId && orderLink ? (
                  <Link to={orderLink(e.orderId)} className="link">
                    {e.number}
                  </Link>
                ) : (
                  (e.number ?? "")
                )}
              </td>
              <td className="text-sm text-stone-600">
                <EntryDetails entry={e} />
              </td>
              <td className="whitespace-nowrap text-right tabular-nums">{e.amountCents > 0 ? money(e.amountCents) : ""}</td>
              <td className="whitespace-nowrap text-right tabular-nums">{e.amountCents < 0 ? money(-e.amountCents) : ""}</td>
              <td className="whitespace-nowrap text-right font-medium tabular-nums">{money(e.balanceCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EntryDetails({ entry }: { entry: LedgerEntryRow }) {
  const t = useT();
  const fmt = useFormat();
  switch (entry.type) {
    case "INVOICE":
      if (entry.status === "CANCELLED") return <>{t("receivables.detail.cancelled")}</>;
      if (entry.status === "PAID") return <>{t("receivables.detail.paid")}</>;
      return <>{t("receivables.detail.due", { date: fmt.date(`${entry.dueDate}T12:00:00`) })}</>;
    case "PAYMENT":
      return <>{[entry.method ? t(`receivables.method.${entry.method as "CASH"}`) : "", entry.source === "STRIPE" ? t("receivables.detail.online") : ""].filter(Boolean).join(" · ")}</>;
    case "PAYMENT_REVERSAL":
      return <>{t("receivables.detail.reversal")}</>;
    case "UNALLOCATED":
      return <>{t("receivables.detail.unallocated")}</>;
    default:
      return null;
  }
}

export type PartyBalanceRow = {
  seller: { id: string; name: string };
  customer: { id: string; name: string };
  openCents: number;
  overdueCents: number;
  openInvoices: number;
  currency: string;
};

/** Who owes what: one row per party, a link to its ledger. */
export function BalancesTable({ rows, party, linkTo }: { rows: PartyBalanceRow[]; party: "customer" | "supplier"; linkTo: (row: PartyBalanceRow) => string }) {
  const t = useT();
  const fmt = useFormat();
  const sellers = new Set(rows.map((r) => r.seller.id));
  const showSeller = party === "customer" && sellers.size > 1;
  return (
    <div className="card overflow-x-auto">
      <table className="table-base">
        <thead className="bg-stone-50">
          <tr>
            <th scope="col">{t(party === "customer" ? "receivables.col.customer" : "receivables.col.supplier")}</th>
            {showSeller ? <th scope="col">{t("receivables.col.producer")}</th> : null}
            <th scope="col" className="!text-right">
              {t("receivables.col.openInvoices")}
            </th>
            <th scope="col" className="!text-right">
              {t("receivables.col.open")}
            </th>
            <th scope="col" className="!text-right">
              {t("receivables.col.overdue")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((r) => (
            <tr key={`${r.seller.id}-${r.customer.id}`} className="hover:bg-stone-50">
              <td>
                <Link to={linkTo(r)} className="link">
                  {party === "customer" ? r.customer.name : r.seller.name}
                </Link>
              </td>
              {showSeller ? <td>{r.seller.name}</td> : null}
              <td className="text-right tabular-nums">{fmt.number(r.openInvoices)}</td>
              <td className="text-right font-medium tabular-nums">{formatCents(r.openCents, r.currency, fmt.locale)}</td>
              <td className={`text-right tabular-nums ${r.overdueCents > 0 ? "font-medium text-red-700" : "text-stone-500"}`}>
                {formatCents(r.overdueCents, r.currency, fmt.locale)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Earlier/later pages of a long ledger (the newest page first). */
export function LedgerPager({ page, pageCount, hrefOf }: { page: number; pageCount: number; hrefOf: (page: number) => string }) {
  const t = useT();
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={t("receivables.pager.label")} className="mt-3 flex items-center justify-between text-sm">
      {page > 1 ? (
        <Link to={hrefOf(page - 1)} className="btn-ghost">
          ← {t("receivables.pager.earlier")}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-stone-500">{t("receivables.pager.position", { page, count: pageCount })}</span>
      {page < pageCount ? (
        <Link to={hrefOf(page + 1)} className="btn-ghost">
          {t("receivables.pager.later")} →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
