import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useFormat, useT, useTCount } from "~/components/i18n";
import { useCan, useOrgLayout } from "~/components/org-nav";
import { useOrderMoney } from "~/components/orders";
import { BalanceSummary, LedgerFilters, LedgerPager, LedgerTable } from "~/components/receivables";
import { FormError, SelectField, TextField } from "~/components/ui/field";
import { Card, EmptyState, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { SubmitButton } from "~/components/ui/submit-button";
import { handleOrgForm, loadOrgPage } from "~/http/org-route.server";
import type { FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { recordCustomerPayment } from "~/modules/payment/payments.server";
import { PAYMENT_METHODS } from "~/modules/payment/schemas";
import { getCustomerLedger } from "~/modules/receivables/ledger.server";
import { translateCount } from "~/utils/i18n";
import { parseCents } from "~/utils/money";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.customer.name} · Comptoir` : "Comptoir" }];

const PAGE_SIZE = 100;
const OPEN_SHOWN = 50; // the oldest due; the ledger and the ageing count them all

function filtersOf(url: URL) {
  const pick = (k: string) => url.searchParams.get(k) ?? "";
  return { from: pick("from"), to: pick("to"), type: pick("type"), seller: pick("seller") };
}

// /o/:org/receivables/:customerId — the ledger of one customer: every invoice, credit note and payment
// with the running balance (the newest page of 100 entries first), ageing, filters, CSV, and a payment
// recorded over its open invoices (oldest due first).
export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  return loadOrgPage(args, async ({ actor }) => {
    const filters = filtersOf(url);
    const ledger = await getCustomerLedger(actor, args.params.customerId ?? "", filters);
    const pageCount = Math.max(1, Math.ceil(ledger.entries.length / PAGE_SIZE));
    const asked = Number(url.searchParams.get("page"));
    const page = Number.isInteger(asked) && asked >= 1 && asked <= pageCount ? asked : pageCount;
    const entries = ledger.entries.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const first = entries[0];
    return json({
      ...ledger,
      entries,
      openInvoices: ledger.openInvoices.slice(0, OPEN_SHOWN),
      openInvoiceCount: ledger.openInvoices.length,
      totalEntries: ledger.entries.length,
      broughtForwardCents: first && (page > 1 || filters.from) ? first.balanceCents - first.amountCents : null,
      page,
      pageCount,
      filters,
    });
  });
}

export async function action(args: ActionFunctionArgs) {
  return handleOrgForm(args, async ({ actor, language, values }) => {
    const customerId = args.params.customerId ?? "";
    const amount = typeof values.amount === "string" ? values.amount : "";
    const payment = await recordCustomerPayment(actor, {
      buyerId: customerId,
      sellerId: values.seller,
      amountCents: parseCents(amount) ?? (amount.trim() === "" ? undefined : NaN),
      method: values.method,
      reference: values.reference,
      paidAt: values.paidAt,
    });
    const back = new URL(args.request.url);
    back.searchParams.delete("page");
    return redirectWithToast(`${back.pathname}${back.search}`, translateCount(language, "receivables.payment.recorded", payment.allocations.length));
  });
}

export default function CustomerLedgerPage() {
  const t = useT();
  const can = useCan();
  const { org } = useOrgLayout();
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const base = `/o/${org.slug}/receivables/${data.customer.id}`;
  const query = new URLSearchParams(Object.entries(data.filters).filter(([, v]) => v));
  const hrefOfPage = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    return `?${next}`;
  };
  const filtered = Boolean(data.filters.from || data.filters.to || data.filters.type);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to={`/o/${org.slug}/receivables`} className="link">
          ← {t("receivables.back")}
        </Link>
      </p>
      <PageHeader
        title={data.customer.name}
        description={org.kind === "PRODUCER" ? t("receivables.ledger.intro") : t("receivables.ledger.introServed", { producer: data.seller.name })}
        actions={
          <a href={`${base}/export.csv${query.size ? `?${query}` : ""}`} className="btn-ghost" download>
            {t("receivables.exportCsv")}
          </a>
        }
      />
      <div className="mb-6">
        <BalanceSummary side="receivables" balanceCents={data.balanceCents} overdueCents={data.overdueCents} unallocatedCents={data.unallocatedCents} ageing={data.ageing} currency={data.currency} />
      </div>

      <OpenInvoices />

      <section aria-labelledby="ledger-title" className="mt-8">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <h2 id="ledger-title" className="text-lg font-semibold">
            {t("receivables.ledger.title")}
          </h2>
          <LedgerFilters values={data.filters} hidden={data.filters.seller ? { seller: data.filters.seller } : {}} />
        </div>
        {data.entries.length === 0 ? (
          <EmptyState title={filtered ? t("receivables.ledger.noMatch") : t("receivables.ledger.empty")} />
        ) : (
          <>
            <LedgerTable
              entries={data.entries}
              currency={data.currency}
              broughtForwardCents={data.broughtForwardCents}
              orderLink={can("order:read") ? (orderId) => `/o/${org.slug}/orders/${orderId}` : undefined}
            />
            <LedgerPager page={data.page} pageCount={data.pageCount} hrefOf={hrefOfPage} />
          </>
        )}
      </section>
    </>
  );
}

function OpenInvoices() {
  const t = useT();
  const fmt = useFormat();
  const tc = useTCount();
  const can = useCan();
  const { org } = useOrgLayout();
  const data = useLoaderData<typeof loader>();
  const action = useActionData<FormErrorData>();
  const { money } = useOrderMoney(data.currency);
  const v = (k: string) => (action?.values[k] as string | undefined) ?? "";
  if (data.openInvoices.length === 0) return null;
  return (
    <section aria-labelledby="open-title" className="grid gap-4 lg:grid-cols-3">
      <div className="lg:col-span-2">
        <h2 id="open-title" className="mb-3 text-lg font-semibold">
          {t("receivables.open.title")}
        </h2>
        <div className="card overflow-x-auto">
          <table className="table-base">
            <thead className="bg-stone-50">
              <tr>
                <th scope="col">{t("receivables.col.number")}</th>
                <th scope="col">{t("receivables.col.dueDate")}</th>
                <th scope="col" className="!text-right">
                  {t("receivables.col.open")}
                </th>
                <th scope="col">{t("receivables.col.actions")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {data.openInvoices.map((i) => (
                <tr key={i.id}>
                  <td className="whitespace-nowrap">{i.number}</td>
                  <td className="whitespace-nowrap">
                    {fmt.date(`${i.dueDate}T12:00:00`)}
                    {i.daysPastDue > 0 ? <span className="ml-2 text-xs font-medium text-red-700">{tc("receivables.daysLate", i.daysPastDue)}</span> : null}
                  </td>
                  <td className="whitespace-nowrap text-right tabular-nums">{money(i.balanceCents)}</td>
                  <td className="whitespace-nowrap text-sm">
                    <Link to={`/o/${org.slug}/orders/${i.orderId}#invoice`} className="link">
                      {can("payment:record") ? t("receivables.open.recordPayment") : t("receivables.open.view")}
                    </Link>
                    {can("credit-note:create") ? (
                      <Link to={`/o/${org.slug}/orders/${i.orderId}#invoice`} className="link ml-3">
                        {t("receivables.open.recordCredit")}
                      </Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {data.openInvoiceCount > data.openInvoices.length ? (
          <p className="mt-2 text-sm text-stone-600">{t("receivables.open.more", { count: data.openInvoiceCount - data.openInvoices.length })}</p>
        ) : null}
      </div>
      {can("payment:record") ? (
        <Card title={t("receivables.payment.title")}>
          <Form method="post" className="space-y-4" noValidate>
            <p className="text-sm text-stone-600">{t("receivables.payment.hint")}</p>
            <FormError message={action?.formError} />
            {data.filters.seller ? <input type="hidden" name="seller" value={data.filters.seller} /> : null}
            <TextField
              label={t("receivables.payment.amount", { currency: data.currency })}
              name="amount"
              inputMode="decimal"
              required
              defaultValue={v("amount")}
              error={action?.fieldErrors.amountCents}
            />
            <SelectField
              label={t("receivables.payment.method")}
              name="method"
              defaultValue={v("method") || "TRANSFER"}
              options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`receivables.method.${m}`) }))}
              error={action?.fieldErrors.method}
            />
            <TextField label={t("receivables.payment.reference")} name="reference" defaultValue={v("reference")} hint={t("common.optional")} error={action?.fieldErrors.reference} />
            <TextField label={t("receivables.payment.date")} name="paidAt" type="date" defaultValue={v("paidAt")} hint={t("receivables.payment.dateHint")} error={action?.fieldErrors.paidAt} />
            <SubmitButton>{t("receivables.payment.submit")}</SubmitButton>
          </Form>
        </Card>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  const t = useT();
  const { org } = useOrgLayout();
  return <RouteErrorBoundary backTo={`/o/${org.slug}/receivables`} backLabel={t("receivables.back")} />;
}
