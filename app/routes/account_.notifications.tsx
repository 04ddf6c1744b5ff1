import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppShell } from "~/components/app-header";
import { useT } from "~/components/i18n";
import { FormError } from "~/components/ui/field";
import { Card, PageHeader } from "~/components/ui/layout";
import { SubmitButton } from "~/components/ui/submit-button";
import { requestLanguage, requireUser } from "~/http/context.server";
import { runFormAction, type FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { NOTIFICATION_KINDS } from "~/modules/notify/kinds";
import { getNotificationPreferences, updateNotificationPreferences } from "~/modules/notify/preferences.server";
import { makeTranslator } from "~/utils/i18n";
import { formDataToObject } from "~/utils/validation";

// /account/notifications — the user's email settings: one switch per kind of event (new orders,
// status changes, messages, invoices). A plain form: an unchecked box is "off".

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return json({ preferences: await getNotificationPreferences(user.id) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const values = formDataToObject(await request.formData());
  const language = requestLanguage(request, context);
  return runFormAction(language, values, async () => {
    await updateNotificationPreferences(user.id, values);
    return redirectWithToast("/account/notifications", makeTranslator(language)("notify.saved"));
  });
}

export default function NotificationSettingsPage() {
  const t = useT();
  const { preferences } = useLoaderData<typeof loader>();
  const failed = useActionData<FormErrorData>();
  return (
    <AppShell>
      <p className="mb-2 text-sm">
        <Link to="/account" className="link">
          ← {t("notify.backToAccount")}
        </Link>
      </p>
      <PageHeader title={t("notify.title")} description={t("notify.intro")} />
      <Card>
        <Form method="post" className="space-y-4">
          <FormError message={failed?.formError} />
          <fieldset className="space-y-4">
            <legend className="sr-only">{t("notify.title")}</legend>
            {NOTIFICATION_KINDS.map((kind) => (
              <div key={kind} className="flex items-start gap-3">
                <input id={`notify-${kind}`} name={kind} type="checkbox" defaultChecked={preferences[kind]} className="mt-1 h-4 w-4" aria-describedby={`notify-${kind}-hint`} />
                <div>
                  <label htmlFor={`notify-${kind}`} className="font-medium text-stone-900">
                    {t(`notify.kind.${kind}`)}
                  </label>
                  <p id={`notify-${kind}-hint`} className="text-sm text-stone-600">
                    {t(`notify.kind.${kind}.hint`)}
                  </p>
                </div>
              </div>
            ))}
          </fieldset>
          <div className="flex justify-end">
            <SubmitButton>{t("notify.save")}</SubmitButton>
          </div>
        </Form>
      </Card>
    </AppShell>
  );
}
