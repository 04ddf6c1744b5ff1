import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card";
import { useLanguage, useT } from "~/components/i18n";
import { FormError, TextField } from "~/components/ui/field";
import { SubmitButton } from "~/components/ui/submit-button";
import { requestLanguage, safeRedirectPath } from "~/http/context.server";
import { runFormAction, type FormErrorData } from "~/http/page-errors.server";
import { signUp } from "~/modules/auth/auth.server";
import { startSession } from "~/utils/session.server";
import { formDataToObject } from "~/utils/validation";

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.user) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = formDataToObject(await request.formData());
  return runFormAction(requestLanguage(request, context), values, async () => {
    const user = await signUp(values, context.clientIp);
    // After sign-up: follow an invitation link if there was one, else create a first organization.
    return redirect(safeRedirectPath(values.redirectTo as string | undefined, "/orgs/new"), {
      headers: { "Set-Cookie": await startSession(user.id) },
    });
  });
}

export default function SignupPage() {
  const t = useT();
  const language = useLanguage();
  const data = useActionData<FormErrorData>();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "";
  const v = (k: string) => (data?.values[k] as string | undefined) ?? "";
  return (
    <AuthCard
      title={t("auth.signup.title")}
      footer={
        <>
          {t("auth.signup.haveAccount")}{" "}
          <Link className="link" to={`/login${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`}>
            {t("auth.login.submit")}
          </Link>
        </>
      }
    >
      <Form method="post" className="space-y-4" noValidate>
        <FormError message={data?.formError} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <input type="hidden" name="locale" value={language} />
        <TextField label={t("auth.name")} name="name" autoComplete="name" required autoFocus defaultValue={v("name")} error={data?.fieldErrors.name} />
        <TextField
          label={t("common.email")}
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={v("email") || params.get("email") || ""}
          error={data?.fieldErrors.email}
        />
        <TextField
          label={t("auth.password")}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          hint={t("auth.passwordHint")}
          error={data?.fieldErrors.password}
        />
        <SubmitButton className="btn-primary w-full">{t("auth.signup.submit")}</SubmitButton>
      </Form>
    </AuthCard>
  );
}
