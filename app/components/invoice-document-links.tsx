// The invoices and credit notes of an order as PDF links (the order's Documents tab and page).
import { useFormat, useT } from "./i18n";

export type InvoiceDocumentLink = { kind: "INVOICE" | "CREDIT_NOTE"; id: string; number: string; status: string | null; issuedAt: string };

export function InvoiceDocumentLinks({ orgSlug, documents, className = "" }: { orgSlug: string; documents: InvoiceDocumentLink[]; className?: string }) {
  const t = useT();
  const f = useFormat();
  if (documents.length === 0) return null;
  return (
    <ul className={`space-y-1 text-sm ${className}`}>
      {documents.map((d) => (
        <li key={d.id}>
          <a
            href={d.kind === "INVOICE" ? `/o/${orgSlug}/invoices/${d.id}/invoice.pdf` : `/o/${orgSlug}/credit-notes/${d.id}/credit-note.pdf`}
            className="link"
            target="_blank"
            rel="noreferrer"
          >
            {t(d.kind === "INVOICE" ? "invoiceDocuments.invoice" : "invoiceDocuments.creditNote", { number: d.number })}
          </a>
          <span className="text-xs text-stone-500">
            {" "}
            · {f.date(d.issuedAt)}
            {d.status === "CANCELLED" ? ` · ${t("invoiceDocuments.cancelled")}` : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
