// Documents in bulk: an export's state (status, progress bar, download link), shared by the list of
// the user's exports and the page of one export.
import { Form, Link } from "@remix-run/react";
import { useFormat, useLanguage, useT } from "~/components/i18n";
import { translateMaybe } from "~/utils/i18n";

export type DocumentExportState = {
  id: string;
  status: "QUEUED" | "RUNNING" | "DONE" | "FAILED";
  total: number;
  done: number;
  sizeBytes: number | null;
  error: string | null;
  createdAt: string;
  expiresAt: string;
};

export const EXPORT_DOCUMENT_KINDS = ["PURCHASE_ORDER", "INVOICE", "CREDIT_NOTE"] as const;

/**
 * The order list's "Download documents": a menu (details/summary, no JavaScript needed) with the kinds
 * of documents to include, all ticked, posting the list's current filters. The empty `documents` value
 * before the boxes tells the server the choice was shown (nothing ticked is refused, not "all").
 */
export function DocumentExportForm({ orgSlug, filters }: { orgSlug: string; filters: Iterable<[string, string]> }) {
  const t = useT();
  return (
    <details className="relative">
      <summary className="btn-secondary cursor-pointer list-none" title={t("documentExport.startHint")}>
        {t("documentExport.start")}
      </summary>
      <Form method="post" action={`/o/${orgSlug}/orders/documents-export`} className="card absolute right-0 z-10 mt-2 w-64 space-y-3 p-4 text-sm">
        {[...filters].map(([key, value]) => (
          <input key={key} type="hidden" name={key} value={value} />
        ))}
        <input type="hidden" name="documents" value="" />
        <fieldset className="space-y-1">
          <legend className="mb-1 font-semibold">{t("documentExport.documentsHint")}</legend>
          {EXPORT_DOCUMENT_KINDS.map((kind) => (
            <label key={kind} className="flex items-center gap-2">
              <input type="checkbox" name="documents" value={kind} defaultChecked />
              {t(`documentExport.kind.${kind}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="btn-primary w-full">
          {t("documentExport.start")}
        </button>
      </Form>
    </details>
  );
}

export function isExportPending(status: DocumentExportState["status"]): boolean {
  return status === "QUEUED" || status === "RUNNING";
}

function useFileSize() {
  const { locale } = useFormat();
  return (bytes: number) => {
    const [value, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, "megabyte"] : [Math.max(1, bytes / 1_000), "kilobyte"];
    return new Intl.NumberFormat(locale, { style: "unit", unit, maximumFractionDigits: 1 }).format(value);
  };
}

const STATUS_STYLE: Record<DocumentExportState["status"], string> = {
  QUEUED: "bg-stone-100 text-stone-700",
  RUNNING: "bg-amber-100 text-amber-900",
  DONE: "bg-green-100 text-green-900",
  FAILED: "bg-red-100 text-red-900",
};

export function DocumentExportProgress({ orgSlug, item, detailed = false }: { orgSlug: string; item: DocumentExportState; detailed?: boolean }) {
  const t = useT();
  const f = useFormat();
  const language = useLanguage();
  const size = useFileSize();
  const base = `/o/${orgSlug}/orders/documents-export/${item.id}`;
  return (
    <div className="space-y-2 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        <span className={`badge ${STATUS_STYLE[item.status]}`}>{t(`documentExport.status.${item.status}`)}</span>
        <span className="text-stone-600">{t("documentExport.startedAt", { date: f.dateTime(item.createdAt) })}</span>
        {!detailed ? (
          <Link to={base} className="link">
            {t("documentExport.open")}
          </Link>
        ) : null}
      </p>
      {item.status !== "FAILED" ? (
        <div>
          <progress className="h-2 w-full max-w-md accent-brand-600" max={Math.max(item.total, 1)} value={item.done} aria-label={t("documentExport.progressLabel")} />
          <p className="tabular-nums text-stone-600">{t("documentExport.progress", { done: f.number(item.done), total: f.number(item.total) })}</p>
        </div>
      ) : (
        <p role="alert" className="text-red-800">
          {t("documentExport.failed", { error: translateMaybe(language, item.error ?? "documentExport.error.internal") })}
        </p>
      )}
      {item.status === "DONE" && item.sizeBytes !== null ? (
        <p className="flex flex-wrap items-center gap-3">
          <a href={`${base}/download`} className="btn-primary" download>
            {t("documentExport.download", { size: size(item.sizeBytes) })}
          </a>
          <span className="text-stone-600">{t("documentExport.expires", { date: f.dateTime(item.expiresAt) })}</span>
        </p>
      ) : null}
    </div>
  );
}
