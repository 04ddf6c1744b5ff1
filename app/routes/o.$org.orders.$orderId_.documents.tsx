import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DocumentUploadForm } from "~/components/document-upload-form";
import { useFormat, useT } from "~/components/i18n";
import { useOrgLayout } from "~/components/org-nav";
import { PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { loadOrgPage, orgPageContext } from "~/http/org-route.server";
import { runFormAction, type FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { readUploadedFile } from "~/http/upload.server";
import { listInvoiceDocuments } from "~/modules/invoice/documents.server";
import { InvoiceDocumentLinks } from "~/components/invoice-document-links";
import {
  assertOrderVisible,
  listOrderDocuments,
  MAX_UPLOAD_BYTES,
  noFileError,
  uploadOrderDocument,
  uploadTooLargeError,
} from "~/modules/order/documents.server";

// This form carries a file: the server lets its body run past the 10 MB file limit (the upload reader
// keeps nothing beyond it) so that the form comes back with the field's message (server/body-limit.ts).
export const handle = { acceptsUploads: true };

// /o/:org/orders/:orderId/documents — the upload form's target. POST (multipart, field `file`) adds a
// document and goes back to the order's Documents tab with a toast; a refused file answers 400 and
// this page shows why, with the form again. GET shows the same form and the order's documents (the
// no-JavaScript way in). `$orderId_`: this page is not nested in the order page's layout.

export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    const orderId = args.params.orderId ?? "";
    const documents = await listOrderDocuments(actor, orderId);
    return json({ orderId, documents, invoiceDocuments: await listInvoiceDocuments(actor, orderId) });
  });
}

export async function action(args: ActionFunctionArgs) {
  const { actor, language, t } = await orgPageContext(args);
  const orderId = args.params.orderId ?? "";
  return runFormAction(language, {}, async () => {
    // A foreign order answers 404 before its upload is read.
    await assertOrderVisible(actor, orderId);
    const { file, oversize } = await readUploadedFile(args.request, "file", MAX_UPLOAD_BYTES);
    if (oversize) throw uploadTooLargeError(oversize);
    if (!file || (file.bytes.byteLength === 0 && !file.name)) throw noFileError();
    const document = await uploadOrderDocument(actor, orderId, { filename: file.name, contentType: "", bytes: file.bytes });
    return redirectWithToast(`/o/${actor.orgSlug}/orders/${orderId}?tab=documents`, t("documents.uploaded", { filename: document.filename }));
  });
}

export default function OrderDocumentsUploadPage() {
  const t = useT();
  const f = useFormat();
  const { org } = useOrgLayout();
  const { orderId, documents, invoiceDocuments } = useLoaderData<typeof loader>();
  const data = useActionData<FormErrorData>();
  const back = `/o/${org.slug}/orders/${orderId}?tab=documents`;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to={back} className="link">
          ← {t("documents.backToOrder")}
        </Link>
      </p>
      <PageHeader title={t("documents.upload")} description={t("documents.uploadHint")} />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <section className="card p-6 lg:col-span-2" aria-label={t("documents.upload")}>
          {data && !data.ok ? <p className="mb-3 font-semibold text-red-800">{t("documents.uploadFailed")}</p> : null}
          <DocumentUploadForm orgSlug={org.slug} orderId={orderId} formError={data?.formError} fileError={data?.fieldErrors?.file} />
        </section>
        <section className="card p-6 text-sm" aria-labelledby="order-documents">
          <h2 id="order-documents" className="mb-3 font-semibold">
            {t("documents.title")}
          </h2>
          <p className="mb-3">
            <a href={`/o/${org.slug}/orders/${orderId}/purchase-order.pdf`} className="link" target="_blank" rel="noreferrer">
              {t("documents.purchaseOrder")}
            </a>
          </p>
          <InvoiceDocumentLinks orgSlug={org.slug} documents={invoiceDocuments} className="mb-3" />
          {documents.filter((d) => d.kind === "UPLOAD").length === 0 ? (
            <p className="text-stone-600">{t("documents.empty")}</p>
          ) : (
            <ul className="space-y-2">
              {documents
                .filter((d) => d.kind === "UPLOAD")
                .map((d) => (
                  <li key={d.id}>
                    <a href={`/o/${org.slug}/orders/${orderId}/documents/${d.id}`} className="link break-all">
                      {d.filename}
                    </a>
                    <p className="text-xs text-stone-500">
                      {f.dateTime(d.createdAt)}
                      {d.uploadedBy ? ` · ${t("documents.addedBy", { name: d.uploadedBy.name, org: d.organization?.name ?? "" })}` : null}
                    </p>
                  </li>
                ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
