// The intake board's detail tables and conflicts (app/routes/o.$org.bakery.intake.($date).tsx): plain
// forms with hidden `intent` fields, so that everything works without JavaScript.
import { Form, Link } from "@remix-run/react";
import type { IntakeCustomerRow } from "~/modules/intake/board.server";
import type { IntakeBoard, IntakeShow } from "~/modules/intake/schemas";
import { SubmitButton } from "../ui/submit-button";
import { useT } from "../i18n";

type Line = IntakeBoard["orders"][number]["lines"][number];

function linesText(lines: readonly Line[]): string {
  return lines.map((l) => `${l.description} × ${l.quantity}`).join(", ");
}

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-stone-600";
const td = "px-3 py-2 align-top text-sm text-stone-800";
// Short columns stay on one line; the items column wraps within a readable width (tables scroll on a phone).

export function IntakeConflicts({ board, orgSlug }: { board: IntakeBoard; orgSlug: string }) {
  const t = useT();
  if (board.conflicts.length === 0) return null;
  return (
    <section aria-labelledby="intake-conflicts" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="intake-conflicts" className="text-base font-semibold text-amber-900">{t("intake.conflicts.title")}</h2>
      <p className="mb-3 text-sm text-amber-900">{t("intake.conflicts.intro")}</p>
      {board.conflicts.map((conflict) => (
        <div key={conflict.customer.id} className="mb-3">
          <h3 className="mb-2 font-medium text-stone-900">{conflict.customer.name}</h3>
          <div className="grid gap-3 md:grid-cols-2">
            {conflict.orders.map((order) => (
              <div key={order.id} className="card p-3">
                <p className="text-sm font-semibold">
                  <Link to={`/o/${orgSlug}/orders/${order.id}`} className="underline">#{order.number}</Link> · {t(`bakery.source.${order.source}`)} · {t(`bakery.intake.${order.intake}`)}
                </p>
                <ul className="my-2 text-sm text-stone-700">
                  {order.lines.map((line, i) => (
                    <li key={i}>{line.description} × {line.quantity}</li>
                  ))}
                </ul>
                <Form method="post">
                  <input type="hidden" name="customerId" value={conflict.customer.id} />
                  <input type="hidden" name="keepOrderId" value={order.id} />
                  <SubmitButton intent="keep" className="btn-secondary">{t("intake.conflicts.keep")}</SubmitButton>
                </Form>
              </div>
            ))}
          </div>
        </div>
      ))}
    </section>
  );
}

export function IntakeOrdersTable({ board, show, orgSlug, error }: { board: IntakeBoard; show: IntakeShow; orgSlug: string; error?: string }) {
  const t = useT();
  const rows = board.orders.filter((o) => show === "received" || (show === "takenIn" ? o.intake === "TAKEN_IN" : o.intake === "TO_TAKE_IN"));
  const selectable = !board.validated;
  const title = t(show === "received" ? "intake.list.received" : show === "takenIn" ? "intake.list.takenIn" : "intake.list.toTakeIn");
  return (
    <Form method="post" className="card mb-6 p-4" aria-labelledby="intake-orders">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="intake-orders" className="text-base font-semibold text-stone-900">{title}</h2>
        {selectable ? (
          <div className="flex flex-wrap gap-2">
            <SubmitButton intent="takeInSelected" className="btn-secondary">{t("intake.takeInSelected")}</SubmitButton>
            <SubmitButton intent="takeInAll" disabled={board.toTakeIn === 0}>{t("intake.takeInAll")}</SubmitButton>
          </div>
        ) : null}
      </div>
      {error ? <p role="alert" className="mb-2 text-sm text-red-700">{error}</p> : null}
      {rows.length === 0 ? (
        <p className="text-sm text-stone-600">{t("intake.list.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-stone-200">
            <thead>
              <tr>
                {selectable ? <th className={th}><span className="sr-only">{t("intake.col.select")}</span></th> : null}
                <th className={th}>{t("intake.col.customer")}</th>
                <th className={th}>{t("intake.col.order")}</th>
                <th className={th}>{t("intake.col.source")}</th>
                <th className={th}>{t("intake.col.state")}</th>
                <th className={th}>{t("intake.col.lines")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {rows.map((row) => (
                <tr key={row.order.id}>
                  {selectable ? (
                    <td className={td}>
                      {row.intake === "TO_TAKE_IN" && !row.conflict ? (
                        <input type="checkbox" name="orderIds" value={row.order.id} aria-label={`${t("intake.col.select")} #${row.order.number} ${row.customer.name}`} className="h-4 w-4" />
                      ) : null}
                    </td>
                  ) : null}
                  <td className={`${td} whitespace-nowrap`}>{row.customer.name}</td>
                  <td className={`${td} whitespace-nowrap`}><Link to={`/o/${orgSlug}/orders/${row.order.id}`} className="underline">#{row.order.number}</Link></td>
                  <td className={`${td} whitespace-nowrap`}>{t(`bakery.source.${row.source}`)}</td>
                  <td className={`${td} whitespace-nowrap`}>
                    {t(`bakery.intake.${row.intake}`)}
                    {row.conflict ? <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs font-semibold text-amber-900">{t("intake.inConflict")}</span> : null}
                  </td>
                  <td className={`${td} min-w-[16rem]`}>{linesText(row.lines)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Form>
  );
}

export function IntakeDifferencesTable({ board, show }: { board: IntakeBoard; show: IntakeShow }) {
  const t = useT();
  const rows = board.differencesList.filter((d) => show === "differences" || (show === "differencesTakenIn" ? d.status === "TAKEN_IN" : d.status === "RECEIVED"));
  return (
    <section className="card mb-6 p-4" aria-labelledby="intake-differences">
      <h2 id="intake-differences" className="mb-3 text-base font-semibold text-stone-900">{t("intake.list.differences")}</h2>
      {rows.length === 0 ? (
        <p className="text-sm text-stone-600">{t("intake.list.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-stone-200">
            <thead>
              <tr>
                <th className={th}>{t("intake.col.customer")}</th>
                <th className={th}>{t("intake.col.state")}</th>
                <th className={th}>{t("intake.col.enteredBy")}</th>
                <th className={th}>{t("intake.col.deltas")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {rows.map((d) => (
                <tr key={d.id}>
                  <td className={td}>{d.customer.name}</td>
                  <td className={td}>{t(d.status === "TAKEN_IN" ? "bakery.intake.TAKEN_IN" : "bakery.intake.TO_TAKE_IN")}</td>
                  <td className={td}>{d.createdByName}</td>
                  <td className={`${td} min-w-[16rem]`}>{d.lines.map((l) => `${l.description} ${l.delta > 0 ? "+" : "−"}${Math.abs(l.delta)}`).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function IntakeCustomersTable({ rows, orgSlug }: { rows: readonly IntakeCustomerRow[]; orgSlug: string }) {
  const t = useT();
  return (
    <section className="card mb-6 p-4" aria-labelledby="intake-customers">
      <h2 id="intake-customers" className="mb-3 text-base font-semibold text-stone-900">{t("intake.list.customers")}</h2>
      {rows.length === 0 ? (
        <p className="text-sm text-stone-600">{t("intake.list.noDelivery")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-stone-200">
            <thead>
              <tr>
                <th className={th}>{t("intake.col.round")}</th>
                <th className={th}>{t("intake.col.customer")}</th>
                <th className={th}>{t("intake.col.source")}</th>
                <th className={th}>{t("intake.col.state")}</th>
                <th className={th}>{t("intake.col.order")}</th>
                <th className={`${th} text-right`}>{t("intake.col.units")}</th>
                <th className={`${th} text-right`}>{t("intake.list.differences")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {rows.map((row) => (
                <tr key={row.customer.id}>
                  <td className={`${td} whitespace-nowrap`}>{t("bakery.round", { round: row.round })}</td>
                  <td className={`${td} whitespace-nowrap`}>{row.customer.name}</td>
                  <td className={`${td} whitespace-nowrap`}>{t(`bakery.source.${row.source}`)}</td>
                  <td className={`${td} whitespace-nowrap`}>{t(`bakery.intake.${row.intake}`)}</td>
                  <td className={`${td} whitespace-nowrap`}>{row.order ? <Link to={`/o/${orgSlug}/orders/${row.order.id}`} className="underline">#{row.order.number}</Link> : "—"}</td>
                  <td className={`${td} text-right tabular-nums`}>{row.units}</td>
                  <td className={`${td} text-right tabular-nums`}>{row.differences || ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
