import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CheckboxField, useDecimalInput } from "~/components/catalog";
import { CatalogSettingForm, CatalogSettingsPage } from "~/components/catalog-settings";
import { useFormat, useT } from "~/components/i18n";
import { useOrgLayout } from "~/components/org-nav";
import { TextField } from "~/components/ui/field";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { handleOrgForm, loadOrgPage } from "~/http/org-route.server";
import type { FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { createTaxRate, deleteTaxRate, listTaxRates, updateTaxRate } from "~/modules/catalog/tax-rates.server";
import { validationError } from "~/utils/errors";

export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => json({ taxRates: await listTaxRates(actor) }));
}

export async function action(args: ActionFunctionArgs) {
  return handleOrgForm(args, async ({ actor, t, values }) => {
    const id = typeof values.id === "string" ? values.id : "";
    const here = `/o/${actor.orgSlug}/catalog/tax-rates`;
    switch (values.intent) {
      case "create": {
        const rate = await createTaxRate(actor, values);
        return redirectWithToast(here, t("catalog.taxRates.created", { name: rate.name }));
      }
      case "update": {
        const rate = await updateTaxRate(actor, id, values);
        return redirectWithToast(here, t("catalog.taxRates.saved", { name: rate.name }));
      }
      case "delete": {
        const rate = await deleteTaxRate(actor, id);
        return redirectWithToast(here, t("catalog.taxRates.deleted", { name: rate.name }));
      }
      default:
        throw validationError({ intent: "field.invalid" });
    }
  });
}

type TaxRate = SerializeFrom<typeof loader>["taxRates"][number];

export default function TaxRatesPage() {
  const t = useT();
  const { taxRates } = useLoaderData<typeof loader>();
  return (
    <CatalogSettingsPage
      title={t("catalog.taxRates.title")}
      intro={t("catalog.taxRates.intro")}
      empty={{ title: t("catalog.taxRates.empty.title"), description: t("catalog.taxRates.empty.description") }}
      newTitle={t("catalog.taxRates.new")}
      items={taxRates}
      renderForm={(rate, errorData) => <TaxRateForm rate={rate} errorData={errorData} />}
    />
  );
}

function TaxRateForm({ rate, errorData }: { rate?: TaxRate; errorData?: FormErrorData }) {
  const t = useT();
  const fmt = useFormat();
  const decimal = useDecimalInput();
  const editing = errorData && errorData.values.intent !== "delete";
  const errors = editing ? errorData.fieldErrors : {};
  const typed = (k: string) => (errorData?.values[k] as string | undefined) ?? "";
  const values = editing
    ? { name: typed("name"), rate: typed("rate"), isDefault: errorData.values.isDefault === "on" }
    : { name: rate?.name ?? "", rate: rate ? decimal(rate.rateBps, 2, 0) : "", isDefault: rate?.isDefault ?? false };
  const inUse = (rate?.formatCount ?? 0) > 0;
  return (
    <CatalogSettingForm
      item={rate}
      newTitle={t("catalog.taxRates.new")}
      errorData={errorData}
      confirmDelete={rate ? t("catalog.taxRates.confirmDelete", { name: rate.name }) : undefined}
      deleteRefusal={inUse ? t("catalog.error.taxRateInUse") : rate?.isDefault ? t("catalog.error.taxRateIsDefault") : undefined}
      summary={
        rate ? (
          <>
            {rate.isDefault ? `${t("catalog.taxRates.default")} · ` : ""}
            {inUse ? t("catalog.taxRates.usedBy", { count: rate.formatCount }) : t("catalog.taxRates.unused")} · {fmt.percent(rate.rateBps)}
          </>
        ) : null
      }
    >
      <TextField className="sm:col-span-5" label={t("catalog.taxRates.name")} name="name" required maxLength={60} placeholder={t("catalog.taxRates.namePlaceholder")} defaultValue={values.name} error={errors.name} />
      <TextField className="sm:col-span-3" label={t("catalog.taxRates.rate")} name="rate" required inputMode="decimal" placeholder={decimal(550, 2, 0)} defaultValue={values.rate} error={errors.rate} />
      <div className="sm:col-span-4 sm:pt-7">
        <CheckboxField label={t("catalog.taxRates.isDefault")} name="isDefault" defaultChecked={values.isDefault} />
        {errors.isDefault ? (
          <p className="mt-1 text-sm text-red-700" role="alert">
            {errors.isDefault}
          </p>
        ) : null}
      </div>
    </CatalogSettingForm>
  );
}

export function ErrorBoundary() {
  const t = useT();
  const { org } = useOrgLayout();
  return <RouteErrorBoundary backTo={`/o/${org.slug}/catalog`} backLabel={t("catalog.backToCatalog")} />;
}
