import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useForm } from "@conform-to/react";
import { BakeryNav } from "~/components/bakery-nav";
import { useFormat, useT } from "~/components/i18n";
import { EmptyState, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { SubmitButton } from "~/components/ui/submit-button";
import { handleConformForm } from "~/http/conform-form.server";
import { loadOrgPage } from "~/http/org-route.server";
import { redirectWithToast } from "~/http/toast.server";
import { getDeliveryHistory, rebuildDeliveryHistory } from "~/modules/intake/history.server";
import { historyFormSchema } from "~/modules/intake/schemas";

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

// /o/:org/bakery/history — the retailer's delivered history: per validated date, what the delivery
// note said and what was delivered; "rebuild the last 60 days" recomputes it from the orders.
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => json(await getDeliveryHistory(actor, {})));
}

export async function action(args: ActionFunctionArgs) {
  return handleConformForm(args, historyFormSchema, async ({ actor, t }) => {
    const result = await rebuildDeliveryHistory(actor, {});
    return redirectWithToast(`/o/${actor.orgSlug}/bakery/history`, t("history.rebuilt", { count: result.rows }));
  });
}

export default function DeliveredHistoryPage() {
  const t = useT();
  const fmt = useFormat();
  const { days } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form] = useForm({ id: "history", lastResult: lastResult && "status" in lastResult ? lastResult : undefined });
  const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-stone-600";
  const td = "px-3 py-2 text-sm text-stone-800";
  return (
    <>
      <BakeryNav />
      <PageHeader
        title={t("history.title")}
        description={t("history.intro")}
        actions={
          <Form method="post">
            <SubmitButton intent="rebuild" className="btn-secondary">{t("history.rebuild")}</SubmitButton>
          </Form>
        }
      />
      {form.errors?.length ? <p role="alert" className="mb-4 text-sm text-red-700">{form.errors.join(" ")}</p> : null}
      {days.length === 0 ? (
        <EmptyState title={t("history.empty")} description={t("history.emptyHint")} />
      ) : (
        days.map((day) => (
          <section key={`${day.producer.id}-${day.date}`} className="card mb-4 p-4" aria-label={t("history.day", { date: fmt.date(day.date), producer: day.producer.name })}>
            <h2 className="mb-3 flex flex-wrap justify-between gap-2 text-base font-semibold text-stone-900">
              <span>{t("history.day", { date: fmt.date(day.date), producer: day.producer.name })}</span>
              <span className="tabular-nums">{fmt.money(day.totalCents)}</span>
            </h2>
            <div className="overflow-x-auto">
              <table className="min-w-full divide-y divide-stone-200">
                <thead>
                  <tr>
                    <th className={th}>{t("history.col.item")}</th>
                    <th className={`${th} text-right`}>{t("history.col.onNote")}</th>
                    <th className={`${th} text-right`}>{t("history.col.delivered")}</th>
                    <th className={`${th} text-right`}>{t("history.col.unitPrice")}</th>
                    <th className={`${th} text-right`}>{t("history.col.total")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {day.lines.map((line, i) => (
                    <tr key={i} className={line.ordered !== line.quantity ? "bg-amber-50" : undefined}>
                      <td className={td}>
                        {line.description}
                        {line.ordered !== line.quantity ? <span className="ml-2 badge">{t("history.difference")}</span> : null}
                      </td>
                      <td className={`${td} text-right tabular-nums`}>{fmt.number(line.ordered)}</td>
                      <td className={`${td} text-right tabular-nums`}>{fmt.number(line.quantity)}</td>
                      <td className={`${td} text-right tabular-nums`}>{fmt.unitPrice(line.unitPrice4)}</td>
                      <td className={`${td} text-right tabular-nums`}>{fmt.money(line.totalCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
