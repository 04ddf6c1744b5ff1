// The intake board's morning steps and counters (app/routes/o.$org.bakery.intake.($date).tsx). A
// counter is a link to its detail table (`?show=`): it works without JavaScript, and with it Remix
// only reloads the data.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { IntakeBoard, IntakeShow } from "~/modules/intake/schemas";
import { useT } from "../i18n";

export function IntakeSteps({ board, orgSlug }: { board: IntakeBoard; orgSlug: string }) {
  const t = useT();
  const takenIn = board.toTakeIn === 0 && board.conflicts.length === 0;
  const steps: { label: string; done: boolean; to?: string }[] = [
    { label: t("intake.step.takeIn"), done: takenIn || board.validated },
    { label: t("intake.step.validate"), done: board.validated },
    { label: t("intake.step.production"), done: false, to: `/o/${orgSlug}/bakery/production?date=${board.date}` },
    { label: t("intake.step.notes"), done: false, to: `/o/${orgSlug}/bakery/delivery-notes?date=${board.date}` },
  ];
  const current = steps.findIndex((s) => !s.done);
  return (
    <nav aria-label={t("intake.steps")} className="mb-6 overflow-x-auto">
      <ol className="flex min-w-max gap-2">
        {steps.map((step, i) => {
          const style = step.done ? "border-green-300 bg-green-50 text-green-900" : i === current ? "border-brand-400 bg-brand-50 text-brand-900" : "border-stone-200 bg-white text-stone-700";
          const body = (
            <>
              <span className="mr-2 inline-flex h-6 w-6 items-center justify-center rounded-full bg-white text-xs font-bold ring-1 ring-current">{step.done ? "✓" : i + 1}</span>
              {step.label}
            </>
          );
          return (
            <li key={step.label} aria-current={i === current ? "step" : undefined} className={`flex items-center rounded-md border px-3 py-2 text-sm font-medium ${style}`}>
              {step.to ? <Link to={step.to} className="flex items-center underline-offset-2 hover:underline">{body}</Link> : body}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function CounterLink({ to, active, count, label }: { to: string; active: boolean; count: number; label: string }) {
  return (
    <Link to={to} preventScrollReset replace aria-current={active ? "true" : undefined} className={`rounded px-2 py-1 text-sm hover:bg-stone-100 ${active ? "bg-brand-50 font-semibold text-brand-900" : "text-stone-700"}`}>
      <span className="text-lg font-bold tabular-nums text-red-700">{count}</span> {label}
    </Link>
  );
}

function CounterCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card p-4">
      <h2 className="mb-2 text-sm font-semibold text-stone-600">{title}</h2>
      <div className="flex flex-wrap gap-1">{children}</div>
    </section>
  );
}

export function IntakeCounters({ board, show, orgSlug }: { board: IntakeBoard; show: IntakeShow; orgSlug: string }) {
  const t = useT();
  const link = (s: IntakeShow) => `?show=${s}`;
  return (
    <div aria-label={t("intake.counters")} className="mb-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <CounterCard title={t("intake.counter.customers")}>
        <CounterLink to={link("customers")} active={show === "customers"} count={board.activeCustomers} label={t("intake.counter.active")} />
      </CounterCard>
      <CounterCard title={t("intake.counter.orders")}>
        <CounterLink to={link("received")} active={show === "received"} count={board.received} label={t("intake.counter.received")} />
        <CounterLink to={link("takenIn")} active={show === "takenIn"} count={board.takenIn} label={t("intake.counter.takenIn")} />
        <CounterLink to={link("toTakeIn")} active={show === "toTakeIn"} count={board.toTakeIn} label={t("intake.counter.toTakeIn")} />
      </CounterCard>
      <CounterCard title={t("intake.counter.proposals")}>
        <Link to={`/o/${orgSlug}/bakery/proposals`} className="rounded px-2 py-1 text-sm text-stone-700 hover:bg-stone-100" aria-label={t("intake.counter.seeProposals")}>
          <span className="text-lg font-bold tabular-nums text-red-700">{board.proposals}</span>
        </Link>
      </CounterCard>
      <CounterCard title={t("intake.counter.differences")}>
        <CounterLink to={link("differences")} active={show === "differences"} count={board.differences.received} label={t("intake.counter.received")} />
        <CounterLink to={link("differencesTakenIn")} active={show === "differencesTakenIn"} count={board.differences.takenIn} label={t("intake.counter.takenIn")} />
        <CounterLink to={link("differencesToTakeIn")} active={show === "differencesToTakeIn"} count={board.differences.toTakeIn} label={t("intake.counter.toTakeIn")} />
      </CounterCard>
    </div>
  );
}
