// The home page's "what needs me now" beyond orders: overdue invoices (seller side), invoices to pay
// (retailer OWNER and ACCOUNTANT), unread messages (everyone). Each tile links to where it is handled.
import { Link } from "@remix-run/react";
import { formatCents } from "~/utils/money";
import { useFormat, useT, useTCount } from "./i18n";
import { useOrgLayout } from "./org-nav";

type DueSummary = { count: number; totals: { currency: string; cents: number }[] };

type Tile = { to: string; text: string; detail: string | null; urgent: boolean };

export function HomeAttention({ overdue, payables }: { overdue: DueSummary | null; payables: DueSummary | null }) {
  const t = useT();
  const tc = useTCount();
  const { locale } = useFormat();
  const { org, unreadMessages } = useOrgLayout();
  const base = `/o/${org.slug}`;
  const amounts = (s: DueSummary) => s.totals.map((total) => formatCents(total.cents, total.currency, locale)).join(" + ");
  const tiles: Tile[] = [];
  if (overdue) {
    tiles.push({
      to: `${base}/receivables`,
      text: overdue.count > 0 ? tc("receivables.home.overdue", overdue.count) : t("receivables.home.overdueNone"),
      detail: overdue.count > 0 ? t("receivables.home.overdueAmount", { amount: amounts(overdue) }) : null,
      urgent: overdue.count > 0,
    });
  }
  if (payables) {
    tiles.push({
      to: `${base}/payables`,
      text: payables.count > 0 ? tc("payables.home.toPay", payables.count) : t("payables.home.toPayNone"),
      detail: payables.count > 0 ? t("payables.home.balance", { amount: amounts(payables) }) : null,
      urgent: payables.count > 0,
    });
  }
  tiles.push({
    to: `${base}/orders`,
    text: unreadMessages > 0 ? tc("chat.unread", unreadMessages) : t("chat.home.unreadNone"),
    detail: null,
    urgent: unreadMessages > 0,
  });
  return (
    <ul className="mb-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="home-attention">
      {tiles.map((tile) => (
        <li key={tile.to}>
          <Link to={tile.to} className={`card block p-5 hover:ring-brand-300 ${tile.urgent ? "bg-amber-50 ring-amber-300" : ""}`}>
            <span className="block text-sm font-medium">{tile.text}</span>
            {tile.detail ? <span className="mt-1 block text-lg font-semibold tabular-nums">{tile.detail}</span> : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}
