// The periodic-invoicing page's parts: the period filter, the customers table (checkboxes belong to
// the "Invoice the selected" form through the `form` attribute; each row's billing-period select is
// its own small form) and the report of a run. Plain forms: everything works without JavaScript.
import { Form, Link } from "@remix-run/react";
import type { MessageKey } from "~/locales";
import { BILLING_PERIODS, type BillingPeriod } from "~/modules/invoice/billing-period";
import type { InvoicingPeriods, PeriodInvoicing } from "~/modules/invoice/periodic-invoices.server";
import { useFormat, useT } from "../i18n";

export const INVOICE_FORM_ID = "invoice-selected";

const kindLabel = (period: BillingPeriod): MessageKey => `periodic.kind.${period}`;

export function PeriodFilter({ period, date }: { period: BillingPeriod; date: string }) {
  const t = useT();
  return (
    <Form method="get" className="card mb-4 flex flex-wrap items-end gap-3 p-4">
      <div>
        <label htmlFor="period" className="label">
          {t("periodic.filter.period")}
        </label>
        <select id="period" name="period" defaultValue={period} className="input mt-1">
          {BILLING_PERIODS.map((p) => (
            <option key={p} value={p}>
              {t(kindLabel(p))}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="date" className="label">
          {t("periodic.filter.date")}
        </label>
        <input id="date" name="date" type="date" defaultValue={date} className="input mt-1" required />
      </div>
      <button type="submit" className="btn-secondary">
        {t("periodic.filter.show")}
      </button>
    </Form>
  );
}

export function CustomersTable({ view, search }: { view: InvoicingPeriods; search: string }) {
  const t = useT();
  const fmt = useFormat();
  return (
    <div className="card overflow-x-auto">
      <table className="table-base" data-testid="invoicing-customers">
        <thead className="bg-stone-50">
          <tr>
            <th scope="col">{t("periodic.col.select")}</th>
            <th scope="col">{t("periodic.col.customer")}</th>
            <th scope="col">{t("periodic.col.billingPeriod")}</th>
            <th scope="col" className="!text-right">
              {t("periodic.col.orders")}
            </th>
            <th scope="col" className="!text-right">
              {t("periodic.col.total")}
            </th>
          </tr>
        </thead>
        <tbody>
          {view.customers.map((c) => (
            <tr key={c.relationId}>
              <td>
                <input
                  type="checkbox"
                  name="relations"
                  value={c.relationId}
                  form={INVOICE_FORM_ID}
                  disabled={c.orderCount === 0}
                  defaultChecked={c.orderCount > 0 && c.billingPeriod === view.period}
                  aria-label={t("periodic.selectCustomer", { customer: c.customer.name })}
                  className="h-4 w-4"
                />
              </td>
              <td className="font-medium">{c.customer.name}</td>
              <td>
                <Form method="post" action={`?${search}`} className="flex items-center gap-2">
                  <input type="hidden" name="intent" value="billing" />
                  <input type="hidden" name="relationId" value={c.relationId} />
                  <select name="billingPeriod" defaultValue={c.billingPeriod} aria-label={t("periodic.billingOf", { customer: c.customer.name })} className="input !mt-0 !w-auto">
                    {BILLING_PERIODS.map((p) => (
                      <option key={p} value={p}>
                        {t(kindLabel(p))}
                      </option>
                    ))}
                  </select>
                  <button type="submit" className="btn-secondary !px-2 !py-1 text-xs">
                    {t("periodic.save")}
                  </button>
                </Form>
              </td>
              <td className="text-right tabular-nums">{c.orderCount}</td>
              <td className="text-right tabular-nums">{c.orderCount ? fmt.money(c.totalCents) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function InvoicingReport({ report, orgSlug }: { report: PeriodInvoicing; orgSlug: string }) {
  const t = useT();
  const fmt = useFormat();
  return (
    <section className="card mb-4 p-5" role="status" aria-live="polite" data-testid="invoicing-report">
      <h2 className="mb-3 text-base font-semibold text-stone-900">{t("periodic.report.title")}</h2>
      <h3 className="text-sm font-semibold text-stone-700">{t("periodic.report.made")}</h3>
      {report.invoices.length ? (
        <ul className="mb-3 mt-1 space-y-1 text-sm">
          {report.invoices.map((i) => (
            <li key={i.id}>
              <Link to={`/o/${orgSlug}/invoices/${i.id}`} className="font-medium text-brand-700 hover:underline">
                {i.number}
              </Link>{" "}
              — {i.customer.name} — {t("periodic.report.orders")} {i.orders.map((o) => `#${o.number}`).join(", ")} — {fmt.money(i.totalCents)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-3 mt-1 text-sm text-stone-600">{t("periodic.report.none")}</p>
      )}
      {report.skipped.length ? (
        <>
          <h3 className="text-sm font-semibold text-stone-700">{t("periodic.report.skipped")}</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {report.skipped.map((s) => (
              <li key={s.relationId}>
                {s.customer?.name ?? s.relationId} — {t(s.message as MessageKey, s.params as Record<string, string> | undefined)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
