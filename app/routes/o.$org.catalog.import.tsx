import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useId } from "react";
import { useT } from "~/components/i18n";
import { useOrgLayout } from "~/components/org-nav";
import { FormError } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { SubmitButton } from "~/components/ui/submit-button";
import { loadOrgPage, orgPageContext } from "~/http/org-route.server";
import { runFormAction, type FormErrorData } from "~/http/page-errors.server";
import { readUploadedFile } from "~/http/upload.server";
import { requireCatalogOwner } from "~/modules/catalog/access.server";
import { CSV_COLUMNS, columnLabelKey, REQUIRED_COLUMNS } from "~/modules/catalog/csv-format";
import { importCatalogCsv, MAX_IMPORT_BYTES, type ImportLineStatus, type ImportReason, type ImportReport } from "~/modules/catalog/csv-import.server";
import { translate, translateMaybe, type Language } from "~/utils/i18n";

// This form carries a file: the server lets its body run past the 10 MB file limit (the upload reader
// keeps nothing beyond it) so that the form comes back with the field's message (server/body-limit.ts).
export const handle = { acceptsUploads: true };

/** At most this many lines are listed in the report (errors first when there are more). */
const MAX_REPORT_LINES = 1000;

export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    requireCatalogOwner(actor, "catalog:write");
    return json(null);
  });
}

type ReportLine = { line: number; sku: string; productName: string; formatName: string; status: ImportLineStatus; reasons: string[] };
type ImportActionData = {
  ok: true;
  fileName: string;
  applied: boolean;
  fileError: string | null;
  counts: ImportReport["counts"];
  totalLines: number;
  lines: ReportLine[];
};

// Not handleOrgForm: the body is a multipart upload, read here with a size limit (no fields to keep).
export async function action(args: ActionFunctionArgs) {
  const { actor, language } = await orgPageContext(args);
  return runFormAction(language, {}, async () => {
    // Refuse before reading an upload that would be thrown away.
    requireCatalogOwner(actor, "catalog:write");
    const { file, oversize } = await readUploadedFile(args.request, "file", MAX_IMPORT_BYTES);
    if (oversize) return json(reportData(language, "", fileReport({ key: "catalog.import.error.tooLarge" })), { status: 413 });
    const report = file ? await importCatalogCsv(actor, file.bytes) : fileReport({ key: "catalog.import.error.noFile" });
    return json(reportData(language, file?.name ?? "", report), { status: report.applied ? 200 : 400 });
  });
}

function fileReport(reason: ImportReason): ImportReport {
  return {
    applied: false,
    fileError: reason,
    lines: [],
    counts: { productsCreated: 0, productsUpdated: 0, formatsCreated: 0, formatsUpdated: 0, unchanged: 0, errors: 0 },
  };
}

/** The report in the user's language: each reason names the column it is about, as in the file. */
function reportData(language: Language, fileName: string, report: ImportReport): ImportActionData {
  const reason = (r: ImportReason) => {
    const message = translateMaybe(language, r.key, r.params);
    if (!r.column) return message;
    return `${translate(language, columnLabelKey(r.column))}${language === "fr" ? "\u00a0: " : ": "}${message}`;
  };
  const errorsFirst = report.lines.length > MAX_REPORT_LINES ? report.lines.filter((l) => l.status === "error") : report.lines;
  const shown = (errorsFirst.length ? errorsFirst : report.lines).slice(0, MAX_REPORT_LINES);
  return {
    ok: true,
    fileName,
    applied: report.applied,
    fileError: report.fileError ? reason(report.fileError) : null,
    counts: report.counts,
    totalLines: report.lines.length,
    lines: shown.map((l) => ({ line: l.line, sku: l.sku, productName: l.productName, formatName: l.formatName, status: l.status, reasons: l.errors.map(reason) })),
  };
}

const STATUS_STYLE: Record<ImportLineStatus, string> = {
  created: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  updated: "bg-sky-50 text-sky-800 ring-sky-200",
  unchanged: "bg-stone-100 text-stone-600 ring-stone-300",
  error: "bg-red-50 text-red-800 ring-red-200",
};

export default function ImportPage() {
  const t = useT();
  const data = useActionData<ImportActionData | FormErrorData>();
  const { org } = useOrgLayout();
  const fileId = useId();
  const report = data?.ok ? data : null;
  const formError = data && !data.ok ? data.formError : report?.fileError;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to={`/o/${org.slug}/catalog`} className="link">
          ← {t("catalog.backToCatalog")}
        </Link>
      </p>
      <PageHeader title={t("catalog.import.title")} description={t("catalog.import.intro")} />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Form method="post" encType="multipart/form-data" className="card space-y-4 p-6 lg:col-span-2" noValidate>
          <FormError message={formError} />
          <div>
            <label htmlFor={fileId} className="label">
              {t("catalog.import.file")}
            </label>
            <input
              id={fileId}
              name="file"
              type="file"
              required
              accept=".csv,text/csv,text/plain"
              aria-describedby={`${fileId}-hint`}
              className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-brand-800 hover:file:bg-brand-100"
            />
            <p id={`${fileId}-hint`} className="mt-1 text-xs text-stone-500">
              {t("catalog.import.fileHint")}
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <SubmitButton>{t("catalog.import.submit")}</SubmitButton>
            <a href={`/o/${org.slug}/catalog/export.csv`} className="link text-sm" download>
              {t("catalog.import.template")}
            </a>
          </div>
        </Form>
        <aside className="card p-6 text-sm" aria-labelledby="import-columns">
          <h2 id="import-columns" className="mb-2 font-semibold">
            {t("catalog.import.columnsTitle")}
          </h2>
          <p className="mb-3 text-stone-600">{t("catalog.import.columnsIntro")}</p>
          <ul className="space-y-1">
            {CSV_COLUMNS.map((c) => (
              <li key={c}>
                <code className="rounded bg-stone-100 px-1 text-xs">{t(columnLabelKey(c))}</code>
                {REQUIRED_COLUMNS.includes(c) ? <span className="text-red-700" aria-label={t("catalog.import.required")}> *</span> : null}{" "}
                <span className="text-stone-600">{t(`catalog.import.help.${c}` as Parameters<typeof t>[0])}</span>
              </li>
            ))}
          </ul>
          <p className="mt-3 text-stone-600">{t("catalog.import.rules")}</p>
        </aside>
      </div>
      {report && !report.fileError ? <ImportReportView report={report} /> : null}
    </>
  );
}

function ImportReportView({ report }: { report: ImportActionData }) {
  const t = useT();
  const { org } = useOrgLayout();
  const { counts } = report;
  const changed = counts.productsCreated + counts.productsUpdated + counts.formatsCreated + counts.formatsUpdated;
  return (
    <section aria-labelledby="import-report" className="mt-8">
      <h2 id="import-report" className="mb-3 text-lg font-semibold">
        {t("catalog.import.reportTitle", { file: report.fileName })}
      </h2>
      <div
        role={report.applied ? "status" : "alert"}
        className={`mb-4 rounded-md p-4 text-sm ring-1 ${report.applied ? "bg-emerald-50 text-emerald-900 ring-emerald-200" : "bg-red-50 text-red-900 ring-red-200"}`}
      >
        {report.applied ? (
          <>
            <p className="font-semibold">{changed > 0 ? t("catalog.import.applied") : t("catalog.import.nothingChanged")}</p>
            <p className="mt-1">
              {t("catalog.import.counts", {
                productsCreated: counts.productsCreated,
                productsUpdated: counts.productsUpdated,
                formatsCreated: counts.formatsCreated,
                formatsUpdated: counts.formatsUpdated,
                unchanged: counts.unchanged,
              })}
            </p>
            <p className="mt-2">
              <Link to={`/o/${org.slug}/catalog`} className="link">
                {t("catalog.backToCatalog")}
              </Link>
            </p>
          </>
        ) : (
          <>
            <p className="font-semibold">{t("catalog.import.notApplied", { count: counts.errors })}</p>
            <p className="mt-1">{t("catalog.import.fixAndRetry")}</p>
          </>
        )}
      </div>
      {report.lines.length < report.totalLines ? (
        <p className="mb-2 text-sm text-stone-600">{t("catalog.import.truncated", { shown: report.lines.length, total: report.totalLines })}</p>
      ) : null}
      <div className="card overflow-x-auto">
        <table className="table-base">
          <caption className="sr-only">{t("catalog.import.reportCaption")}</caption>
          <thead className="bg-stone-50">
            <tr>
              <th scope="col">{t("catalog.import.line")}</th>
              <th scope="col">{t("catalog.product.sku")}</th>
              <th scope="col">{t("catalog.product.name")}</th>
              <th scope="col">{t("catalog.format.name")}</th>
              <th scope="col">{t("catalog.import.result")}</th>
              <th scope="col">{t("catalog.import.reason")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {report.lines.map((line) => (
              <tr key={line.line} className={line.status === "error" ? "bg-red-50/40" : ""}>
                <td className="tabular-nums">{line.line}</td>
                <td className="font-mono text-xs">{line.sku}</td>
                <td>{line.productName}</td>
                <td>{line.formatName}</td>
                <td>
                  <span className={`badge ring-1 ring-inset ${STATUS_STYLE[line.status]}`}>{t(report.applied ? `catalog.import.status.${line.status}` : `catalog.import.planned.${line.status}`)}</span>
                </td>
                <td>
                  {line.reasons.length ? (
                    <ul className="list-inside list-disc text-red-800">
                      {line.reasons.map((r, i) => (
                        <li key={i}>{r}</li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  const t = useT();
  const { org } = useOrgLayout();
  return <RouteErrorBoundary backTo={`/o/${org.slug}/catalog`} backLabel={t("catalog.backToCatalog")} />;
}
