// The form that adds a document to an order: a plain multipart post (works without JavaScript) to
// /o/:org/orders/:orderId/documents, which redirects back to the order's Documents tab, or answers
// 400 with the error shown on that route's page. The order page's Documents tab can embed it as is.
import { Form } from "@remix-run/react";
import { useId } from "react";
import { useT } from "./i18n";
import { FormError } from "./ui/field";
import { SubmitButton } from "./ui/submit-button";

export const DOCUMENT_ACCEPT = ".pdf,.png,.jpg,.jpeg,.webp,application/pdf,image/png,image/jpeg,image/webp";

export function documentsActionPath(orgSlug: string, orderId: string): string {
  return `/o/${orgSlug}/orders/${orderId}/documents`;
}

export function DocumentUploadForm(props: { orgSlug: string; orderId: string; formError?: string | null; fileError?: string | null }) {
  const t = useT();
  const id = useId();
  const error = props.fileError ?? undefined;
  return (
    <Form method="post" encType="multipart/form-data" action={documentsActionPath(props.orgSlug, props.orderId)} className="space-y-3" noValidate>
      <FormError message={props.formError && props.formError !== props.fileError ? props.formError : null} />
      <div>
        <label htmlFor={id} className="label">
          {t("documents.file")}
        </label>
        <input
          id={id}
          name="file"
          type="file"
          required
          accept={DOCUMENT_ACCEPT}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-brand-800 hover:file:bg-brand-100"
        />
        {error ? (
          <p id={`${id}-error`} className="mt-1 text-sm text-red-700" role="alert">
            {error}
          </p>
        ) : (
          <p id={`${id}-hint`} className="mt-1 text-xs text-stone-500">
            {t("documents.uploadHint")}
          </p>
        )}
      </div>
      <SubmitButton>{t("documents.uploadSubmit")}</SubmitButton>
    </Form>
  );
}
