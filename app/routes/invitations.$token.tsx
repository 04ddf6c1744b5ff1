import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { AuthCard } from "~/components/auth-card";
import { useFormat, useT } from "~/components/i18n";
import { FormError } from "~/components/ui/field";
import { SubmitButton } from "~/components/ui/submit-button";
import { requestLanguage, requireUser } from "~/http/context.server";
import { runFormAction, type FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { acceptInvitation, viewInvitation } from "~/modules/org/members.server";
import { makeTranslator } from "~/utils/i18n";

export const meta: MetaFunction = () => [{ title: "Comptoir" }, { name: "robots", content: "noindex" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const view = await viewInvitation(params.token ?? "");
  const user = context.user ? { email: context.user.email } : null;
  const status = view.state === "valid" ? 200 : view.state === "unknown" ? 404 : 410;
  // The links are secrets: never cache the page, never leak the URL to other sites.
  return json({ view, user }, { status, headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const language = requestLanguage(request, context);
  const t = makeTranslator(language);
  return runFormAction(language, {}, async () => {
    const { org, alreadyMember } = await acceptInvitation(user, params.token ?? "");
    return redirectWithToast(
      `/o/${org.slug}`,
      alreadyMember ? t("members.accept.alreadyMember", { org: org.name }) : t("members.accept.joined", { org: org.name }),
    );
  });
}

export default function InvitationPage() {
  const t = useT();
  const format = useFormat();
  const { view, user } = useLoaderData<typeof loader>();
  const failed = useActionData<FormErrorData>();
  const { pathname } = useLocation();

  if (view.state !== "valid") {
    return (
      <AuthCard title={t("members.accept.invalidTitle")}>
        <div className="space-y-4">
          <FormError message={t("members.accept.invalid")} />
          <p className="text-sm text-stone-600">{t("members.accept.askAgain")}</p>
          <Link to="/" className="btn-secondary">
            {t("error.goHome")}
          </Link>
        </div>
      </AuthCard>
    );
  }

  const role = t(`role.${view.role}`);
  const title = t("members.accept.title", { org: view.org.name });
  const intro = (
    <>
      <p className="text-sm text-stone-700">{t("members.accept.intro", { inviter: view.inviterName, org: view.org.name, role })}</p>
      <p className="text-xs text-stone-500">{t("members.accept.expiresOn", { date: format.date(view.expiresAt) })}</p>
    </>
  );

  if (!user) {
    return <LoggedOut email={view.email} intro={intro} title={title} pathname={pathname} />;
  }

  if (user.email.toLowerCase() !== view.email) {
    return (
      <AuthCard title={title}>
        <div className="space-y-4">
          {intro}
          <FormError message={t("members.accept.wrongAccount", { email: view.email })} />
          <p className="text-sm text-stone-600">{t("members.accept.loggedInAs", { email: user.email })}</p>
          <Form method="post" action="/logout">
            <input type="hidden" name="redirectTo" value={pathname} />
            <button type="submit" className="btn-secondary w-full">
              {t("members.accept.switchAccount")}
            </button>
          </Form>
        </div>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={title}>
      <Form method="post" className="space-y-4">
        {intro}
        <FormError message={failed?.formError} />
        <p className="text-sm text-stone-600">{t("members.accept.loggedInAs", { email: user.email })}</p>
        <SubmitButton className="btn-primary w-full">{t("members.accept.submit", { org: view.org.name })}</SubmitButton>
      </Form>
    </AuthCard>
  );
}

/** Not logged in: log in, or sign up with the invited address; both come back here. */
function LoggedOut({ email, intro, title, pathname }: { email: string; intro: ReactNode; title: string; pathname: string }) {
  const t = useT();
  const back = encodeURIComponent(pathname);
  return (
    <AuthCard title={title}>
      <div className="space-y-4">
        {intro}
        <Link to={`/login?redirectTo=${back}`} className="btn-primary w-full">
          {t("members.accept.loginToAccept")}
        </Link>
        <p className="text-center text-sm text-stone-600">
          {t("members.accept.newHere", { email })}{" "}
          <Link to={`/signup?redirectTo=${back}&email=${encodeURIComponent(email)}`} className="link">
            {t("members.accept.signupToAccept")}
          </Link>
        </p>
      </div>
    </AuthCard>
  );
}
