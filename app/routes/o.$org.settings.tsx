import { RouteErrorBoundary } from "~/components/ui/route-error";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/components/i18n";
import { useCan } from "~/components/org-nav";
import { FormError, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { Card, PageHeader } from "~/components/ui/layout";
import { SubmitButton } from "~/components/ui/submit-button";
import { handleOrgForm, loadOrgPage } from "~/http/org-route.server";
import type { FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { getInvoicingSettings, updateInvoicingSettings } from "~/modules/invoice/invoice-settings.server";
import { getOrganization, updateOrganization } from "~/modules/org/organization.server";
import { CURRENCIES, ORG_LOCALES } from "~/modules/org/schemas";

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    const [org, invoicing] = await Promise.all([getOrganization(actor), getInvoicingSettings(actor)]);
    return json({
      invoicing,
      details: {
        name: org.name,
        locale: org.locale,
        currency: org.currency,
        email: org.email ?? "",
        phone: org.phone ?? "",
        address: org.address ?? "",
        taxNumber: org.taxNumber ?? "",
      },
    });
  });
}

export async function action(args: ActionFunctionArgs) {
  return handleOrgForm(args, async ({ actor, t, values }) => {
    if (values.intent === "invoicing") {
      await updateInvoicingSettings(actor, values);
      return redirectWithToast(`/o/${actor.orgSlug}/settings`, t("invoices.settings.saved"));
    }
    await updateOrganization(actor, values);
    return redirectWithToast(`/o/${actor.orgSlug}/settings`, t("org.settings.saved"));
  });
}

export default function OrganizationSettingsPage() {
  const t = useT();
  const can = useCan();
  const { details, invoicing } = useLoaderData<typeof loader>();
  const data = useActionData<FormErrorData>();
  const v = (k: keyof typeof details) => (data?.values[k] as string | undefined) ?? details[k];

  if (!can("org:update")) {
    const rows: [string, string][] = [
      [t("org.name"), details.name],
      [t("org.email"), details.email],
      [t("org.phone"), details.phone],
      [t("org.address"), details.address],
      [t("org.taxNumber"), details.taxNumber],
      [t("org.locale"), details.locale],
      [t("org.currency"), details.currency],
    ];
    return (
      <>
        <PageHeader title={t("org.settings.title")} description={t("org.settings.readOnly")} />
        <Card className="max-w-2xl">
          <dl className="divide-y divide-stone-100 text-sm">
            {rows.map(([label, value]) => (
              <div key={label} className="grid gap-1 py-3 sm:grid-cols-3">
                <dt className="font-medium text-stone-600">{label}</dt>
                <dd className="whitespace-pre-line sm:col-span-2">
                  {value || <span className="text-stone-400">{t("org.settings.notSet")}</span>}
                </dd>
              </div>
            ))}
          </dl>
        </Card>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t("org.settings.title")} description={t("org.settings.intro", { org: details.name })} />
      <Form method="post" className="max-w-2xl space-y-6" noValidate>
        <FormError message={data?.formError} />
        <Card>
          <div className="space-y-4">
            <TextField
              label={t("org.name")}
              name="name"
              required
              defaultValue={v("name")}
              error={data?.fieldErrors.name}
              autoComplete="organization"
            />
            <TextField
              label={t("org.taxNumber")}
              name="taxNumber"
              defaultValue={v("taxNumber")}
              error={data?.fieldErrors.taxNumber}
              hint={t("common.optional")}
            />
          </div>
        </Card>
        <Card title={t("org.settings.contact")}>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label={t("org.email")}
              name="email"
              type="email"
              autoComplete="email"
              defaultValue={v("email")}
              error={data?.fieldErrors.email}
              hint={t("common.optional")}
            />
            <TextField
              label={t("org.phone")}
              name="phone"
              type="tel"
              autoComplete="tel"
              defaultValue={v("phone")}
              error={data?.fieldErrors.phone}
              hint={t("common.optional")}
            />
            <TextAreaField
              label={t("org.address")}
              name="address"
              rows={3}
              autoComplete="street-address"
              className="sm:col-span-2"
              defaultValue={v("address")}
              error={data?.fieldErrors.address}
              hint={t("common.optional")}
            />
          </div>
        </Card>
        <Card title={t("org.settings.formats")}>
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              label={t("org.locale")}
              name="locale"
              defaultValue={v("locale")}
              options={ORG_LOCALES.map((l) => ({ value: l, label: l }))}
              error={data?.fieldErrors.locale}
            />
            <SelectField
              label={t("org.currency")}
              name="currency"
              defaultValue={v("currency")}
              options={CURRENCIES.map((c) => ({ value: c, label: c }))}
              error={data?.fieldErrors.currency}
            />
          </div>
        </Card>
        <div className="flex justify-end">
          <SubmitButton>{t("action.save")}</SubmitButton>
        </div>
      </Form>
      {invoicing ? (
        <Form method="post" className="mt-8 max-w-2xl">
          <Card title={t("invoices.settings.title")}>
            <label className="flex items-start gap-3 text-sm">
              <input type="checkbox" name="autoInvoiceOnDelivery" defaultChecked={invoicing.autoInvoiceOnDelivery} className="mt-0.5 h-4 w-4" aria-describedby="auto-invoice-hint" />
              <span>
                <span className="font-medium text-stone-900">{t("invoices.settings.auto")}</span>
                <span id="auto-invoice-hint" className="mt-1 block text-stone-600">
                  {t("invoices.settings.autoHint")}
                </span>
              </span>
            </label>
            <div className="mt-4 flex justify-end">
              <SubmitButton intent="invoicing" className="btn-secondary">
                {t("invoices.settings.save")}
              </SubmitButton>
            </div>
          </Card>
        </Form>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
