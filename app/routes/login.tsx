import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card";
import { useT } from "~/components/i18n";
import { FormError, TextField } from "~/components/ui/field";
import { SubmitButton } from "~/components/ui/submit-button";
import { requestLanguage, safeRedirectPath } from "~/http/context.server";
import { runFormAction, type FormErrorData } from "~/http/page-errors.server";
import { logIn } from "~/modules/auth/auth.server";
import { formDataToObject } from "~/utils/validation";
import { startSession } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.user) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = formDataToObject(await request.formData());
  return runFormAction(requestLanguage(request, context), values, async () => {
    const user = await logIn(values, context.clientIp);
    return redirect(safeRedirectPath(values.redirectTo as string | undefined), {
      headers: { "Set-Cookie": await startSession(user.id) },
    });
  });
}

export default function LoginPage() {
  const t = useT();
  const data = useActionData<FormErrorData>();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "";
  return (
    <AuthCard
      title={t("auth.login.title")}
      footer={
        <>
          {t("auth.login.noAccount")}{" "}
          <Link className="link" to={`/signup${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`}>
            {t("auth.signup.submit")}
          </Link>
        </>
      }
    >
      <Form method="post" className="space-y-4" noValidate>
        <FormError message={data?.formError} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          label={t("common.email")}
          name="email"
          type="email"
          autoComplete="email"
          required
          autoFocus
          defaultValue={(data?.values.email as string) ?? ""}
          error={data?.fieldErrors.email}
        />
        <TextField
          label={t("auth.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={data?.fieldErrors.password}
        />
        <div className="flex items-center justify-between">
          <Link to="/forgot-password" className="link text-sm">
            {t("auth.login.forgot")}
          </Link>
          <SubmitButton>{t("auth.login.submit")}</SubmitButton>
        </div>
      </Form>
    </AuthCard>
  );
}
