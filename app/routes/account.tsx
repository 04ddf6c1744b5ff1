import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppShell } from "~/components/app-header";
import { useT } from "~/components/i18n";
import { FormError, SelectField, TextField } from "~/components/ui/field";
import { Card, PageHeader } from "~/components/ui/layout";
import { SubmitButton } from "~/components/ui/submit-button";
import { requestLanguage, requireUser } from "~/http/context.server";
import { runFormAction, type FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { changePassword, getAccount, requestEmailChange, updateProfile } from "~/modules/auth/auth.server";
import { AppError } from "~/utils/errors";
import { chooseLanguage, makeTranslator } from "~/utils/i18n";
import { startSession } from "~/utils/session.server";
import { formDataToObject } from "~/utils/validation";

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const account = await getAccount(user.id);
  return json({ account: { name: account.name, email: account.email, locale: account.locale ?? "", pendingEmail: account.pendingEmail } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const values = formDataToObject(await request.formData());
  const language = requestLanguage(request, context);
  const t = makeTranslator(language);
  return runFormAction(language, values, async () => {
    switch (values.intent) {
      case "profile": {
        const updated = await updateProfile(user.id, values);
        // The confirmation speaks the language just chosen.
        const next = makeTranslator(chooseLanguage(updated.locale, request.headers.get("accept-language")));
        return redirectWithToast("/account", next("auth.profile.saved"));
      }
      case "password": {
        await changePassword(user.id, values);
        return redirectWithToast("/account", t("auth.profile.passwordSaved"), {
          headers: { "Set-Cookie": await startSession(user.id) },
        });
      }
      case "email": {
        const { newEmail } = await requestEmailChange(user.id, values, language);
        return redirectWithToast("/account", t("auth.profile.emailSent", { email: newEmail }));
      }
      default:
        throw new AppError("validation_failed", "error.validation_failed");
    }
  });
}

export default function AccountPage() {
  const t = useT();
  const { account } = useLoaderData<typeof loader>();
  const data = useActionData<FormErrorData>();
  const errorsFor = (intent: string) => (data?.values.intent === intent ? data : undefined);
  const profile = errorsFor("profile");
  const password = errorsFor("password");
  const email = errorsFor("email");
  const unknownIntentError = data && !profile && !password && !email ? data.formError : undefined;

  return (
    <AppShell>
      <PageHeader title={t("auth.profile.title")} description={t("auth.profile.intro")} />
      <FormError message={unknownIntentError} />
      <p className="mb-6 text-sm">
        <Link to="/account/notifications" className="link">
          {t("notify.title")}
        </Link>
      </p>

      <Card title={t("auth.profile.details")}>
        <Form method="post" className="space-y-4" noValidate>
          <input type="hidden" name="intent" value="profile" />
          <FormError message={profile?.formError} />
          <TextField
            label={t("auth.name")}
            name="name"
            autoComplete="name"
            required
            defaultValue={(profile?.values.name as string | undefined) ?? account.name}
            error={profile?.fieldErrors.name}
          />
          <SelectField
            label={t("auth.profile.language")}
            name="locale"
            defaultValue={(profile?.values.locale as string | undefined) ?? account.locale}
            options={[
              { value: "", label: t("common.languageAuto") },
              { value: "fr", label: t("lang.fr") },
              { value: "en", label: t("lang.en") },
            ]}
            error={profile?.fieldErrors.locale}
          />
          <div className="flex justify-end">
            <SubmitButton>{t("action.save")}</SubmitButton>
          </div>
        </Form>
      </Card>

      <Card title={t("auth.profile.password")}>
        <Form method="post" className="space-y-4" noValidate>
          <input type="hidden" name="intent" value="password" />
          <p className="text-sm text-stone-600">{t("auth.profile.passwordIntro")}</p>
          <FormError message={password?.formError} />
          <input type="text" name="username" autoComplete="username" value={account.email} readOnly hidden />
          <TextField
            label={t("auth.currentPassword")}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            error={password?.fieldErrors.currentPassword}
          />
          <TextField
            label={t("auth.newPassword")}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            hint={t("auth.passwordHint")}
            error={password?.fieldErrors.password}
          />
          <div className="flex justify-end">
            <SubmitButton>{t("auth.profile.passwordSubmit")}</SubmitButton>
          </div>
        </Form>
      </Card>

      <Card title={t("auth.profile.email")}>
        <Form method="post" className="space-y-4" noValidate>
          <input type="hidden" name="intent" value="email" />
          <p className="text-sm text-stone-600">{t("auth.profile.emailCurrent", { email: account.email })}</p>
          {account.pendingEmail ? (
            <p role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
              {t("auth.profile.emailPending", { email: account.pendingEmail })}
            </p>
          ) : null}
          <FormError message={email?.formError} />
          <TextField
            label={t("auth.profile.newEmail")}
            name="newEmail"
            type="email"
            autoComplete="email"
            required
            defaultValue={(email?.values.newEmail as string | undefined) ?? ""}
            error={email?.fieldErrors.newEmail}
          />
          <TextField
            label={t("auth.profile.confirmWithPassword")}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={email?.fieldErrors.password}
          />
          <div className="flex justify-end">
            <SubmitButton>{t("auth.profile.emailSubmit")}</SubmitButton>
          </div>
        </Form>
      </Card>
    </AppShell>
  );
}
