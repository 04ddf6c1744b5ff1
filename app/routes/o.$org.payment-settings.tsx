import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/components/i18n";
import { useCan } from "~/components/org-nav";
import { FormError, TextField } from "~/components/ui/field";
import { Card, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { SubmitButton } from "~/components/ui/submit-button";
import { handleOrgForm, loadOrgPage } from "~/http/org-route.server";
import type { FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { getPaymentSettings, updatePaymentSettings } from "~/modules/payment/stripe-settings.server";

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

// /o/:org/payment-settings — a producer's Stripe Connect account, where its customers' online
// payments go (direct charges on that account). The OWNER changes it; other members read it.
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => json(await getPaymentSettings(actor)));
}

export async function action(args: ActionFunctionArgs) {
  return handleOrgForm(args, async ({ actor, t, values }) => {
    const settings = await updatePaymentSettings(actor, values);
    return redirectWithToast(`/o/${actor.orgSlug}/payment-settings`, t(settings.stripeAccountId ? "paysettings.saved" : "paysettings.removed"));
  });
}

export default function PaymentSettingsPage() {
  const t = useT();
  const can = useCan();
  const settings = useLoaderData<typeof loader>();
  const data = useActionData<FormErrorData>();
  const status = !settings.stripeConfigured
    ? t("paysettings.status.serverOff")
    : settings.stripeAccountId
      ? t("paysettings.status.on")
      : t("paysettings.status.noAccount");
  return (
    <>
      <PageHeader title={t("paysettings.title")} description={t("paysettings.intro")} />
      <div className="max-w-2xl space-y-6">
        <div role="status" className={`rounded-md p-3 text-sm ring-1 ${settings.stripeConfigured && settings.stripeAccountId ? "bg-emerald-50 text-emerald-900 ring-emerald-200" : "bg-amber-50 text-amber-900 ring-amber-200"}`}>
          {status}
        </div>
        <Card title={t("paysettings.stripe")}>
          {can("payment-settings:update") ? (
            <Form method="post" className="space-y-4" noValidate>
              <FormError message={data?.formError} />
              <TextField
                label={t("paysettings.accountId")}
                name="stripeAccountId"
                placeholder="acct_…"
                defaultValue={(data?.values.stripeAccountId as string | undefined) ?? settings.stripeAccountId ?? ""}
                error={data?.fieldErrors.stripeAccountId}
                hint={t("paysettings.accountIdHint")}
                autoComplete="off"
              />
              <div className="flex justify-end">
                <SubmitButton>{t("action.save")}</SubmitButton>
              </div>
            </Form>
          ) : (
            <div className="text-sm">
              <dl>
                <dt className="font-medium text-stone-600">{t("paysettings.accountId")}</dt>
                <dd className="mt-1 font-mono">{settings.stripeAccountId ?? t("paysettings.none")}</dd>
              </dl>
              <p className="mt-4 text-stone-500">{t("paysettings.ownerOnly")}</p>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
