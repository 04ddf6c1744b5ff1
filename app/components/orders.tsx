// Pieces shared by the order pages: status badges, the progress along the status machine, the
// invoice badge, and money in the order's own currency written the organization's way.
import type { ReactNode } from "react";
import { useFormat, useT } from "./i18n";
import type { OrderStatus } from "~/modules/order/status-machine";
import { formatCents, formatUnitPrice4 } from "~/utils/money";

/** The order list's filters, as URL parameters (the page's links and GET form, the CSV export). */
export const ORDER_LIST_FILTERS = ["view", "status", "q", "buyer", "seller", "deliveryFrom", "deliveryTo", "cursor"] as const;
export type OrderListFilter = (typeof ORDER_LIST_FILTERS)[number];

/** The way an order normally goes; REJECTED, CANCELLED and EXPIRED leave it. */
export const ORDER_FLOW = ["PENDING", "ACCEPTED", "SHIPPED", "DELIVERED", "INVOICED", "PAID"] as const satisfies readonly OrderStatus[];

const STATUS_STYLES: Record<OrderStatus, string> = {
  PENDING: "bg-amber-50 text-amber-900 ring-amber-300",
  ACCEPTED: "bg-sky-50 text-sky-900 ring-sky-300",
  SHIPPED: "bg-indigo-50 text-indigo-900 ring-indigo-300",
  DELIVERED: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  INVOICED: "bg-violet-50 text-violet-900 ring-violet-300",
  PAID: "bg-green-100 text-green-900 ring-green-300",
  REJECTED: "bg-red-50 text-red-800 ring-red-300",
  CANCELLED: "bg-stone-100 text-stone-600 ring-stone-300",
  EXPIRED: "bg-stone-100 text-stone-600 ring-stone-300",
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const t = useT();
  return <span className={`badge whitespace-nowrap ring-1 ring-inset ${STATUS_STYLES[status]}`}>{t(`orders.status.${status}`)}</span>;
}

/** Six small steps, filled up to the current status; nothing for an order that left the flow. */
export function OrderProgress({ status, wide = false }: { status: OrderStatus; wide?: boolean }) {
  const t = useT();
  const index = (ORDER_FLOW as readonly string[]).indexOf(status);
  if (index < 0) return null;
  return (
    <ol
      className={`flex items-center ${wide ? "gap-1.5" : "gap-0.5"}`}
      aria-label={t("orders.progress.label", { step: index + 1, total: ORDER_FLOW.length, status: t(`orders.status.${status}`) })}
    >
      {ORDER_FLOW.map((step, i) => (
        <li
          key={step}
          title={t(`orders.status.${step}`)}
          aria-current={i === index ? "step" : undefined}
          className={`${wide ? "h-2 w-10" : "h-1.5 w-3"} rounded-full ${i <= index ? "bg-brand-500" : "bg-stone-200"}`}
        >
          <span className="sr-only">
            {t(`orders.status.${step}`)}
            {i <= index ? ` ✓` : ""}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** The progress with each step named, for the order page's header. */
export function OrderSteps({ status }: { status: OrderStatus }) {
  const t = useT();
  const index = (ORDER_FLOW as readonly string[]).indexOf(status);
  if (index < 0) return null;
  return (
    <ol className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs" aria-label={t("orders.progress.title")}>
      {ORDER_FLOW.map((step, i) => (
        <li key={step} className="flex items-center gap-2" aria-current={i === index ? "step" : undefined}>
          <span
            aria-hidden
            className={`inline-flex h-5 w-5 items-center justify-center rounded-full text-[10px] font-bold ${
              i < index ? "bg-brand-500 text-white" : i === index ? "bg-brand-600 text-white ring-2 ring-brand-200" : "bg-stone-200 text-stone-500"
            }`}
          >
            {i < index ? "✓" : i + 1}
          </span>
          <span className={i === index ? "font-semibold text-stone-900" : i < index ? "text-stone-700" : "text-stone-400"}>{t(`orders.status.${step}`)}</span>
          {i < ORDER_FLOW.length - 1 ? <span aria-hidden className="h-px w-4 bg-stone-300" /> : null}
        </li>
      ))}
    </ol>
  );
}

const INVOICE_STYLES: Record<string, string> = {
  ISSUED: "bg-violet-50 text-violet-900 ring-violet-300",
  PAID: "bg-green-100 text-green-900 ring-green-300",
  CANCELLED: "bg-stone-100 text-stone-600 ring-stone-300",
};

export function InvoiceBadge({ invoice }: { invoice: { number: string; status: string } | null }) {
  const t = useT();
  if (!invoice) {
    return (
      <span className="text-stone-400">
        <span aria-hidden>—</span>
        <span className="sr-only">{t("orders.invoice.none")}</span>
      </span>
    );
  }
  const known = invoice.status === "ISSUED" || invoice.status === "PAID" || invoice.status === "CANCELLED";
  return (
    <span className={`badge whitespace-nowrap ring-1 ring-inset ${INVOICE_STYLES[invoice.status] ?? INVOICE_STYLES.ISSUED}`}>
      {invoice.number} · {known ? t(`orders.invoice.${invoice.status as "ISSUED" | "PAID" | "CANCELLED"}`) : invoice.status}
    </span>
  );
}

/** Money of an order: the order's currency, the viewing organization's number format. */
/** The status (badge and progress) and invoice cells of an order in a list row. */
export function OrderStatusCells({ status, invoice }: { status: OrderStatus; invoice: { number: string; status: string } | null }) {
  return (
    <>
      <td>
        <div className="flex flex-col items-start gap-1">
          <OrderStatusBadge status={status} />
          <OrderProgress status={status} />
        </div>
      </td>
      <td>
        <InvoiceBadge invoice={invoice} />
      </td>
    </>
  );
}

export function useOrderMoney(currency: string) {
  const { locale } = useFormat();
  return {
    money: (cents: number) => formatCents(cents, currency, locale),
    unitPrice: (unitPrice4: number) => formatUnitPrice4(unitPrice4, currency, locale),
  };
}

const deliveryDateFormats = new Map<string, Intl.DateTimeFormat>();

/** A "YYYY-MM-DD" delivery date in the organization's format (no time zone shift). */
export function useDeliveryDate() {
  const { locale } = useFormat();
  // Building an Intl formatter costs more than formatting: one per locale, not one per row.
  let format = deliveryDateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
    deliveryDateFormats.set(locale, format);
  }
  const formatter = format;
  return (day: string) => {
    const d = new Date(`${day}T12:00:00Z`);
    return Number.isNaN(d.getTime()) ? day : formatter.format(d);
  };
}

/** A label and its value, in the order page's header and the customer page. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">{label}</dt>
      <dd className="mt-1 text-sm text-stone-900">{children}</dd>
    </div>
  );
}

/** The soft minimum is a warning for both sides, never a block. */
export function BelowMinimumNotice({ minimum }: { minimum: string }) {
  const t = useT();
  return (
    <p role="note" className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
      {t("orders.belowMinimum", { minimum })}
    </p>
  );
}

/** Subtotal, discount, tax, deposit and total of an order (or of the new-order form's running total). */
export function TotalsList({
  totals,
  money,
}: {
  totals: { subtotalCents: number; discountCents: number; taxCents: number; depositCents: number; totalCents: number };
  money: (cents: number) => string;
}) {
  const t = useT();
  return (
    <dl className="mt-3 space-y-1 text-sm">
      <div className="flex justify-between">
        <dt className="text-stone-600">{t("orders.totals.subtotal")}</dt>
        <dd className="tabular-nums">{money(totals.subtotalCents)}</dd>
      </div>
      {totals.discountCents !== 0 ? (
        <div className="flex justify-between">
          <dt className="text-stone-600">{t("orders.totals.discount")}</dt>
          <dd className="tabular-nums">{money(-totals.discountCents)}</dd>
        </div>
      ) : null}
      <div className="flex justify-between">
        <dt className="text-stone-600">{t("orders.totals.tax")}</dt>
        <dd className="tabular-nums">{money(totals.taxCents)}</dd>
      </div>
      <div className="flex justify-between">
        <dt className="text-stone-600">{t("orders.totals.deposit")}</dt>
        <dd className="tabular-nums">{money(totals.depositCents)}</dd>
      </div>
      <div className="flex justify-between border-t border-stone-200 pt-2 text-base font-semibold">
        <dt>{t("orders.totals.total")}</dt>
        <dd className="tabular-nums">{money(totals.totalCents)}</dd>
      </div>
    </dl>
  );
}

