import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CheckboxField, useDecimalInput } from "~/components/catalog";
import { useFormat, useT } from "~/components/i18n";
import { useCan, useOrgLayout } from "~/components/org-nav";
import { FormError, TextField } from "~/components/ui/field";
import { EmptyState, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { SubmitButton } from "~/components/ui/submit-button";
import { requestLanguage, requireOrgActor } from "~/http/context.server";
import { pageError, runFormAction, type FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { createTaxRate, deleteTaxRate, listTaxRates, updateTaxRate } from "~/modules/catalog/tax-rates.server";
import { validationError } from "~/utils/errors";
import { makeTranslator } from "~/utils/i18n";
import { formDataToObject } from "~/utils/validation";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireOrgActor(request, context, params);
  try {
    return json({ taxRates: await listTaxRates(actor) });
  } catch (error) {
    throw pageError(error, requestLanguage(request, context));
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor } = await requireOrgActor(request, context, params);
  const language = requestLanguage(request, context);
  const t = makeTranslator(language);
  const values = formDataToObject(await request.formData());
  const id = typeof values.id === "string" ? values.id : "";
  const here = `/o/${actor.orgSlug}/catalog/tax-rates`;
  return runFormAction(language, values, async () => {
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
  const data = useActionData<FormErrorData>();
  const { org } = useOrgLayout();
  const canWrite = useCan()("catalog:write");
  const errorsFor = (intent: string, id?: string) => (data && data.values.intent === intent && (id === undefined || data.values.id === id) ? data : undefined);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to={`/o/${org.slug}/catalog`} className="link">
          ← {t("catalog.backToCatalog")}
        </Link>
      </p>
      <PageHeader title={t("catalog.taxRates.title")} description={t("catalog.taxRates.intro")} />
      {taxRates.length === 0 ? (
        <EmptyState title={t("catalog.taxRates.empty.title")} description={t("catalog.taxRates.empty.description")} />
      ) : (
        <ul className="mb-8 space-y-3">
          {taxRates.map((rate) => (
            <li key={rate.id}>
              <TaxRateForm rate={rate} canWrite={canWrite} errorData={errorsFor("update", rate.id) ?? errorsFor("delete", rate.id)} />
            </li>
          ))}
        </ul>
      )}
      {canWrite ? (
        <section aria-labelledby="new-rate" className="card max-w-3xl p-5">
          <h2 id="new-rate" className="mb-3 text-base font-semibold">
            {t("catalog.taxRates.new")}
          </h2>
          <TaxRateForm key={taxRates.length} canWrite errorData={errorsFor("create")} />
        </section>
      ) : null}
    </>
  );
}

function TaxRateForm({ rate, canWrite, errorData }: { rate?: TaxRate; canWrite: boolean; errorData?: FormErrorData }) {
  const t = useT();
  const fmt = useFormat();
  const decimal = useDecimalInput();
  const errors = errorData?.values.intent === "delete" ? {} : (errorData?.fieldErrors ?? {});
  const typed = (k: string) => (errorData?.values[k] as string | undefined) ?? "";
  const editing = errorData && errorData.values.intent !== "delete";
  const values = editing
    ? { name: typed("name"), rate: typed("rate"), isDefault: errorData.values.isDefault === "on" }
    : { name: rate?.name ?? "", rate: rate ? decimal(rate.rateBps, 2, 0) : "", isDefault: rate?.isDefault ?? false };
  const inUse = (rate?.formatCount ?? 0) > 0;
  return (
    <Form method="post" noValidate className={rate ? "card p-4" : ""} aria-label={rate ? rate.name : t("catalog.taxRates.new")}>
      {errorData?.formError ? (
        <div className="mb-3">
          <FormError message={errorData.formError} />
        </div>
      ) : null}
      {rate ? <input type="hidden" name="id" value={rate.id} /> : null}
      <fieldset disabled={!canWrite} className="grid gap-3 sm:grid-cols-12 sm:items-start">
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
      </fieldset>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        {canWrite ? (
          rate ? (
            <>
              <SubmitButton intent="update">{t("action.save")}</SubmitButton>
              <SubmitButton
                intent="delete"
                className="btn-ghost text-red-700"
                disabled={inUse || rate.isDefault}
                title={inUse ? t("catalog.error.taxRateInUse") : rate.isDefault ? t("catalog.error.taxRateIsDefault") : undefined}
                onClick={(e) => {
                  if (!window.confirm(t("catalog.taxRates.confirmDelete", { name: rate.name }))) e.preventDefault();
                }}
              >
                {t("action.delete")}
              </SubmitButton>
            </>
          ) : (
            <SubmitButton intent="create">{t("action.add")}</SubmitButton>
          )
        ) : null}
        {rate ? (
          <span className="text-xs text-stone-500">
            {rate.isDefault ? `${t("catalog.taxRates.default")} · ` : ""}
            {inUse ? t("catalog.taxRates.usedBy", { count: rate.formatCount }) : t("catalog.taxRates.unused")} · {fmt.percent(rate.rateBps)}
          </span>
        ) : null}
      </div>
    </Form>
  );
}

export function ErrorBoundary() {
  const t = useT();
  const { org } = useOrgLayout();
  return <RouteErrorBoundary backTo={`/o/${org.slug}/catalog`} backLabel={t("catalog.backToCatalog")} />;
}
