import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { useT } from "~/components/i18n";
import { FormError, SelectField, TextField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/layout";
import { SubmitButton } from "~/components/ui/submit-button";
import { requestLanguage, requireUser, safeRedirectPath } from "~/http/context.server";
import { runFormAction, type FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { createOrganization } from "~/modules/org/organization.server";
import { CURRENCIES, ORG_LOCALES } from "~/modules/org/schemas";
import { makeTranslator } from "~/utils/i18n";
import { ORG_KINDS } from "~/utils/permissions";
import { formDataToObject } from "~/utils/validation";

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireUser(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const values = formDataToObject(await request.formData());
  const language = requestLanguage(request, context);
  return runFormAction(language, values, async () => {
    const org = await createOrganization(user.id, values);
    // Back to where the user came from (e.g. a relation invitation to accept with the new organization).
    const next = safeRedirectPath(values.redirectTo as string | undefined, `/o/${org.slug}`);
    return redirectWithToast(next, makeTranslator(language)("org.created", { name: org.name }));
  });
}

function slugify(name: string) {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
}

export default function NewOrganizationPage() {
  const t = useT();
  const data = useActionData<FormErrorData>();
  const [params] = useSearchParams();
  const v = (k: string) => (data?.values[k] as string | undefined) ?? "";
  const suggestedKind = ORG_KINDS.find((k) => k === params.get("kind")) ?? "PRODUCER";
  const [slug, setSlug] = useState(v("slug"));
  const [slugEdited, setSlugEdited] = useState(Boolean(v("slug")));
  return (
    <main className="mx-auto max-w-xl px-4 py-12">
      <Link to="/" className="text-2xl font-bold tracking-tight text-brand-700">
        {t("app.name")}
      </Link>
      <div className="mt-6">
        <PageHeader title={t("org.new.title")} description={t("org.new.intro")} />
      </div>
      <Form method="post" className="card space-y-4 p-6" noValidate>
        <FormError message={data?.formError} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <TextField
          label={t("org.name")}
          name="name"
          required
          autoFocus
          defaultValue={v("name")}
          error={data?.fieldErrors.name}
          onChange={(e) => {
            if (!slugEdited) setSlug(slugify(e.currentTarget.value));
          }}
        />
        <TextField
          label={t("org.slug")}
          name="slug"
          required
          value={slug}
          onChange={(e) => {
            setSlugEdited(true);
            setSlug(e.currentTarget.value);
          }}
          hint={t("org.slugHint", { slug: slug || "…" })}
          error={data?.fieldErrors.slug}
        />
        <fieldset>
          <legend className="label">{t("org.kind")}</legend>
          <div className="mt-2 grid grid-cols-2 gap-2">
            {ORG_KINDS.map((kind) => (
              <label key={kind} className="flex cursor-pointer items-center gap-2 rounded-md p-3 ring-1 ring-stone-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-500">
                <input type="radio" name="kind" value={kind} defaultChecked={(v("kind") || suggestedKind) === kind} />
                <span className="text-sm">{t(`kind.${kind}`)}</span>
              </label>
            ))}
          </div>
          {data?.fieldErrors.kind ? <p className="mt-1 text-sm text-red-700">{data.fieldErrors.kind}</p> : null}
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t("org.locale")}
            name="locale"
            defaultValue={v("locale") || "fr-FR"}
            options={ORG_LOCALES.map((l) => ({ value: l, label: l }))}
          />
          <SelectField
            label={t("org.currency")}
            name="currency"
            defaultValue={v("currency") || "EUR"}
            options={CURRENCIES.map((c) => ({ value: c, label: c }))}
          />
        </div>
        <SubmitButton className="btn-primary w-full">{t("org.new.submit")}</SubmitButton>
      </Form>
    </main>
  );
}
