// The order's history as people read it: who (and for which organization), when, what happened, and
// every change as "before → after" with amounts, rates and dates in the organization's formats.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useFormat, useT } from "./i18n";
import { useOrgLayout } from "./org-nav";
import { useDeliveryDate, useOrderMoney } from "./orders";
import type { MessageKey } from "~/locales";

export type HistoryEvent = {
  at: string;
  actor: { id: string | null; name: string };
  organization: { id: string | null; name: string };
  type: string;
  changes: Record<string, unknown>;
};

const EVENT_TYPES = [
  "CREATED",
  "AMENDED",
  "ACCEPTED",
  "REJECTED",
  "CANCELLED",
  "SHIPPED",
  "DELIVERED",
  "EXPIRED",
  "RESTORED",
  "DOCUMENT_ADDED",
  "INVOICED",
  "PAID",
  "REOPENED",
  "INVOICE_CANCELLED",
  "CREDIT_NOTE_ISSUED",
  "PAYMENT_RECORDED",
  "PAYMENT_DELETED",
] as const;
const PAYMENT_METHODS = ["CASH", "CHEQUE", "TRANSFER", "CARD", "OTHER"] as const;
const FIELDS = [
  "status",
  "note",
  "deliveryDate",
  "taxesEnabled",
  "depositsEnabled",
  "distribution",
  "distributor",
  "totalCents",
  "quantity",
  "unitPrice4",
  "discountBps",
  "taxRateBps",
  "depositCents",
  "description",
  "formatId",
] as const;

type Change = { before: unknown; after: unknown };
const isChange = (v: unknown): v is Change => typeof v === "object" && v !== null && "before" in v && "after" in v;
type LineSnapshot = { description?: string; quantity?: number; kind?: string; unitPrice4?: number };
type LineChanges = { added?: LineSnapshot[]; removed?: LineSnapshot[]; changed?: { description: string; changes: Record<string, Change> }[] };

function useValueText(currency: string) {
  const t = useT();
  const fmt = useFormat();
  const { money, unitPrice } = useOrderMoney(currency);
  const day = useDeliveryDate();
  return (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "—";
    if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
    if (typeof value === "number") {
      if (field === "unitPrice4") return unitPrice(value);
      if (field.endsWith("Cents")) return money(value);
      if (field.endsWith("Bps")) return fmt.percent(value);
      return fmt.number(value);
    }
    if (typeof value === "string") {
      if (field === "status" && /^[A-Z]+$/.test(value)) return t(`orders.status.${value}` as MessageKey);
      if (field === "distribution" && /^[A-Z]+$/.test(value)) return t(`relations.distribution.${value}` as MessageKey);
      if (field === "deliveryDate") return day(value);
      return value;
    }
    return JSON.stringify(value);
  };
}

function BeforeAfter({ label, before, after }: { label: string; before: string; after: string }) {
  const t = useT();
  return (
    <li>
      <span className="text-stone-600">{t("orders.history.labelled", { label })} </span>
      <del className="text-stone-500">{before}</del>
      <span aria-hidden> → </span>
      <span className="sr-only"> {t("orders.history.becomes")} </span>
      <ins className="font-medium text-stone-900 no-underline">{after}</ins>
    </li>
  );
}

function fieldLabel(t: ReturnType<typeof useT>, field: string): string {
  return (FIELDS as readonly string[]).includes(field) ? t(`orders.history.field.${field as (typeof FIELDS)[number]}`) : field;
}

function Changes({ changes, currency }: { changes: Record<string, unknown>; currency: string }) {
  const t = useT();
  const { org } = useOrgLayout();
  const text = useValueText(currency);
  const items: ReactNode[] = [];
  for (const [key, value] of Object.entries(changes)) {
    if (key === "lines" && value && typeof value === "object") {
      const lines = value as LineChanges;
      for (const l of lines.added ?? []) {
        items.push(
          <li key={`add-${items.length}`}>
            <span className="text-emerald-700">{t("orders.history.labelled", { label: t("orders.history.lineAdded") })} </span>
            {l.description} × {l.quantity}
            {l.kind === "FEE" || l.kind === "REBATE" ? ` (${text("unitPrice4", l.unitPrice4)})` : ""}
          </li>,
        );
      }
      for (const l of lines.removed ?? []) {
        items.push(
          <li key={`rm-${items.length}`}>
            <span className="text-red-700">{t("orders.history.labelled", { label: t("orders.history.lineRemoved") })} </span>
            {l.description} × {l.quantity}
          </li>,
        );
      }
      for (const l of lines.changed ?? []) {
        for (const [field, change] of Object.entries(l.changes)) {
          items.push(<BeforeAfter key={`ch-${items.length}`} label={`${l.description} — ${fieldLabel(t, field)}`} before={text(field, change.before)} after={text(field, change.after)} />);
        }
      }
    } else if (key === "received" && Array.isArray(value)) {
      for (const r of value as { description: string; ordered: number; received: number }[]) {
        items.push(
          <li key={`rc-${items.length}`}>
            {t("orders.history.received", { item: r.description, ordered: r.ordered, received: r.received })}
          </li>,
        );
      }
    } else if ((key === "extraOrder" || key === "extraOf") && value && typeof value === "object") {
      const ref = value as { orderId: string; number: number };
      items.push(
        <li key={key}>
          {t(key === "extraOrder" ? "orders.history.extraOrder" : "orders.history.extraOf")}{" "}
          <Link to={`/o/${org.slug}/orders/${ref.orderId}`} className="link">
            {t("orders.number", { number: ref.number })}
          </Link>
        </li>,
      );
    } else if (key === "reason" && typeof value === "string") {
      items.push(
        <li key={key}>
          <span className="text-stone-600">{t("orders.history.labelled", { label: t("orders.history.reason") })} </span>
          {value}
        </li>,
      );
    } else if (key === "filename" && typeof value === "string") {
      items.push(
        <li key={key}>
          <span className="text-stone-600">{t("orders.history.labelled", { label: t("documents.file") })} </span>
          {value}
        </li>,
      );
    } else if (key === "invoice" && value) {
      // The invoice's number, or {id, number, totalCents} when it was published.
      const invoice = typeof value === "string" ? { number: value } : (value as { number: string; totalCents?: number });
      items.push(
        <li key={key}>
          {t("orders.history.invoice", { number: invoice.number })}
          {typeof invoice.totalCents === "number" ? ` — ${text("totalCents", invoice.totalCents)}` : ""}
        </li>,
      );
    } else if (key === "creditNote" && value) {
      const note = typeof value === "string" ? { number: value } : (value as { number: string; totalCents?: number; note?: string });
      items.push(
        <li key={key}>
          {t("orders.history.creditNote", { number: note.number })}
          {typeof note.totalCents === "number" ? ` — ${text("totalCents", note.totalCents)}` : ""}
          {note.note ? ` — ${note.note}` : ""}
        </li>,
      );
    } else if (key === "payment" && value && typeof value === "object") {
      const payment = value as { amountCents: number; method?: string; reference?: string };
      const method = (PAYMENT_METHODS as readonly string[]).includes(payment.method ?? "")
        ? t(`invoices.payments.method.${payment.method as (typeof PAYMENT_METHODS)[number]}`)
        : payment.method;
      items.push(
        <li key={key}>
          {t("orders.history.payment", { amount: text("amountCents", payment.amountCents) })}
          {method ? ` — ${method}` : ""}
          {payment.reference ? ` — ${payment.reference}` : ""}
        </li>,
      );
    } else if (isChange(value)) {
      items.push(<BeforeAfter key={key} label={fieldLabel(t, key)} before={text(key, value.before)} after={text(key, value.after)} />);
    }
  }
  if (items.length === 0) return null;
  return <ul className="mt-2 space-y-1 text-sm">{items}</ul>;
}

export function OrderHistory({ events, currency }: { events: HistoryEvent[]; currency: string }) {
  const t = useT();
  const fmt = useFormat();
  if (events.length === 0) return <p className="text-sm text-stone-600">{t("orders.history.empty")}</p>;
  return (
    <ol className="relative space-y-4 border-l border-stone-200 pl-6">
      {[...events].reverse().map((e, i) => {
        const known = (EVENT_TYPES as readonly string[]).includes(e.type);
        return (
          <li key={`${e.at}-${i}`} className="relative">
            <span aria-hidden className="absolute -left-[31px] top-1.5 h-3 w-3 rounded-full bg-brand-500 ring-4 ring-stone-50" />
            <div className="card p-4">
              <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
                <span className="font-semibold text-stone-900">{known ? t(`orders.event.${e.type as (typeof EVENT_TYPES)[number]}`) : e.type}</span>
                <span className="text-stone-600">{t("orders.history.by", { name: e.actor.name, org: e.organization.name })}</span>
                <time dateTime={e.at} className="ml-auto text-xs text-stone-500">
                  {fmt.dateTime(e.at)}
                </time>
              </p>
              <Changes changes={e.changes} currency={currency} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}
