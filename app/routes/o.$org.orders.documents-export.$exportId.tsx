import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { DocumentExportProgress, isExportPending } from "~/components/document-exports";
import { useT } from "~/components/i18n";
import { useOrgLayout } from "~/components/org-nav";
import { PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { loadOrgPage } from "~/http/org-route.server";
import { getDocumentExport } from "~/modules/document-export/document-export.server";

// /o/:org/orders/documents-export/:exportId — one export's progress, then its download link. The state
// is the row's: a reload shows where the job is. Without JavaScript the page refreshes itself every
// 2 seconds while the job runs (and has a refresh link); with it, it polls its loader instead.

const POLL_MS = 1_000;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Comptoir` : "Comptoir" }];

export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor, t }) => json({ item: await getDocumentExport(actor, args.params.exportId ?? ""), title: t("documentExport.title") }));
}

export default function DocumentExportPage() {
  const t = useT();
  const { org } = useOrgLayout();
  const { item } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const pending = isExportPending(item.status);
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [pending, revalidator]);
  const filters = Object.entries(item.filters);
  return (
    <>
      {pending ? (
        <noscript>
          <meta httpEquiv="refresh" content="2" />
        </noscript>
      ) : null}
      <p className="mb-2 text-sm">
        <Link to={`/o/${org.slug}/orders/documents-export`} className="link">
          ← {t("documentExport.recent")}
        </Link>
      </p>
      <PageHeader title={t("documentExport.title")} description={t("documentExport.intro")} />
      <section className="card space-y-4 p-5" aria-live="polite">
        <DocumentExportProgress orgSlug={org.slug} item={item} detailed />
        {pending ? (
          <p className="text-sm text-stone-600">
            {t("documentExport.autoRefresh")}{" "}
            <Link to="." reloadDocument className="link">
              {t("documentExport.refresh")}
            </Link>
          </p>
        ) : null}
        <div className="text-sm">
          <h2 className="font-semibold">{t("documentExport.documents")}</h2>
          <p className="text-stone-600">{item.documents.map((kind) => t(`documentExport.kind.${kind}`)).join(" · ")}</p>
        </div>
        <div className="text-sm">
          <h2 className="font-semibold">{t("documentExport.filters")}</h2>
          {filters.length ? (
            <p className="text-stone-600">{filters.map(([k, v]) => `${k}: ${v}`).join(" · ")}</p>
          ) : (
            <p className="text-stone-600">{t("documentExport.noFilters")}</p>
          )}
        </div>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
