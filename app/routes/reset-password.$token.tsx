import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card";
import { useT } from "~/components/i18n";
import { FormError, TextField } from "~/components/ui/field";
import { SubmitButton } from "~/components/ui/submit-button";
import { requestLanguage } from "~/http/context.server";
import { runFormAction, type FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { isPasswordResetTokenUsable, resetPassword } from "~/modules/auth/auth.server";
import { makeTranslator } from "~/utils/i18n";
import { formDataToObject } from "~/utils/validation";

export async function loader({ params }: LoaderFunctionArgs) {
  return json({ usable: await isPasswordResetTokenUsable(params.token ?? "") });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const values = { ...formDataToObject(await request.formData()), token: params.token };
  const language = requestLanguage(request, context);
  return runFormAction(language, values, async () => {
    await resetPassword(values);
    return redirectWithToast("/login", makeTranslator(language)("auth.reset.done"));
  });
}

export default function ResetPasswordPage() {
  const t = useT();
  const { usable } = useLoaderData<typeof loader>();
  const data = useActionData<FormErrorData>();
  const { token } = useParams();
  return (
    <AuthCard title={t("auth.reset.title")} footer={<Link className="link" to="/login">{t("auth.backToLogin")}</Link>}>
      {usable ? (
        <Form method="post" className="space-y-4" noValidate action={`/reset-password/${token}`}>
          <FormError message={data?.formError} />
          <TextField
            label={t("auth.newPassword")}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            autoFocus
            minLength={8}
            hint={t("auth.passwordHint")}
            error={data?.fieldErrors.password}
          />
          <SubmitButton className="btn-primary w-full">{t("auth.reset.submit")}</SubmitButton>
        </Form>
      ) : (
        <div className="space-y-4">
          <FormError message={t("auth.resetLinkInvalid")} />
          <Link to="/forgot-password" className="btn-secondary">
            {t("auth.forgot.submit")}
          </Link>
        </div>
      )}
    </AuthCard>
  );
}
