import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useForm } from "@conform-to/react";
import { BakeryNav } from "~/components/bakery-nav";
import { IntakeCounters, IntakeSteps } from "~/components/bakery/intake-counters";
import { IntakeConflicts, IntakeCustomersTable, IntakeDifferencesTable, IntakeOrdersTable } from "~/components/bakery/intake-tables";
import { useBakeryLive } from "~/components/bakery/use-bakery-live";
import { useFormat, useT } from "~/components/i18n";
import { useOrgLayout } from "~/components/org-nav";
import { EmptyState, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { SubmitButton } from "~/components/ui/submit-button";
import { handleConformForm } from "~/http/conform-form.server";
import { loadOrgPage } from "~/http/org-route.server";
import { redirectWithToast } from "~/http/toast.server";
import { addDays } from "~/modules/bakery/calendar";
import { getIntakeBoard, getIntakeCustomers } from "~/modules/intake/board.server";
import { INTAKE_SHOWS, intakeFormSchema, type IntakeShow } from "~/modules/intake/schemas";
import { resolveConflict, takeInOrders } from "~/modules/intake/take-in.server";
import { validateDate } from "~/modules/intake/validate.server";
import { todayIso } from "~/modules/order/dates";

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

const dateOf = (params: { date?: string }) => params.date ?? addDays(todayIso(), 1);
const showOf = (value: string | null): IntakeShow | null => ((INTAKE_SHOWS as readonly string[]).includes(value ?? "") ? (value as IntakeShow) : null);

// /o/:org/bakery/intake/:date? — the morning's intake board of a delivery date (default: tomorrow).
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    const url = new URL(args.request.url);
    const asked = url.searchParams.get("date");
    if (asked) return redirect(`/o/${actor.orgSlug}/bakery/intake/${encodeURIComponent(asked)}`);
    const board = await getIntakeBoard(actor, dateOf(args.params));
    const show = showOf(url.searchParams.get("show")) ?? (board.toTakeIn > 0 ? "toTakeIn" : "received");
    // The customers' day orders are computed only when their table is opened.
    const customers = show === "customers" ? await getIntakeCustomers(actor, board.date) : [];
    return json({ board, show, customers });
  });
}

export async function action(args: ActionFunctionArgs) {
  return handleConformForm(args, intakeFormSchema, async ({ actor, t, value }) => {
    const date = dateOf(args.params);
    const search = new URL(args.request.url).search;
    const here = `/o/${actor.orgSlug}/bakery/intake/${date}${search}`;
    switch (value.intent) {
      case "takeInAll":
      case "takeInSelected": {
        const result = await takeInOrders(actor, date, value.intent === "takeInSelected" ? { orderIds: value.orderIds } : {});
        const locked = result.locked.length ? ` ${t("intake.lockedToast", { count: result.locked.length })}` : "";
        return redirectWithToast(here, `${t("intake.takenInToast", { count: result.takenIn.length })}${locked}`);
      }
      case "keep": {
        const board = await resolveConflict(actor, date, value.customerId, { keepOrderId: value.keepOrderId });
        const kept = board.orders.find((o) => o.order.id === value.keepOrderId);
        return redirectWithToast(here, t("intake.conflicts.kept", { number: kept?.order.number ?? "", customer: kept?.customer.name ?? "" }));
      }
      case "validate": {
        const result = await validateDate(actor, date);
        return redirectWithToast(here, t("intake.validated.toast", { date, count: result.ordersCreated }));
      }
    }
  });
}

export default function IntakePage() {
  const t = useT();
  const fmt = useFormat();
  const { org } = useOrgLayout();
  const { board, show, customers } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({ id: "intake", lastResult: lastResult && "status" in lastResult ? lastResult : undefined });
  const [searchParams] = useSearchParams();
  const { live } = useBakeryLive(board.date);
  const base = `/o/${org.slug}/bakery/intake`;
  const keepShow = searchParams.get("show") ? `?show=${searchParams.get("show")}` : "";
  const showsOrders = show === "received" || show === "takenIn" || show === "toTakeIn";
  const blocked = board.conflicts.length > 0;

  return (
    <>
      <BakeryNav />
      <PageHeader
        title={t("intake.title", { date: fmt.date(board.date) })}
        description={t("intake.intro")}
        actions={
          <Form method="get" className="flex flex-wrap items-end gap-2">
            <Link to={`${base}/${addDays(board.date, -1)}${keepShow}`} className="btn-secondary" aria-label={t("intake.previousDay")}>←</Link>
            <label className="text-sm">
              <span className="block text-stone-600">{t("intake.date")}</span>
              <input type="date" name="date" defaultValue={board.date} required className="input" />
            </label>
            <button type="submit" className="btn-secondary">{t("intake.show")}</button>
            <Link to={`${base}/${addDays(board.date, 1)}${keepShow}`} className="btn-secondary" aria-label={t("intake.nextDay")}>→</Link>
          </Form>
        }
      />
      <IntakeSteps board={board} orgSlug={org.slug} />
      <p className="mb-3 text-xs text-stone-500" aria-live="polite">{live ? t("intake.live") : t("intake.polling")}</p>
      {form.errors?.length ? (
        <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">{form.errors.join(" ")}</p>
      ) : null}
      {board.validation ? (
        <p role="status" className="mb-6 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          {t("intake.validated.banner", { name: board.validation.byName, time: fmt.dateTime(board.validation.at), count: board.validation.ordersCreated })}
        </p>
      ) : null}
      <IntakeCounters board={board} show={show} orgSlug={org.slug} />
      {board.purged.orders > 0 ? <p className="mb-4 text-sm text-stone-600">{t("intake.purged", { count: board.purged.orders, days: board.retentionDays })}</p> : null}
      {board.validated ? null : <IntakeConflicts board={board} orgSlug={org.slug} />}
      {show === "customers" ? (
        <IntakeCustomersTable rows={customers} orgSlug={org.slug} />
      ) : showsOrders ? (
        board.received === 0 ? (
          <div className="mb-6">
            <EmptyState title={t("intake.empty")} description={t("intake.emptyHint")} />
          </div>
        ) : (
          <IntakeOrdersTable board={board} show={show} orgSlug={org.slug} error={fields.orderIds?.errors?.join(" ")} />
        )
      ) : (
        <IntakeDifferencesTable board={board} show={show} />
      )}
      {board.validated ? null : (
        <Form
          method="post"
          className="card flex flex-wrap items-center gap-3 p-4"
          onSubmit={(event) => {
            if (!window.confirm(t("intake.validate.confirm", { date: fmt.date(board.date) }))) event.preventDefault();
          }}
        >
          <SubmitButton intent="validate" disabled={blocked} aria-describedby={blocked ? "validate-blocked" : undefined}>
            {t("intake.validate")}
          </SubmitButton>
          {blocked ? <p id="validate-blocked" className="text-sm text-amber-800">{t("intake.validate.blocked")}</p> : null}
        </Form>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
