import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BakeryNav } from "~/components/bakery-nav";
import { IntentForm } from "~/components/bakery/intent-form";
import { StandingDaysTable } from "~/components/bakery/standing-grid";
import { useFormat, useT } from "~/components/i18n";
import { Card, EmptyState, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { SubmitButton } from "~/components/ui/submit-button";
import { handleConformForm } from "~/http/conform-form.server";
import { loadOrgPage } from "~/http/org-route.server";
import { redirectWithToast } from "~/http/toast.server";
import type { MessageKey } from "~/locales";
import { requireProducerAction } from "~/modules/bakery/access.server";
import { addDays } from "~/modules/bakery/calendar";
import { todayIso } from "~/modules/order/dates";
import { proposalDecisionSchema } from "~/modules/standing/forms";
import { catalogFormats } from "~/modules/standing/pages.server";
import { acceptProposal, listProposals, rejectProposal } from "~/modules/standing/proposals.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

// /o/:org/bakery/proposals — the customers' proposals for a new standing order: current and proposed
// side by side per weekday (changed quantities highlighted); take in from a date, or reject with a reason.
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    const producerId = requireProducerAction(actor, "standing:read");
    const { proposals } = await listProposals(actor, {});
    const tomorrow = addDays(todayIso(), 1);
    return json({
      waiting: proposals.filter((p) => p.status === "PROPOSED").reverse(),
      decided: proposals.filter((p) => p.status === "ACCEPTED" || p.status === "REJECTED").slice(0, 20),
      formats: await catalogFormats(getDb(), producerId),
      tomorrow,
    });
  });
}

export async function action(args: ActionFunctionArgs) {
  return handleConformForm(args, proposalDecisionSchema, async ({ actor, t, value }) => {
    const here = `/o/${actor.orgSlug}/bakery/proposals`;
    if (value.intent === "accept") {
      const proposal = await acceptProposal(actor, value.id, { effectiveFrom: value.effectiveFrom });
      return redirectWithToast(here, t("standing.proposals.accepted", { customer: proposal.customer.name }));
    }
    const proposal = await rejectProposal(actor, value.id, { reason: value.reason });
    return redirectWithToast(here, t("standing.proposals.rejected", { customer: proposal.customer.name }));
  });
}

export default function ProposalsPage() {
  const t = useT();
  const fmt = useFormat();
  const { waiting, decided, formats, tomorrow } = useLoaderData<typeof loader>();
  return (
    <>
      <BakeryNav />
      <PageHeader title={t("standing.proposals.title")} description={t("standing.proposals.intro")} />
      <div className="space-y-6">
        {waiting.length === 0 ? (
          <EmptyState title={t("standing.proposals.empty")} description={t("standing.proposals.emptyHint")} />
        ) : (
          waiting.map((p) => (
            <Card key={p.id} title={p.customer.name}>
              <p className="mb-4 text-sm text-stone-600">
                {t("standing.proposals.sentBy", { name: p.createdByName, date: fmt.dateTime(p.createdAt) })}
                {p.effectiveFrom ? ` · ${t("standing.proposals.wished", { date: fmt.date(p.effectiveFrom) })}` : ""}
              </p>
              <div className="grid gap-6 lg:grid-cols-2">
                <StandingDaysTable caption={t("standing.proposals.current")} formats={formats} weekdays={p.current.weekdays} />
                <StandingDaysTable caption={t("standing.proposals.proposed")} formats={formats} weekdays={p.weekdays} compare={p.current.weekdays} />
              </div>
              <div className="mt-5 flex flex-col gap-4 border-t border-stone-100 pt-4 md:flex-row md:items-end md:justify-between">
                <IntentForm intent="accept" id={p.id} className="flex flex-wrap items-end gap-3">
                  <label className="text-sm">
                    <span className="label">{t("standing.proposals.acceptFrom")}</span>
                    <input type="date" name="effectiveFrom" required min={tomorrow} defaultValue={p.effectiveFrom && p.effectiveFrom >= tomorrow ? p.effectiveFrom : tomorrow} className="input mt-1" />
                  </label>
                  <SubmitButton>{t("standing.proposals.accept")}</SubmitButton>
                </IntentForm>
                <IntentForm intent="reject" id={p.id} className="flex flex-wrap items-end gap-3">
                  <label className="text-sm">
                    <span className="label">{t("standing.proposals.reason")}</span>
                    <input type="text" name="reason" required maxLength={500} className="input mt-1 w-64" />
                  </label>
                  <SubmitButton className="btn-danger">{t("standing.proposals.reject")}</SubmitButton>
                </IntentForm>
              </div>
            </Card>
          ))
        )}
        {decided.length ? (
          <Card title={t("standing.proposals.decided")}>
            <div className="overflow-x-auto">
              <table className="min-w-full text-sm">
                <thead className="text-left text-stone-600">
                  <tr>
                    <th scope="col" className="py-2 pr-3 font-medium">{t("standing.col.customer")}</th>
                    <th scope="col" className="py-2 pr-3 font-medium">{t("standing.col.status")}</th>
                    <th scope="col" className="py-2 pr-3 font-medium">{t("standing.col.from")}</th>
                    <th scope="col" className="py-2 font-medium">{t("standing.col.reason")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {decided.map((p) => (
                    <tr key={p.id}>
                      <td className="py-2 pr-3">{p.customer.name}</td>
                      <td className="py-2 pr-3">{t(`standing.status.${p.status}` as MessageKey)} · {p.decidedByName}</td>
                      <td className="py-2 pr-3">{p.effectiveFrom ? fmt.date(p.effectiveFrom) : "—"}</td>
                      <td className="py-2">{p.reason || "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        ) : null}
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
