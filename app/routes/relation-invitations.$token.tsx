import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card";
import { useT } from "~/components/i18n";
import { FormError } from "~/components/ui/field";
import { SubmitButton } from "~/components/ui/submit-button";
import { requestLanguage, requireUser } from "~/http/context.server";
import { runFormAction, type FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import {
  acceptRelationInvitation,
  listInvitationCandidates,
  lookupRelationInvitation,
} from "~/modules/relation/relation.server";
import { formatDate, makeTranslator } from "~/utils/i18n";
import { formDataToObject } from "~/utils/validation";

export const meta: MetaFunction = () => [{ title: "Comptoir" }, { name: "robots", content: "noindex" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const lookup = await lookupRelationInvitation(params.token ?? "");
  if (lookup.state !== "valid") {
    return json(
      { state: lookup.state, producerName: lookup.state === "expired" ? lookup.producerName : null, invitation: null, loggedIn: Boolean(context.user), candidates: [] },
      { status: lookup.state === "expired" ? 410 : 404 },
    );
  }
  const language = requestLanguage(request, context);
  const candidates = context.user ? await listInvitationCandidates(context.user.id, lookup) : [];
  return json({
    state: lookup.state,
    producerName: lookup.producer.name,
    invitation: {
      producer: lookup.producer.name,
      kind: lookup.kind,
      partnerKind: lookup.partnerKind,
      invitedEmail: lookup.invitedEmail,
      expiresOn: formatDate(lookup.expiresAt, language === "fr" ? "fr-FR" : "en-GB"),
    },
    loggedIn: Boolean(context.user),
    candidates,
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const language = requestLanguage(request, context);
  const values = formDataToObject(await request.formData());
  return runFormAction(language, values, async () => {
    const accepted = await acceptRelationInvitation(user, params.token ?? "", values);
    return redirectWithToast(
      `/o/${accepted.organization.slug}/relations/${accepted.relationId}`,
      makeTranslator(language)("relations.invitation.accepted", { producer: accepted.producer.name }),
    );
  });
}

export default function RelationInvitationPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<FormErrorData>();
  const location = useLocation();
  const back = encodeURIComponent(location.pathname);

  if (data.state !== "valid" || !data.invitation) {
    const expired = data.state === "expired";
    return (
      <AuthCard title={expired ? t("relations.invitation.expiredTitle") : t("relations.invitation.invalidTitle")}>
        <p className="text-sm text-stone-700">
          {expired ? t("relations.invitation.expiredFrom", { producer: data.producerName ?? "" }) : t("relations.invitation.invalid")}
        </p>
        <Link to="/" className="btn-primary mt-6">
          {t("relations.invitation.goHome")}
        </Link>
      </AuthCard>
    );
  }

  const inv = data.invitation;
  const partnerKind = t(`kind.${inv.partnerKind}`);
  const eligible = data.candidates.filter((c) => !c.alreadyRelated);
  const createOrgUrl = `/orgs/new?kind=${inv.partnerKind}&redirectTo=${back}`;
  return (
    <AuthCard title={t("relations.invitation.title", { producer: inv.producer })}>
      <div className="space-y-3 text-sm text-stone-700">
        <p>{t("relations.invitation.intro", { producer: inv.producer })}</p>
        <p className="font-medium text-stone-900">{t("relations.invitation.kindLine", { kind: t(`relations.kind.${inv.kind}`) })}</p>
        <p className="text-stone-600">{t("relations.invitation.sentTo", { email: inv.invitedEmail, date: inv.expiresOn })}</p>
      </div>
      {!data.loggedIn ? (
        <div className="mt-6 space-y-4">
          <p className="text-sm">{t("relations.invitation.loggedOut")}</p>
          <div className="flex flex-wrap gap-3">
            <Link to={`/login?redirectTo=${back}`} className="btn-primary">
              {t("relations.invitation.login")}
            </Link>
            <Link to={`/signup?redirectTo=${back}&email=${encodeURIComponent(inv.invitedEmail)}`} className="btn-secondary">
              {t("relations.invitation.signup")}
            </Link>
          </div>
        </div>
      ) : (
        <div className="mt-6 space-y-6">
          {data.candidates.length > 0 ? (
            <Form method="post" className="space-y-4" noValidate>
              <FormError message={result?.formError} />
              <fieldset aria-describedby={result?.fieldErrors.organization ? "organization-error" : undefined}>
                <legend className="label">{t("relations.invitation.choose")}</legend>
                <div className="mt-2 space-y-2">
                  {data.candidates.map((c) => (
                    <label
                      key={c.slug}
                      className={`flex items-center gap-3 rounded-md p-3 ring-1 ring-stone-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-500 ${
                        c.alreadyRelated ? "cursor-not-allowed opacity-60" : "cursor-pointer"
                      }`}
                    >
                      <input
                        type="radio"
                        name="organization"
                        value={c.slug}
                        disabled={c.alreadyRelated}
                        defaultChecked={c.slug === (result?.values.organization ?? eligible[0]?.slug) && !c.alreadyRelated}
                      />
                      <span className="text-sm">
                        <span className="font-medium">{c.name}</span>
                        {c.alreadyRelated ? (
                          <span className="block text-xs text-stone-500">{t("relations.invitation.alreadyRelated", { producer: inv.producer })}</span>
                        ) : null}
                      </span>
                    </label>
                  ))}
                </div>
                {result?.fieldErrors.organization ? (
                  <p id="organization-error" className="mt-1 text-sm text-red-700" role="alert">
                    {result.fieldErrors.organization}
                  </p>
                ) : null}
              </fieldset>
              {eligible.length > 0 ? (
                <SubmitButton className="btn-primary w-full">{t("relations.invitation.submit")}</SubmitButton>
              ) : (
                <p className="text-sm">{t("relations.invitation.none", { kind: partnerKind })}</p>
              )}
            </Form>
          ) : (
            <>
              <FormError message={result?.formError} />
              <p className="text-sm">{t("relations.invitation.none", { kind: partnerKind })}</p>
            </>
          )}
          <div className="border-t border-stone-200 pt-4 text-sm">
            <p className="text-stone-600">{t("relations.invitation.createOrgHint", { kind: partnerKind })}</p>
            <Link to={createOrgUrl} className="btn-secondary mt-3">
              {t("relations.invitation.createOrg")}
            </Link>
          </div>
        </div>
      )}
    </AuthCard>
  );
}
