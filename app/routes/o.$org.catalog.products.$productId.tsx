import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ActiveBadge, CheckboxField, ProductFields, useDecimalInput } from "~/components/catalog";
import { useFormat, useT } from "~/components/i18n";
import { useCan, useOrgLayout } from "~/components/org-nav";
import { FormError, SelectField, TextField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { SubmitButton } from "~/components/ui/submit-button";
import { handleOrgForm, loadOrgPage } from "~/http/org-route.server";
import type { FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { createFormat, getOwnProduct, setFormatActive, updateFormat, updateProduct } from "~/modules/catalog/products.server";
import { validationError } from "~/utils/errors";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.product.name} · Comptoir` : "Comptoir" }];

export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => json(await getOwnProduct(actor, args.params.productId ?? "")));
}

export async function action(args: ActionFunctionArgs) {
  const productId = args.params.productId ?? "";
  return handleOrgForm(args, async ({ actor, t, values }) => {
    const formatId = typeof values.formatId === "string" ? values.formatId : "";
    const here = `/o/${actor.orgSlug}/catalog/products/${productId}`;
    switch (values.intent) {
      case "product": {
        const product = await updateProduct(actor, productId, values);
        return redirectWithToast(here, t("catalog.product.saved", { name: product.name }));
      }
      case "createFormat": {
        const format = await createFormat(actor, productId, values);
        return redirectWithToast(`${here}#formats`, t("catalog.format.created", { name: format.name }));
      }
      case "updateFormat": {
        const format = await updateFormat(actor, productId, formatId, values);
        return redirectWithToast(`${here}#formats`, t("catalog.format.saved", { name: format.name }));
      }
      case "deactivateFormat":
      case "activateFormat": {
        const format = await setFormatActive(actor, productId, formatId, values.intent === "activateFormat");
        return redirectWithToast(`${here}#formats`, t(format.active ? "catalog.format.activated" : "catalog.format.deactivated", { name: format.name }));
      }
      default:
        throw validationError({ intent: "field.invalid" });
    }
  });
}

type LoaderData = SerializeFrom<typeof loader>;

/** Disabled inputs (a reader's view) look read-only rather than editable. */
const READ_ONLY_INPUTS = "[&_.input:disabled]:bg-stone-50 [&_.input:disabled]:text-stone-700 [&_.input:disabled]:shadow-none";

export default function ProductPage() {
  const t = useT();
  const { product, taxRates, families } = useLoaderData<typeof loader>();
  const data = useActionData<FormErrorData>();
  const { org } = useOrgLayout();
  const canWrite = useCan()("catalog:write");
  const productErrors = data?.values.intent === "product" ? data : undefined;
  const pv = (k: string) => (productErrors?.values[k] as string | undefined) ?? "";
  const otherError = data && !["product", "createFormat", "updateFormat"].includes(String(data.values.intent)) ? data.formError : null;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to={`/o/${org.slug}/catalog`} className="link">
          ← {t("catalog.backToCatalog")}
        </Link>
      </p>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {product.name} <ActiveBadge active={product.active} />
          </span>
        }
        description={<span className="font-mono">{product.sku}</span>}
      />
      <FormError message={otherError} />
      {canWrite ? null : <p className="mb-4 rounded-md bg-stone-100 px-4 py-3 text-sm text-stone-700">{t("catalog.readOnly")}</p>}
      <section aria-labelledby="product-details" className="card mb-8 p-6">
        <h2 id="product-details" className="mb-4 text-base font-semibold">
          {t("catalog.product.details")}
        </h2>
        <Form method="post" className="space-y-6" noValidate>
          <FormError message={productErrors?.formError} />
          <fieldset disabled={!canWrite} className={`contents ${READ_ONLY_INPUTS}`}>
            <ProductFields
              families={families}
              errors={productErrors?.fieldErrors ?? {}}
              values={
                productErrors
                  ? { name: pv("name"), sku: pv("sku"), family: pv("family"), description: pv("description"), active: productErrors.values.active === "on" }
                  : product
              }
            />
          </fieldset>
          {canWrite ? <SubmitButton intent="product">{t("action.save")}</SubmitButton> : null}
        </Form>
      </section>

      <section id="formats" aria-labelledby="formats-title" className="space-y-4">
        <div>
          <h2 id="formats-title" className="text-lg font-semibold">
            {t("catalog.product.formats")}
          </h2>
          <p className="text-sm text-stone-600">{t("catalog.format.intro")}</p>
        </div>
        {product.formats.length === 0 ? <p className="card p-4 text-sm text-stone-600">{t("catalog.product.noFormats")}</p> : null}
        <ul className="space-y-3">
          {product.formats.map((format) => (
            <li key={format.id}>
              <FormatForm
                format={format}
                taxRates={taxRates}
                canWrite={canWrite}
                errorData={data?.values.intent === "updateFormat" && data.values.formatId === format.id ? data : undefined}
              />
            </li>
          ))}
        </ul>
        {canWrite ? (
          taxRates.length === 0 ? (
            <p className="card p-4 text-sm">
              {t("catalog.format.noTaxRates")}{" "}
              <Link to={`/o/${org.slug}/catalog/tax-rates`} className="link">
                {t("catalog.taxRates.title")}
              </Link>
            </p>
          ) : (
            <div className="card p-4">
              <h3 className="mb-3 text-sm font-semibold">{t("catalog.format.new")}</h3>
              <FormatForm
                key={product.formats.length}
                taxRates={taxRates}
                canWrite
                errorData={data?.values.intent === "createFormat" ? data : undefined}
              />
            </div>
          )
        ) : null}
      </section>
    </>
  );
}

type Format = LoaderData["product"]["formats"][number];
type TaxRate = LoaderData["taxRates"][number];

/** One format's small form; without `format`, the form that adds one. */
function FormatForm({ format, taxRates, canWrite, errorData }: { format?: Format; taxRates: TaxRate[]; canWrite: boolean; errorData?: FormErrorData }) {
  const t = useT();
  const fmt = useFormat();
  const decimal = useDecimalInput();
  const errors = errorData?.fieldErrors ?? {};
  const typed = (k: string) => (errorData?.values[k] as string | undefined) ?? "";
  const defaultRate = taxRates.find((r) => r.isDefault) ?? taxRates[0];
  const values = errorData
    ? { name: typed("name"), unitPrice: typed("unitPrice"), deposit: typed("deposit"), taxRateId: typed("taxRateId"), active: errorData.values.active === "on" }
    : {
        name: format?.name ?? "",
        unitPrice: format ? decimal(format.unitPrice4, 4, 2) : "",
        deposit: format ? decimal(format.depositCents, 2, 2) : "",
        taxRateId: format?.taxRateId ?? defaultRate?.id ?? "",
        active: format?.active ?? true,
      };
  return (
    <Form
      method="post"
      noValidate
      className={format ? `card p-4 ${format.active ? "" : "bg-stone-50"}` : ""}
      aria-label={format ? t("catalog.format.formLabel", { name: format.name }) : t("catalog.format.new")}
    >
      {errorData?.formError ? (
        <div className="mb-3">
          <FormError message={errorData.formError} />
        </div>
      ) : null}
      {format ? <input type="hidden" name="formatId" value={format.id} /> : null}
      <fieldset disabled={!canWrite} className={`grid gap-3 sm:grid-cols-12 sm:items-start ${READ_ONLY_INPUTS}`}>
        <TextField
          className="sm:col-span-4"
          label={t("catalog.format.name")}
          name="name"
          required
          maxLength={80}
          placeholder={t("catalog.format.namePlaceholder")}
          defaultValue={values.name}
          error={errors.name}
        />
        <TextField
          className="sm:col-span-2"
          label={t("catalog.format.unitPrice")}
          name="unitPrice"
          required
          inputMode="decimal"
          autoComplete="off"
          placeholder={decimal(18500, 4, 3)}
          defaultValue={values.unitPrice}
          error={errors.unitPrice}
          hint={format ? undefined : t("catalog.format.unitPriceHint", { currency: fmt.currency })}
        />
        <TextField
          className="sm:col-span-2"
          label={t("catalog.format.deposit")}
          name="deposit"
          inputMode="decimal"
          autoComplete="off"
          placeholder={decimal(0, 2, 2)}
          defaultValue={values.deposit}
          error={errors.deposit}
          hint={format ? undefined : t("catalog.format.depositHint")}
        />
        <SelectField
          className="sm:col-span-2"
          label={t("catalog.format.taxRate")}
          name="taxRateId"
          defaultValue={values.taxRateId}
          error={errors.taxRateId}
          options={taxRates.map((r) => ({ value: r.id, label: rateLabel(r.name, fmt.percent(r.rateBps)) }))}
        />
        <div className="sm:col-span-2 sm:pt-7">
          <CheckboxField label={t("catalog.format.active")} name="active" defaultChecked={values.active} />
        </div>
      </fieldset>
      {canWrite ? (
        <div className="mt-3 flex flex-wrap gap-2">
          {format ? (
            <>
              <SubmitButton intent="updateFormat" className="btn-primary">
                {t("action.save")}
              </SubmitButton>
              {format.active ? (
                <SubmitButton intent="deactivateFormat" className="btn-secondary">
                  {t("catalog.format.deactivate")}
                </SubmitButton>
              ) : (
                <SubmitButton intent="activateFormat" className="btn-secondary">
                  {t("catalog.format.activate")}
                </SubmitButton>
              )}
              {format.active ? null : <ActiveBadge active={false} />}
            </>
          ) : (
            <SubmitButton intent="createFormat">{t("catalog.format.add")}</SubmitButton>
          )}
        </div>
      ) : null}
    </Form>
  );
}

/** "TVA 20 %" stays as is; a name without its rate ("Alcools") gets it: "Alcools (20 %)". */
function rateLabel(name: string, percent: string): string {
  const bare = (text: string) => text.replace(/[\s\u00a0\u202f]/g, "");
  return bare(name).includes(bare(percent)) ? name : `${name} (${percent})`;
}

export function ErrorBoundary() {
  const t = useT();
  const { org } = useOrgLayout();
  return <RouteErrorBoundary backTo={`/o/${org.slug}/catalog`} backLabel={t("catalog.backToCatalog")} />;
}
