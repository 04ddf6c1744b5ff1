// Closed days as date ranges with a note: the list (each with a remove button) and a form to add one.
// The same editor serves a customer's closures and the producer's own closed days.
import { useFormat, useT } from "~/components/i18n";
import { SubmitButton } from "~/components/ui/submit-button";
import { IntentForm } from "./intent-form";

export type Closure = { from: string; to: string; note: string };

export function ClosuresEditor({ closures }: { closures: Closure[] }) {
  const t = useT();
  const fmt = useFormat();
  return (
    <div className="space-y-4">
      {closures.length === 0 ? (
        <p className="text-sm text-stone-600">{t("standing.closures.empty")}</p>
      ) : (
        <ul className="divide-y divide-stone-100 text-sm">
          {closures.map((c, index) => (
            <li key={`${c.from}-${c.to}-${index}`} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                {c.from === c.to ? fmt.date(c.from) : t("standing.closures.range", { from: fmt.date(c.from), to: fmt.date(c.to) })}
                {c.note ? <span className="text-stone-500"> — {c.note}</span> : null}
              </span>
              <IntentForm intent="remove-closure" formKey={String(index)}>
                <input type="hidden" name="index" value={index} />
                <SubmitButton className="btn-secondary text-xs" aria-label={t("standing.closures.removeLabel", { from: c.from, to: c.to })}>
                  {t("standing.closures.remove")}
                </SubmitButton>
              </IntentForm>
            </li>
          ))}
        </ul>
      )}
      <IntentForm intent="add-closure" className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="label">{t("standing.closures.from")}</span>
          <input type="date" name="from" required className="input mt-1" />
        </label>
        <label className="text-sm">
          <span className="label">{t("standing.closures.to")}</span>
          <input type="date" name="to" required className="input mt-1" />
        </label>
        <label className="text-sm">
          <span className="label">{t("standing.closures.note")}</span>
          <input type="text" name="note" maxLength={200} className="input mt-1" />
        </label>
        <SubmitButton>{t("standing.closures.add")}</SubmitButton>
      </IntentForm>
    </div>
  );
}
