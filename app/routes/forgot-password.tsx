import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card";
import { useT } from "~/components/i18n";
import { FormError, TextField } from "~/components/ui/field";
import { SubmitButton } from "~/components/ui/submit-button";
import { requestLanguage } from "~/http/context.server";
import { runFormAction, type FormErrorData } from "~/http/page-errors.server";
import { requestPasswordReset } from "~/modules/auth/auth.server";
import { formDataToObject } from "~/utils/validation";

export async function action({ request, context }: ActionFunctionArgs) {
  const values = formDataToObject(await request.formData());
  const language = requestLanguage(request, context);
  return runFormAction(language, values, async () => {
    await requestPasswordReset(values, language, context.clientIp);
    return json({ ok: true as const });
  });
}

export default function ForgotPasswordPage() {
  const t = useT();
  const data = useActionData<FormErrorData | { ok: true }>();
  const failed = data && !data.ok ? data : undefined;
  return (
    <AuthCard title={t("auth.forgot.title")} footer={<Link className="link" to="/login">{t("auth.backToLogin")}</Link>}>
      {data?.ok ? (
        <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-800 ring-1 ring-green-200">
          {t("auth.forgot.sent")}
        </p>
      ) : (
        <Form method="post" className="space-y-4" noValidate>
          <p className="text-sm text-stone-600">{t("auth.forgot.intro")}</p>
          <FormError message={failed?.formError} />
          <TextField
            label={t("common.email")}
            name="email"
            type="email"
            autoComplete="email"
            required
            autoFocus
            defaultValue={(failed?.values.email as string) ?? ""}
            error={failed?.fieldErrors.email}
          />
          <SubmitButton className="btn-primary w-full">{t("auth.forgot.submit")}</SubmitButton>
        </Form>
      )}
    </AuthCard>
  );
}
