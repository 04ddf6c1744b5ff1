// The retailer's standing orders: per bakery, the current standing order per weekday, a proposal
// form (prefilled with the proposal still waiting, else the current one), and its proposals with
// their status and the bakery's reason when rejected.
import { useFormat, useT } from "~/components/i18n";
import { Card } from "~/components/ui/layout";
import { SubmitButton } from "~/components/ui/submit-button";
import type { MessageKey } from "~/locales";
import { IntentForm, useTypedValues } from "./intent-form";
import { StandingDaysTable, StandingGrid, typedGrid, type GridFormat, type GridWeekdays } from "./standing-grid";

type Proposal = { id: string; status: string; effectiveFrom: string | null; weekdays: GridWeekdays; reason: string; createdAt: string; createdByName: string; decidedAt: string | null };

export type RetailerBakery = {
  relationId: string;
  producer: { id: string; name: string };
  standing: { effectiveFrom: string | null; round: number; weekdays: GridWeekdays; upcoming?: { effectiveFrom: string; weekdays: GridWeekdays } };
  proposals: Proposal[];
  formats: (GridFormat & { family: string })[];
};

const statusClass: Record<string, string> = {
  PROPOSED: "bg-amber-100 text-amber-900",
  ACCEPTED: "bg-emerald-100 text-emerald-900",
  REJECTED: "bg-red-100 text-red-900",
  WITHDRAWN: "bg-stone-100 text-stone-700",
};

export function RetailerStanding({ bakery }: { bakery: RetailerBakery }) {
  const t = useT();
  const fmt = useFormat();
  const pending = bakery.proposals.find((p) => p.status === "PROPOSED");
  const typed = useTypedValues("propose", bakery.relationId);
  return (
    <div className="space-y-6">
      <Card title={t("standing.retailer.current", { producer: bakery.producer.name })}>
        <p className="mb-3 text-sm text-stone-600">
          {bakery.standing.effectiveFrom ? t("standing.since", { date: fmt.date(bakery.standing.effectiveFrom) }) : t("standing.none")}
        </p>
        <StandingDaysTable formats={bakery.formats} weekdays={bakery.standing.weekdays} />
        {bakery.standing.upcoming ? (
          <div className="mt-4">
            <StandingDaysTable
              caption={t("standing.upcoming", { date: fmt.date(bakery.standing.upcoming.effectiveFrom) })}
              formats={bakery.formats}
              weekdays={bakery.standing.upcoming.weekdays}
              compare={bakery.standing.weekdays}
            />
          </div>
        ) : null}
      </Card>

      <Card title={t("standing.retailer.propose")}>
        <p className="mb-3 text-sm text-stone-600">{pending ? t("standing.retailer.pendingHint") : t("standing.retailer.proposeHint")}</p>
        <IntentForm intent="propose" formKey={bakery.relationId} className="space-y-4">
          <input type="hidden" name="relation" value={bakery.relationId} />
          <StandingGrid formats={bakery.formats} values={typedGrid(typed) ?? pending?.weekdays ?? bakery.standing.weekdays} />
          <div className="flex flex-wrap items-end gap-3">
            <label className="text-sm">
              <span className="label">{t("standing.retailer.wishedDate")}</span>
              <input type="date" name="effectiveFrom" className="input mt-1" defaultValue={pending?.effectiveFrom ?? ""} />
            </label>
            <SubmitButton>{t("standing.retailer.send")}</SubmitButton>
          </div>
        </IntentForm>
      </Card>

      <Card title={t("standing.retailer.proposals")}>
        {bakery.proposals.length === 0 ? (
          <p className="text-sm text-stone-600">{t("standing.retailer.noProposals")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <thead>
                <tr className="text-left text-stone-600">
                  <th scope="col" className="py-2 pr-3 font-medium">{t("standing.col.sent")}</th>
                  <th scope="col" className="py-2 pr-3 font-medium">{t("standing.col.from")}</th>
                  <th scope="col" className="py-2 pr-3 font-medium">{t("standing.col.status")}</th>
                  <th scope="col" className="py-2 font-medium">{t("standing.col.reason")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {bakery.proposals.map((p) => (
                  <tr key={p.id}>
                    <td className="py-2 pr-3">{fmt.dateTime(p.createdAt)} · {p.createdByName}</td>
                    <td className="py-2 pr-3">{p.effectiveFrom ? fmt.date(p.effectiveFrom) : "—"}</td>
                    <td className="py-2 pr-3">
                      <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${statusClass[p.status] ?? ""}`}>{t(`standing.status.${p.status}` as MessageKey)}</span>
                    </td>
                    <td className="py-2">{p.reason || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
