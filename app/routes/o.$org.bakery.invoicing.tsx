import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { BakeryNav } from "~/components/bakery-nav";
import { CustomersTable, INVOICE_FORM_ID, InvoicingReport, PeriodFilter } from "~/components/bakery/periodic-invoicing";
import { useT } from "~/components/i18n";
import { useDeliveryDate } from "~/components/orders";
import { useOrgLayout } from "~/components/org-nav";
import { FormError } from "~/components/ui/field";
import { EmptyState, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { handleConformForm } from "~/http/conform-form.server";
import { loadOrgPage } from "~/http/org-route.server";
import { redirectWithToast } from "~/http/toast.server";
import { getInvoicingPeriods, invoicePeriod, setBillingPeriod } from "~/modules/invoice/periodic-invoices.server";
import { billingPeriodFormSchema, invoiceSelectedFormSchema } from "~/modules/invoice/schemas";

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

// /o/:org/bakery/invoicing — the producer's month-end: choose a period, see each customer's delivered
// orders not invoiced yet, invoice the selected ones (one action, then its report), and set each
// customer's billing period.
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    const query = Object.fromEntries(new URL(args.request.url).searchParams);
    return json({ view: await getInvoicingPeriods(actor, query) });
  });
}

export async function action(args: ActionFunctionArgs) {
  const intent = (await args.request.clone().formData()).get("intent");
  if (intent === "billing") {
    return handleConformForm(args, billingPeriodFormSchema, async ({ actor, t, value }) => {
      const saved = await setBillingPeriod(actor, value.relationId, value);
      const url = new URL(args.request.url);
      return redirectWithToast(`${url.pathname}${url.search}`, t("periodic.billingSaved", { customer: saved.customer.name }));
    });
  }
  return handleConformForm(args, invoiceSelectedFormSchema, async ({ actor, value }) => json({ report: await invoicePeriod(actor, value) }));
}

export default function PeriodicInvoicingPage() {
  const t = useT();
  const day = useDeliveryDate();
  const { org } = useOrgLayout();
  const { view } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const report = actionData && "report" in actionData ? actionData.report : null;
  const [form, fields] = useForm({ id: INVOICE_FORM_ID, lastResult: actionData && !("report" in actionData) ? actionData : undefined });
  const search = location.search.replace(/^\?/, "");
  const pending = view.customers.some((c) => c.orderCount > 0);
  return (
    <>
      <BakeryNav />
      <PageHeader title={t("periodic.title")} description={t("periodic.intro")} />
      <PeriodFilter period={view.period} date={view.date} />
      <p className="mb-4 text-sm font-medium text-stone-800" data-testid="period-range">
        {t("periodic.range", { label: view.label, from: day(view.from), to: day(view.to) })}
      </p>
      {report ? <InvoicingReport report={report} orgSlug={org.slug} /> : null}
      <div className="mb-4 space-y-2">
        <FormError message={form.errors?.[0]} />
        <FormError message={fields.relations.errors?.[0]} />
      </div>
      {view.customers.length === 0 ? (
        <EmptyState title={t("periodic.empty.title")} description={t("periodic.empty.description")} />
      ) : (
        <>
          <CustomersTable view={view} search={search} />
          <Form method="post" action={`?${search}`} {...getFormProps(form)} className="mt-4 flex justify-end">
            <input type="hidden" name="intent" value="invoice" />
            <input type="hidden" name="from" value={view.from} />
            <input type="hidden" name="to" value={view.to} />
            <button type="submit" className="btn-primary" disabled={!pending}>
              {t("periodic.invoiceSelected")}
            </button>
          </Form>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return (
    <>
      <BakeryNav />
      <RouteErrorBoundary />
    </>
  );
}
