// The catalog's settings lists (tax rates, customer groups): one small form per item, then the form
// that adds one; the posted intent (and id) tells which form a returned error belongs to.
import { Form, Link, useActionData } from "@remix-run/react";
import { Fragment, useId, type ReactNode } from "react";
import { useT } from "~/components/i18n";
import { useCan, useOrgLayout } from "~/components/org-nav";
import { FormError } from "~/components/ui/field";
import { EmptyState, PageHeader } from "~/components/ui/layout";
import { SubmitButton } from "~/components/ui/submit-button";
import type { FormErrorData } from "~/http/page-errors.server";

export function CatalogSettingsPage<Item extends { id: string }>({
  title,
  intro,
  empty,
  newTitle,
  items,
  renderForm,
}: {
  title: string;
  intro: string;
  empty: { title: string; description: string };
  newTitle: string;
  items: Item[];
  /** An item's form, or without one the form that adds one, with the errors of its last post. */
  renderForm: (item: Item | undefined, errorData: FormErrorData | undefined) => ReactNode;
}) {
  const t = useT();
  const data = useActionData<FormErrorData>();
  const { org } = useOrgLayout();
  const canWrite = useCan()("catalog:write");
  const newId = useId();
  const errorsFor = (intent: string, id?: string) => (data && data.values.intent === intent && (id === undefined || data.values.id === id) ? data : undefined);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to={`/o/${org.slug}/catalog`} className="link">
          ← {t("catalog.backToCatalog")}
        </Link>
      </p>
      <PageHeader title={title} description={intro} />
      {items.length === 0 ? (
        <div className="mb-8">
          <EmptyState title={empty.title} description={empty.description} />
        </div>
      ) : (
        <ul className="mb-8 space-y-3">
          {items.map((item) => (
            <li key={item.id}>{renderForm(item, errorsFor("update", item.id) ?? errorsFor("delete", item.id))}</li>
          ))}
        </ul>
      )}
      {canWrite ? (
        <section aria-labelledby={newId} className="card max-w-3xl p-5">
          <h2 id={newId} className="mb-3 text-base font-semibold">
            {newTitle}
          </h2>
          {/* A new key after each addition empties the form. */}
          <Fragment key={items.length}>{renderForm(undefined, errorsFor("create"))}</Fragment>
        </section>
      ) : null}
    </>
  );
}

/** One item's form (save, delete) or, without `item`, the form that adds one: `children` are its fields. */
export function CatalogSettingForm({
  item,
  newTitle,
  errorData,
  confirmDelete,
  deleteRefusal,
  summary,
  children,
}: {
  item?: { id: string; name: string };
  newTitle: string;
  errorData?: FormErrorData;
  confirmDelete?: string;
  /** Why the item cannot be deleted (the delete button is then disabled). */
  deleteRefusal?: string;
  summary?: ReactNode;
  children: ReactNode;
}) {
  const t = useT();
  const canWrite = useCan()("catalog:write");
  return (
    <Form method="post" noValidate className={item ? "card p-4" : ""} aria-label={item ? item.name : newTitle}>
      {errorData?.formError ? (
        <div className="mb-3">
          <FormError message={errorData.formError} />
        </div>
      ) : null}
      {item ? <input type="hidden" name="id" value={item.id} /> : null}
      <fieldset disabled={!canWrite} className="grid gap-3 sm:grid-cols-12 sm:items-start">
        {children}
      </fieldset>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        {canWrite ? (
          item ? (
            <>
              <SubmitButton intent="update">{t("action.save")}</SubmitButton>
              <SubmitButton
                intent="delete"
                className="btn-ghost text-red-700"
                {...(deleteRefusal ? { disabled: true, title: deleteRefusal } : {})}
                onClick={(e) => {
                  if (!window.confirm(confirmDelete)) e.preventDefault();
                }}
              >
                {t("action.delete")}
              </SubmitButton>
            </>
          ) : (
            <SubmitButton intent="create">{t("action.add")}</SubmitButton>
          )
        ) : null}
        {item ? <span className="text-xs text-stone-500">{summary}</span> : null}
      </div>
    </Form>
  );
}
