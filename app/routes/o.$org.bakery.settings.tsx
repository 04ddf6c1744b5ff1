import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { BakeryNav } from "~/components/bakery-nav";
import { useFormat, useT } from "~/components/i18n";
import { FormError, TextField } from "~/components/ui/field";
import { Card, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { SubmitButton } from "~/components/ui/submit-button";
import { handleConformForm } from "~/http/conform-form.server";
import { loadOrgPage } from "~/http/org-route.server";
import { redirectWithToast } from "~/http/toast.server";
import { getBakerySettings, updateBakerySettings } from "~/modules/production/bakery-settings.server";
import { joinFamilies } from "~/modules/production/production";
import { bakerySettingsFormSchema } from "~/modules/production/schemas";
import { requireProducerAction } from "~/modules/bakery/access.server";

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

// /o/:org/bakery/settings — the bakery's settings (bakery:settings): slicing fee, unit price decimals
// on delivery notes, intake retention, leftovers J+n and their families, the production list's families.
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    requireProducerAction(actor, "bakery:settings");
    return json(await getBakerySettings(actor));
  });
}

export async function action(args: ActionFunctionArgs) {
  return handleConformForm(args, bakerySettingsFormSchema, async ({ actor, t, value }) => {
    const { slicingFee, ...rest } = value;
    await updateBakerySettings(actor, { ...rest, slicingFee4: slicingFee });
    return redirectWithToast(`/o/${actor.orgSlug}/bakery/settings`, t("production.settings.saved"));
  });
}

/** 2000 (1/10,000) → "0,200": the fee as a person types it, with at least 3 decimals. */
function feeText(slicingFee4: number, decimalMark: string): string {
  const whole = Math.floor(slicingFee4 / 10_000);
  let fraction = String(slicingFee4 % 10_000).padStart(4, "0");
  if (fraction.endsWith("0")) fraction = fraction.slice(0, 3);
  return `${whole}${decimalMark}${fraction}`;
}

export default function BakerySettingsPage() {
  const t = useT();
  const settings = useLoaderData<typeof loader>();
  const lastResult = useActionData<SubmissionResult<string[]>>();
  const fmt = useFormat();
  // The fee as the organization writes numbers (fr-BE: "0,200"), whatever the interface's language.
  const decimalMark = new Intl.NumberFormat(fmt.locale).formatToParts(1.5).find((part) => part.type === "decimal")?.value ?? ",";
  const [form, fields] = useForm({
    lastResult,
    defaultValue: {
      slicingFee: feeText(settings.slicingFee4, decimalMark),
      unitPriceDecimals: String(settings.unitPriceDecimals),
      intakeRetentionDays: String(settings.intakeRetentionDays),
      leftoverOffsetDays: String(settings.leftoverOffsetDays),
      leftoverFamilies: joinFamilies(settings.leftoverFamilies),
      productionFamilies: joinFamilies(settings.productionFamilies),
    },
    shouldRevalidate: "onBlur",
  });
  const number = { inputMode: "numeric" as const, className: "sm:col-span-1" };
  return (
    <>
      <BakeryNav />
      <PageHeader title={t("production.settings.title")} description={t("production.settings.intro")} />
      <Card className="max-w-3xl">
        <Form method="post" {...getFormProps(form)} className="space-y-5">
          <FormError message={form.errors?.join(" ")} />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label={t("production.settings.slicingFee")} hint={t("production.settings.slicingFeeHint")} error={fields.slicingFee.errors?.join(" ")} inputMode="decimal" {...getInputProps(fields.slicingFee, { type: "text" })} key={fields.slicingFee.key} />
            <TextField label={t("production.settings.unitPriceDecimals")} hint={t("production.settings.unitPriceDecimalsHint")} error={fields.unitPriceDecimals.errors?.join(" ")} {...number} {...getInputProps(fields.unitPriceDecimals, { type: "number" })} min={1} max={4} key={fields.unitPriceDecimals.key} />
            <TextField label={t("production.settings.intakeRetentionDays")} hint={t("production.settings.intakeRetentionDaysHint")} error={fields.intakeRetentionDays.errors?.join(" ")} {...number} {...getInputProps(fields.intakeRetentionDays, { type: "number" })} min={0} max={365} key={fields.intakeRetentionDays.key} />
            <TextField label={t("production.settings.leftoverOffsetDays")} hint={t("production.settings.leftoverOffsetDaysHint")} error={fields.leftoverOffsetDays.errors?.join(" ")} {...number} {...getInputProps(fields.leftoverOffsetDays, { type: "number" })} min={0} max={14} key={fields.leftoverOffsetDays.key} />
            <TextField label={t("production.settings.leftoverFamilies")} hint={t("production.settings.familiesHint")} error={fields.leftoverFamilies.errors?.join(" ")} placeholder="3 8 9" {...getInputProps(fields.leftoverFamilies, { type: "text" })} key={fields.leftoverFamilies.key} />
            <TextField label={t("production.settings.productionFamilies")} hint={t("production.settings.familiesHint")} error={fields.productionFamilies.errors?.join(" ")} placeholder="3 8 9" {...getInputProps(fields.productionFamilies, { type: "text" })} key={fields.productionFamilies.key} />
          </div>
          <div className="flex justify-end">
            <SubmitButton>{t("action.save")}</SubmitButton>
          </div>
        </Form>
      </Card>
    </>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
