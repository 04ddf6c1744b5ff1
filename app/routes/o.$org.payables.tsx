import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useFormat, useT, useTCount } from "~/components/i18n";
import { useCan, useOrgLayout } from "~/components/org-nav";
import { useOrderMoney } from "~/components/orders";
import { BalanceSummary, BalancesTable, LedgerFilters, LedgerPager, LedgerTable } from "~/components/receivables";
import { FormError } from "~/components/ui/field";
import { EmptyState, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { SubmitButton } from "~/components/ui/submit-button";
import { handleOrgForm, loadOrgPage } from "~/http/org-route.server";
import type { FormErrorData } from "~/http/page-errors.server";
import { createCheckout, sellersPayableOnline } from "~/modules/payment/stripe-checkout.server";
import { listSupplierBalances, listSuppliers } from "~/modules/receivables/balances.server";
import { getSupplierLedger } from "~/modules/receivables/ledger.server";

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

const PAGE_SIZE = 100;
const OPEN_SHOWN = 100; // the oldest due, as many as one online payment takes

// /o/:org/payables — the retailer side (OWNER and ACCOUNTANT): what it owes each supplier and, for one
// supplier (?supplier=), its ledger and its open invoices, several of which can be paid online at once
// (Stripe Checkout) when the supplier takes online payments.
export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  return loadOrgPage(args, async ({ actor }) => {
    const [balances, suppliers] = await Promise.all([listSupplierBalances(actor), listSuppliers(actor)]);
    const supplierId = url.searchParams.get("supplier") ?? "";
    const checkout = url.searchParams.get("checkout");
    if (!supplierId) return json({ balances, suppliers, selected: null, checkout: null });
    const filters = { from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "", type: url.searchParams.get("type") ?? "" };
    const [ledger, payable] = await Promise.all([getSupplierLedger(actor, supplierId, filters), sellersPayableOnline([supplierId])]);
    const pageCount = Math.max(1, Math.ceil(ledger.entries.length / PAGE_SIZE));
    const asked = Number(url.searchParams.get("page"));
    const page = Number.isInteger(asked) && asked >= 1 && asked <= pageCount ? asked : pageCount;
    const entries = ledger.entries.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const first = entries[0];
    return json({
      balances,
      suppliers,
      checkout: checkout === "success" || checkout === "cancelled" ? checkout : null,
      selected: {
        ...ledger,
        entries,
        openInvoices: ledger.openInvoices.slice(0, OPEN_SHOWN),
        openInvoiceCount: ledger.openInvoices.length,
        payOnline: payable.has(supplierId),
        broughtForwardCents: first && (page > 1 || filters.from) ? first.balanceCents - first.amountCents : null,
        page,
        pageCount,
        filters,
      },
    });
  });
}

export async function action(args: ActionFunctionArgs) {
  // Off to Stripe's Checkout page; Stripe sends the payer back to this page (?checkout=success|cancelled).
  return handleOrgForm(args, async ({ actor, values }) => redirect((await createCheckout(actor, { invoiceIds: values.invoiceIds })).url));
}

export default function PayablesPage() {
  const t = useT();
  const { org } = useOrgLayout();
  const { balances, suppliers, selected, checkout } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("payables.title")} description={t("payables.intro")} />
      {checkout ? (
        <div role="status" className={`mb-6 rounded-md p-3 text-sm ring-1 ${checkout === "success" ? "bg-emerald-50 text-emerald-900 ring-emerald-200" : "bg-stone-50 text-stone-800 ring-stone-200"}`}>
          {t(checkout === "success" ? "payables.checkout.success" : "payables.checkout.cancelled")}
        </div>
      ) : null}
      {balances.length === 0 ? (
        <EmptyState title={t("payables.empty")} description={t("payables.emptyHint")} />
      ) : (
        <BalancesTable rows={balances} party="supplier" linkTo={(r) => `/o/${org.slug}/payables?supplier=${r.seller.id}`} />
      )}
      {suppliers.length > 0 ? (
        <Form method="get" className="mt-6 flex flex-wrap items-end gap-3">
          <label className="text-sm">
            <span className="mb-1 block font-medium text-stone-700">{t("payables.chooseSupplier")}</span>
            <select name="supplier" defaultValue={selected?.seller.id ?? ""} className="input">
              {suppliers.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="btn-secondary">
            {t("payables.showLedger")}
          </button>
        </Form>
      ) : null}
      {selected ? <SupplierLedger /> : null}
    </>
  );
}

function SupplierLedger() {
  const t = useT();
  const fmt = useFormat();
  const tc = useTCount();
  const can = useCan();
  const { selected } = useLoaderData<typeof loader>();
  const action = useActionData<FormErrorData>();
  const { org } = useOrgLayout();
  const s = selected!;
  const { money } = useOrderMoney(s.currency);
  const payOnline = s.payOnline && can("invoice:pay");
  const hrefOfPage = (page: number) => `?${new URLSearchParams({ supplier: s.seller.id, ...Object.fromEntries(Object.entries(s.filters).filter(([, v]) => v)), page: String(page) })}`;
  return (
    <section aria-labelledby="supplier-title" className="mt-8 space-y-6">
      <h2 id="supplier-title" className="text-xl font-bold">
        {s.seller.name}
      </h2>
      <BalanceSummary side="payables" balanceCents={s.balanceCents} overdueCents={s.overdueCents} unallocatedCents={s.unallocatedCents} ageing={s.ageing} currency={s.currency} />

      {s.openInvoices.length > 0 ? (
        <Form method="post" aria-labelledby="open-title">
          <h3 id="open-title" className="mb-3 text-lg font-semibold">
            {t("payables.open.title")}
          </h3>
          <FormError message={action?.fieldErrors.invoiceIds ?? action?.formError} />
          <div className="card mt-2 overflow-x-auto">
            <table className="table-base">
              <thead className="bg-stone-50">
                <tr>
                  {payOnline ? (
                    <th scope="col">
                      <span className="sr-only">{t("payables.open.select")}</span>
                    </th>
                  ) : null}
                  <th scope="col">{t("receivables.col.number")}</th>
                  <th scope="col">{t("receivables.col.date")}</th>
                  <th scope="col">{t("receivables.col.dueDate")}</th>
                  <th scope="col" className="!text-right">
                    {t("receivables.col.open")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {s.openInvoices.map((i) => (
                  <tr key={i.id}>
                    {payOnline ? (
                      <td>
                        <input
                          type="checkbox"
                          name="invoiceIds"
                          value={i.id}
                          defaultChecked
                          aria-label={t("payables.open.selectOne", { number: i.number })}
                          className="h-4 w-4 rounded border-stone-300"
                        />
                      </td>
                    ) : null}
                    <td className="whitespace-nowrap">{i.number}</td>
                    <td className="whitespace-nowrap">{fmt.date(i.issuedAt)}</td>
                    <td className="whitespace-nowrap">
                      {fmt.date(`${i.dueDate}T12:00:00`)}
                      {i.daysPastDue > 0 ? <span className="ml-2 text-xs font-medium text-red-700">{tc("receivables.daysLate", i.daysPastDue)}</span> : null}
                    </td>
                    <td className="whitespace-nowrap text-right tabular-nums">{money(i.balanceCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {s.openInvoiceCount > s.openInvoices.length ? (
            <p className="mt-2 text-sm text-stone-600">{t("receivables.open.more", { count: s.openInvoiceCount - s.openInvoices.length })}</p>
          ) : null}
          {payOnline ? (
            <div className="mt-3 flex flex-wrap items-center justify-end gap-3">
              <p className="text-sm text-stone-600">{t("payables.payOnlineHint")}</p>
              <SubmitButton>{t("payables.payOnline")}</SubmitButton>
            </div>
          ) : null}
        </Form>
      ) : null}

      <section aria-labelledby="payables-ledger">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <h3 id="payables-ledger" className="text-lg font-semibold">
            {t("receivables.ledger.title")}
          </h3>
          <LedgerFilters values={s.filters} hidden={{ supplier: s.seller.id }} />
        </div>
        {s.entries.length === 0 ? (
          <EmptyState title={t("receivables.ledger.empty")} />
        ) : (
          <>
            <LedgerTable entries={s.entries} currency={s.currency} broughtForwardCents={s.broughtForwardCents} orderLink={(orderId) => `/o/${org.slug}/orders/${orderId}`} />
            <LedgerPager page={s.page} pageCount={s.pageCount} hrefOf={hrefOfPage} />
          </>
        )}
      </section>
      <p className="text-sm">
        <Link to="." className="link">
          ← {t("payables.allSuppliers")}
        </Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
