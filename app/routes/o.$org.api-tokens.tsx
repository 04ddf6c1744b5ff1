import { RouteErrorBoundary } from "~/components/ui/route-error";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useFormat, useT } from "~/components/i18n";
import { useOrgLayout } from "~/components/org-nav";
import { FormError, TextField } from "~/components/ui/field";
import { Card, EmptyState, PageHeader } from "~/components/ui/layout";
import { SubmitButton } from "~/components/ui/submit-button";
import { handleOrgForm, loadOrgPage } from "~/http/org-route.server";
import type { FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { createApiToken, listApiTokens, revokeApiToken } from "~/modules/api-token/api-token.server";
import { AppError } from "~/utils/errors";

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) =>
    json({ tokens: await listApiTokens(actor) }, { headers: { "Cache-Control": "no-store" } }),
  );
}

type Created = { ok: true; created: { name: string; token: string } };

export async function action(args: ActionFunctionArgs) {
  return handleOrgForm(args, async ({ actor, t, values }) => {
    switch (values.intent) {
      case "create": {
        const { token } = await createApiToken(actor, values);
        // The plain token exists only in this response: it is shown once, never stored, never cached.
        return json<Created>(
          { ok: true, created: { name: String(values.name).trim(), token } },
          { headers: { "Cache-Control": "no-store" } },
        );
      }
      case "revoke": {
        await revokeApiToken(actor, typeof values.id === "string" ? values.id : "");
        return redirectWithToast(`/o/${actor.orgSlug}/api-tokens`, t("tokens.revokedDone"));
      }
      default:
        throw new AppError("validation_failed", "error.validation_failed");
    }
  });
}

export default function ApiTokensPage() {
  const t = useT();
  const format = useFormat();
  const { org } = useOrgLayout();
  const { tokens } = useLoaderData<typeof loader>();
  const data = useActionData<FormErrorData | Created>();
  const created = data?.ok ? data.created : undefined;
  const failed = data && !data.ok ? data : undefined;
  const createErrors = failed?.values.intent === "create" ? failed : undefined;
  const otherError = failed && !createErrors ? failed.formError : undefined;

  return (
    <>
      <PageHeader
        title={t("tokens.title")}
        description={t("tokens.intro", { org: org.name })}
        actions={
          <a href="/api/v1/openapi.json" className="btn-secondary">
            {t("tokens.docs")}
          </a>
        }
      />
      {otherError ? (
        <div className="mb-4">
          <FormError message={otherError} />
        </div>
      ) : null}
      {created ? <CreatedToken name={created.name} token={created.token} /> : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="tokens-heading" className="lg:col-span-2">
          <h2 id="tokens-heading" className="mb-3 text-base font-semibold">
            {t("tokens.list")}
          </h2>
          {tokens.length === 0 ? (
            <EmptyState title={t("tokens.empty")} description={t("tokens.emptyHint", { org: org.name })} />
          ) : (
            <div className="card overflow-x-auto">
              <table className="table-base">
                <thead>
                  <tr>
                    <th scope="col">{t("common.name")}</th>
                    <th scope="col">{t("tokens.prefix")}</th>
                    <th scope="col">{t("common.createdAt")}</th>
                    <th scope="col">{t("tokens.lastUsed")}</th>
                    <th scope="col">{t("common.status")}</th>
                    <th scope="col">
                      <span className="sr-only">{t("common.actions")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {tokens.map((token) => (
                    <tr key={token.id} className={`[&>td]:align-middle ${token.revokedAt ? "text-stone-500" : ""}`}>
                      <td className="font-medium">{token.name}</td>
                      <td>
                        <code className="rounded bg-stone-100 px-1.5 py-0.5 font-mono text-xs">{`${token.prefix}…`}</code>
                      </td>
                      <td className="whitespace-nowrap">{format.date(token.createdAt)}</td>
                      <td className="whitespace-nowrap">{token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t("tokens.never")}</td>
                      <td>
                        {token.revokedAt ? (
                          <span className="badge bg-stone-100 text-stone-600">
                            {t("tokens.revokedOn", { date: format.date(token.revokedAt) })}
                          </span>
                        ) : (
                          <span className="badge bg-green-100 text-green-800">{t("tokens.active")}</span>
                        )}
                      </td>
                      <td className="text-right">
                        {token.revokedAt ? null : (
                          <Form
                            method="post"
                            onSubmit={(e) => {
                              if (!window.confirm(t("tokens.revokeConfirm", { name: token.name }))) e.preventDefault();
                            }}
                          >
                            <input type="hidden" name="intent" value="revoke" />
                            <input type="hidden" name="id" value={token.id} />
                            <button type="submit" className="btn-ghost px-3 py-1.5 text-red-700 hover:bg-red-50">
                              {t("action.revoke")}
                              <span className="sr-only"> {token.name}</span>
                            </button>
                          </Form>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <div>
          <Card title={t("tokens.create")}>
            {/* A new key after each creation empties the form. */}
            <Form key={created?.token ?? "new"} method="post" className="space-y-4" noValidate>
              <input type="hidden" name="intent" value="create" />
              <FormError message={createErrors?.formError} />
              <TextField
                label={t("tokens.name")}
                name="name"
                required
                maxLength={80}
                autoComplete="off"
                hint={t("tokens.nameHint")}
                defaultValue={(createErrors?.values.name as string | undefined) ?? ""}
                error={createErrors?.fieldErrors.name}
              />
              <SubmitButton className="btn-primary w-full">{t("tokens.createSubmit")}</SubmitButton>
            </Form>
          </Card>
        </div>
      </div>
    </>
  );
}

/** The plain token, once. Without JavaScript the field can be selected and copied by hand. */
function CreatedToken({ name, token }: { name: string; token: string }) {
  const t = useT();
  const [hydrated, setHydrated] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setHydrated(true), []);
  return (
    <section role="status" aria-live="polite" className="card mb-6 bg-green-50 p-5 ring-green-200">
      <h2 className="text-base font-semibold text-green-900">{t("tokens.created", { name })}</h2>
      <p className="mt-1 text-sm font-medium text-green-900">{t("tokens.copyNow")}</p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-end">
        <TextField
          label={t("tokens.plainLabel")}
          className="flex-1"
          id="new-api-token"
          readOnly
          value={token}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
          autoComplete="off"
        />
        {hydrated ? (
          <button
            type="button"
            className="btn-secondary"
            onClick={async () => {
              await navigator.clipboard.writeText(token);
              setCopied(true);
            }}
          >
            {copied ? t("tokens.copied") : t("tokens.copy")}
          </button>
        ) : null}
      </div>
      <p className="mt-2 text-xs text-stone-600">{t("tokens.usage")}</p>
    </section>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
