import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useDecimalInput } from "~/components/catalog";
import { useFormat, useT } from "~/components/i18n";
import { useCan, useOrgLayout } from "~/components/org-nav";
import { FormError, TextField } from "~/components/ui/field";
import { EmptyState, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { SubmitButton } from "~/components/ui/submit-button";
import { requestLanguage, requireOrgActor } from "~/http/context.server";
import { pageError, runFormAction, type FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { createCustomerGroup, deleteCustomerGroup, listCustomerGroups, updateCustomerGroup } from "~/modules/catalog/customer-groups.server";
import { validationError } from "~/utils/errors";
import { makeTranslator } from "~/utils/i18n";
import { formDataToObject } from "~/utils/validation";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireOrgActor(request, context, params);
  try {
    return json({ groups: await listCustomerGroups(actor) });
  } catch (error) {
    throw pageError(error, requestLanguage(request, context));
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor } = await requireOrgActor(request, context, params);
  const language = requestLanguage(request, context);
  const t = makeTranslator(language);
  const values = formDataToObject(await request.formData());
  const id = typeof values.id === "string" ? values.id : "";
  const here = `/o/${actor.orgSlug}/catalog/groups`;
  return runFormAction(language, values, async () => {
    switch (values.intent) {
      case "create": {
        const group = await createCustomerGroup(actor, values);
        return redirectWithToast(here, t("catalog.groups.created", { name: group.name }));
      }
      case "update": {
        const group = await updateCustomerGroup(actor, id, values);
        return redirectWithToast(here, t("catalog.groups.saved", { name: group.name }));
      }
      case "delete": {
        const { name, detached } = await deleteCustomerGroup(actor, id);
        return redirectWithToast(
          here,
          detached > 0 ? t("catalog.groups.deletedDetached", { name, count: detached }) : t("catalog.groups.deleted", { name }),
        );
      }
      default:
        throw validationError({ intent: "field.invalid" });
    }
  });
}

type Group = SerializeFrom<typeof loader>["groups"][number];

export default function CustomerGroupsPage() {
  const t = useT();
  const { groups } = useLoaderData<typeof loader>();
  const data = useActionData<FormErrorData>();
  const { org } = useOrgLayout();
  const canWrite = useCan()("catalog:write");
  const errorsFor = (intent: string, id?: string) => (data && data.values.intent === intent && (id === undefined || data.values.id === id) ? data : undefined);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to={`/o/${org.slug}/catalog`} className="link">
          ← {t("catalog.backToCatalog")}
        </Link>
      </p>
      <PageHeader title={t("catalog.groups.title")} description={t("catalog.groups.intro")} />
      {groups.length === 0 ? (
        <div className="mb-8">
          <EmptyState title={t("catalog.groups.empty.title")} description={t("catalog.groups.empty.description")} />
        </div>
      ) : (
        <ul className="mb-8 space-y-3">
          {groups.map((group) => (
            <li key={group.id}>
              <GroupForm group={group} canWrite={canWrite} errorData={errorsFor("update", group.id) ?? errorsFor("delete", group.id)} />
            </li>
          ))}
        </ul>
      )}
      {canWrite ? (
        <section aria-labelledby="new-group" className="card max-w-3xl p-5">
          <h2 id="new-group" className="mb-3 text-base font-semibold">
            {t("catalog.groups.new")}
          </h2>
          <GroupForm key={groups.length} canWrite errorData={errorsFor("create")} />
        </section>
      ) : null}
    </>
  );
}

function GroupForm({ group, canWrite, errorData }: { group?: Group; canWrite: boolean; errorData?: FormErrorData }) {
  const t = useT();
  const fmt = useFormat();
  const decimal = useDecimalInput();
  const editing = errorData && errorData.values.intent !== "delete";
  const errors = editing ? errorData.fieldErrors : {};
  const typed = (k: string) => (errorData?.values[k] as string | undefined) ?? "";
  const values = editing
    ? { name: typed("name"), discount: typed("discount") }
    : { name: group?.name ?? "", discount: group ? decimal(group.discountBps, 2, 0) : "" };
  return (
    <Form method="post" noValidate className={group ? "card p-4" : ""} aria-label={group ? group.name : t("catalog.groups.new")}>
      {errorData?.formError ? (
        <div className="mb-3">
          <FormError message={errorData.formError} />
        </div>
      ) : null}
      {group ? <input type="hidden" name="id" value={group.id} /> : null}
      <fieldset disabled={!canWrite} className="grid gap-3 sm:grid-cols-12 sm:items-start">
        <TextField className="sm:col-span-6" label={t("catalog.groups.name")} name="name" required maxLength={60} placeholder={t("catalog.groups.namePlaceholder")} defaultValue={values.name} error={errors.name} />
        <TextField
          className="sm:col-span-3"
          label={t("catalog.groups.discount")}
          name="discount"
          inputMode="decimal"
          placeholder="0"
          defaultValue={values.discount}
          error={errors.discount}
          hint={group ? undefined : t("catalog.groups.discountHint")}
        />
      </fieldset>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        {canWrite ? (
          group ? (
            <>
              <SubmitButton intent="update">{t("action.save")}</SubmitButton>
              <SubmitButton
                intent="delete"
                className="btn-ghost text-red-700"
                onClick={(e) => {
                  const question =
                    group.relationCount > 0
                      ? t("catalog.groups.confirmDeleteUsed", { name: group.name, count: group.relationCount })
                      : t("catalog.groups.confirmDelete", { name: group.name });
                  if (!window.confirm(question)) e.preventDefault();
                }}
              >
                {t("action.delete")}
              </SubmitButton>
            </>
          ) : (
            <SubmitButton intent="create">{t("action.add")}</SubmitButton>
          )
        ) : null}
        {group ? (
          <span className="text-xs text-stone-500">
            {t("catalog.groups.customers", { count: group.relationCount })} · {t("catalog.groups.discountShort", { discount: fmt.percent(group.discountBps) })}
          </span>
        ) : null}
      </div>
    </Form>
  );
}

export function ErrorBoundary() {
  const t = useT();
  const { org } = useOrgLayout();
  return <RouteErrorBoundary backTo={`/o/${org.slug}/catalog`} backLabel={t("catalog.backToCatalog")} />;
}
