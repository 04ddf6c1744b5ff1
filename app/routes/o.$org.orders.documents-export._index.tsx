import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DocumentExportProgress } from "~/components/document-exports";
import { useT } from "~/components/i18n";
import { useOrgLayout } from "~/components/org-nav";
import { EmptyState, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { handleOrgForm, loadOrgPage } from "~/http/org-route.server";
import type { FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { listDocumentExports, startDocumentExport } from "~/modules/document-export/document-export.server";

// /o/:org/orders/documents-export — documents in bulk. POST (the order list's filters as fields: view,
// status, q, buyer, seller, deliveryFrom, deliveryTo) starts an export and goes to its page; GET lists
// the user's recent exports. A refused export (no order, too many) answers 400 with the reason here.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Comptoir` : "Comptoir" }];

export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor, t }) => json({ exports: await listDocumentExports(actor), title: t("documentExport.title") }));
}

export async function action(args: ActionFunctionArgs) {
  return handleOrgForm(args, async ({ actor, t, values }) => {
    const started = await startDocumentExport(actor, values);
    return redirectWithToast(`/o/${actor.orgSlug}/orders/documents-export/${started.id}`, t("documentExport.started"));
  });
}

export default function DocumentExportsPage() {
  const t = useT();
  const { org } = useOrgLayout();
  const { exports } = useLoaderData<typeof loader>();
  const data = useActionData<FormErrorData>();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to={`/o/${org.slug}/orders`} className="link">
          ← {t("documentExport.backToOrders")}
        </Link>
      </p>
      <PageHeader title={t("documentExport.title")} description={t("documentExport.intro")} />
      {data && !data.ok ? (
        <p role="alert" className="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200">
          {data.formError}
        </p>
      ) : null}
      {exports.length === 0 ? (
        <EmptyState
          title={t("documentExport.empty")}
          description={t("documentExport.emptyHint")}
          action={
            <Link to={`/o/${org.slug}/orders`} className="btn-secondary">
              {t("documentExport.backToOrders")}
            </Link>
          }
        />
      ) : (
        <section aria-labelledby="recent-exports" className="card p-5">
          <h2 id="recent-exports" className="mb-3 text-base font-semibold">
            {t("documentExport.recent")}
          </h2>
          <ul className="divide-y divide-stone-100">
            {exports.map((item) => (
              <li key={item.id} className="py-3">
                <DocumentExportProgress orgSlug={org.slug} item={item} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
