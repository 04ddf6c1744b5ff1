// The seller side's edit form of an order (the order page's ?edit=1): every line's quantity, price,
// discount, tax and deposit, lines removed, items, fees and rebates added, taxes and deposits, note and
// delivery date. A plain form: it posts without JavaScript; with it, the new total follows the typing
// and more rows can be added. `readOrderEditForm` (pure) turns the posted fields into amendOrder's
// input, on the server, and into the live total, in the browser.
import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useId, useMemo, useState, type ReactNode } from "react";
import { useDecimalInput } from "./catalog";
import { useT } from "./i18n";
import { TotalsList, useOrderMoney } from "./orders";
import { SubmitButton } from "./ui/submit-button";
import type { OrderView } from "~/modules/order/types";
import { computeTotals, type LineKind } from "~/modules/pricing/totals";
import { MAX_CENTS, MAX_UNIT_PRICE4, parseCents, parsePercentBps, parseUnitPrice4 } from "~/utils/money";

export type EditFormat = { id: string; label: string; family: string; unitPrice4: number; taxRateBps: number; depositCents: number };

export type AmendLine = {
  id?: string;
  kind: LineKind;
  formatId?: string;
  description?: string;
  quantity: number;
  unitPrice4?: number;
  discountBps?: number;
  taxRateBps?: number;
  depositCents?: number;
};

type Values = Record<string, unknown>;

const text = (values: Values, name: string) => {
  const v = values[name];
  return typeof v === "string" ? v.trim() : "";
};

/** The row prefixes posted in a form (`line.0`, `line.1`…, `add.0`…), in order. */
function rowsOf(values: Values, kind: "line" | "add"): string[] {
  const indexes = new Set<number>();
  for (const key of Object.keys(values)) {
    const m = new RegExp(`^${kind}\\.(\\d{1,3})\\.`).exec(key);
    if (m) indexes.add(Number(m[1]));
  }
  return [...indexes].sort((a, b) => a - b).map((i) => `${kind}.${i}`);
}

const SERVICE_FIELD: Record<string, string> = {
  quantity: "quantity",
  unitPrice4: "unitPrice",
  discountBps: "discount",
  taxRateBps: "tax",
  depositCents: "deposit",
  formatId: "formatId",
  description: "description",
};

/**
 * The posted edit form → amendOrder's lines and options, with errors named by the form's fields.
 * `rowOfLine[k]` is the form row of the k-th line sent (to name the service's `lines.k.*` errors).
 */
export function readOrderEditForm(values: Values) {
  const fields: Record<string, string> = {};
  const lines: AmendLine[] = [];
  const rowOfLine: string[] = [];

  const quantityOf = (name: string): number | undefined => {
    const raw = text(values, name);
    if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1 || Number(raw) > 1_000_000) {
      fields[name] = raw === "" ? "field.required" : "orders.error.quantity";
      return undefined;
    }
    return Number(raw);
  };
  const decimal = (name: string, parse: (t: string) => number | null, max: number, message: string, optional = true): number | undefined => {
    const raw = text(values, name).replace(/\s*%$/, "");
    if (raw === "") {
      if (!optional) fields[name] = "field.required";
      return optional ? 0 : undefined;
    }
    const parsed = parse(raw);
    if (parsed === null || parsed < 0 || parsed > max) {
      fields[name] = message;
      return undefined;
    }
    return parsed;
  };

  for (const row of rowsOf(values, "line")) {
    if (values[`${row}.remove`] === "on") continue;
    const id = text(values, `${row}.id`);
    const kind = text(values, `${row}.kind`) as LineKind;
    if (!id || !["ITEM", "FEE", "REBATE"].includes(kind)) continue;
    const line: AmendLine = {
      id,
      kind,
      quantity: quantityOf(`${row}.quantity`) ?? 0,
      unitPrice4: decimal(`${row}.unitPrice`, parseUnitPrice4, MAX_UNIT_PRICE4, "orders.error.price", false),
      discountBps: decimal(`${row}.discount`, parsePercentBps, 10_000, "orders.error.percent"),
      taxRateBps: decimal(`${row}.tax`, parsePercentBps, 10_000, "orders.error.percent"),
    };
    if (kind === "ITEM") line.depositCents = decimal(`${row}.deposit`, parseCents, MAX_CENTS, "orders.error.amount");
    else {
      const description = text(values, `${row}.description`);
      if (!description) fields[`${row}.description`] = "field.required";
      line.description = description;
    }
    lines.push(line);
    rowOfLine.push(row);
  }

  for (const row of rowsOf(values, "add")) {
    const kind = text(values, `${row}.kind`);
    if (kind === "ITEM") {
      const formatId = text(values, `${row}.formatId`);
      if (!formatId && !text(values, `${row}.quantity`)) continue;
      if (!formatId) fields[`${row}.formatId`] = "field.required";
      lines.push({ kind: "ITEM", formatId, quantity: quantityOf(`${row}.quantity`) ?? 0 });
      rowOfLine.push(row);
    } else if (kind === "FEE" || kind === "REBATE") {
      const description = text(values, `${row}.description`);
      if (!description && !text(values, `${row}.amount`)) continue;
      if (!description) fields[`${row}.description`] = "field.required";
      const cents = decimal(`${row}.amount`, parseCents, MAX_CENTS, "orders.error.amount", false);
      lines.push({ kind, description, quantity: 1, unitPrice4: cents === undefined ? undefined : cents * 100 });
      rowOfLine.push(row);
    }
  }
  if (lines.length === 0) fields._form = "orders.error.noLines";

  return {
    lines,
    rowOfLine,
    fields,
    taxesEnabled: values.taxesEnabled === "on",
    depositsEnabled: values.depositsEnabled === "on",
    note: typeof values.note === "string" ? values.note : "",
    deliveryDate: text(values, "deliveryDate"),
  };
}

/** The service's `lines.3.unitPrice4` → the form's `line.2.unitPrice` (or the row, for the line as a whole). */
export function formFieldOfServiceError(key: string, rowOfLine: readonly string[]): string {
  const m = /^lines\.(\d+)(?:\.(\w+))?/.exec(key);
  if (!m) return key;
  const row = rowOfLine[Number(m[1])];
  if (!row) return "_form";
  const field = m[2] ? SERVICE_FIELD[m[2]] : undefined;
  return field ? `${row}.${field}` : row;
}

// ---- The form

type Row = { key: string; kind: LineKind };

export function OrderEditForm({
  order,
  formats,
  feeTaxRateBps,
  posted,
  errors,
  version,
  canAccept,
  canRestore,
}: {
  order: OrderView;
  formats: EditFormat[];
  /** The tax rate new fees and rebates get (the producer's default), for the live total. */
  feeTaxRateBps: number;
  /** What the user typed, after a refused save (kept as is). */
  posted: Values | null;
  errors: Record<string, string>;
  version: number;
  canAccept: boolean;
  canRestore: boolean;
}) {
  const t = useT();
  const id = useId();
  const decimalText = useDecimalInput();
  const { money } = useOrderMoney(order.currency);

  // Rows: the order's lines, or those the user posted (a refused save keeps its rows as typed).
  const keptRows = useMemo(() => {
    if (!posted) return order.lines.map((l, i) => ({ row: `line.${i}`, line: l }));
    return rowsOf(posted, "line").map((row) => {
      const lineId = text(posted, `${row}.id`);
      return { row, line: order.lines.find((l) => l.id === lineId) ?? null, lineId };
    });
  }, [order, posted]);
  const initialAdds = useMemo<Row[]>(() => {
    const rows = posted ? rowsOf(posted, "add").map((key) => ({ key, kind: (text(posted, `${key}.kind`) || "ITEM") as LineKind })) : [];
    for (const kind of ["ITEM", "FEE", "REBATE"] as const) {
      if (!rows.some((r) => r.kind === kind)) rows.push({ key: "", kind });
    }
    return rows.map((r, i) => ({ ...r, key: `add.${i}` }));
  }, [posted]);
  const [adds, setAdds] = useState(initialAdds);
  useEffect(() => setAdds(initialAdds), [initialAdds]);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  const value = (name: string, fallback: string) => (posted ? (typeof posted[name] === "string" ? (posted[name] as string) : "") : fallback);
  const checked = (name: string, fallback: boolean) => (posted ? posted[name] === "on" : fallback);

  // The new total, as typed (JavaScript only; the saved order is priced by the server).
  const [draft, setDraft] = useState<Values | null>(null);
  const formatsById = useMemo(() => new Map(formats.map((f) => [f.id, f])), [formats]);
  const estimate = useMemo(() => {
    if (!draft) return null;
    const read = readOrderEditForm(draft);
    const priced = read.lines.flatMap((l) => {
      const old = l.id ? order.lines.find((x) => x.id === l.id) : undefined;
      const f = l.formatId ? formatsById.get(l.formatId) : undefined;
      if (!old && l.kind === "ITEM" && !f) return [];
      return [
        {
          kind: l.kind,
          quantity: l.quantity,
          unitPrice4: l.unitPrice4 ?? f?.unitPrice4 ?? old?.unitPrice4 ?? 0,
          discountBps: l.discountBps ?? (l.kind === "ITEM" && !old ? order.groupDiscountBps : (old?.discountBps ?? 0)),
          taxRateBps: l.taxRateBps ?? f?.taxRateBps ?? old?.taxRateBps ?? (l.kind === "ITEM" ? 0 : feeTaxRateBps),
          depositCents: l.depositCents ?? f?.depositCents ?? old?.depositCents ?? 0,
        },
      ];
    });
    return computeTotals(priced, { taxesEnabled: read.taxesEnabled, depositsEnabled: read.depositsEnabled }).totals;
  }, [draft, order, formatsById, feeTaxRateBps]);

  const rowError = (name: string) =>
    errors[name] ? (
      <p id={`${id}-${name}-error`} className="mt-1 text-xs text-red-700">
        {errors[name]}
      </p>
    ) : null;
  const invalid = (name: string) => ({
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${id}-${name}-error` : undefined,
  });

  const families = [...new Set(formats.map((f) => f.family))];
  const addRow = (kind: LineKind) => setAdds((rows) => [...rows, { key: `add.${rows.length}`, kind }]);

  return (
    <Form
      method="post"
      noValidate
      aria-label={t("orders.edit.formLabel", { number: order.number })}
      onChange={(e) => setDraft(Object.fromEntries(new FormData(e.currentTarget).entries()) as Values)}
      className="space-y-6"
    >
      <input type="hidden" name="version" value={version} />
      <div className="card overflow-x-auto">
        <table className="table-base">
          <caption className="sr-only">{t("orders.edit.linesCaption")}</caption>
          <thead className="bg-stone-50">
            <tr>
              <th scope="col">{t("orders.col.item")}</th>
              <th scope="col" className="w-24">
                {t("orders.col.quantity")}
              </th>
              <th scope="col" className="w-32">
                {t("orders.edit.unitPrice", { currency: order.currency })}
              </th>
              <th scope="col" className="w-24">
                {t("orders.edit.discount")}
              </th>
              <th scope="col" className="w-24">
                {t("orders.edit.tax")}
              </th>
              <th scope="col" className="w-28">
                {t("orders.edit.deposit", { currency: order.currency })}
              </th>
              <th scope="col" className="w-20 !text-center">
                {t("action.remove")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {keptRows.map(({ row, line }) => {
              const kind = (posted ? text(posted, `${row}.kind`) : line?.kind) as LineKind;
              const lineId = posted ? text(posted, `${row}.id`) : line!.id;
              const description = posted ? text(posted, `${row}.description`) : (line?.description ?? "");
              const label = description || line?.description || "";
              const cell = (field: string, fallback: string, extra: Record<string, unknown> = {}) => (
                <>
                  <input
                    name={`${row}.${field}`}
                    className="input px-2 text-right tabular-nums"
                    inputMode="decimal"
                    autoComplete="off"
                    aria-label={t(`orders.edit.aria.${field as "quantity" | "unitPrice" | "discount" | "tax" | "deposit"}`, { item: label })}
                    defaultValue={value(`${row}.${field}`, fallback)}
                    {...invalid(`${row}.${field}`)}
                    {...extra}
                  />
                  {rowError(`${row}.${field}`)}
                </>
              );
              return (
                <tr key={row}>
                  <td className="min-w-48">
                    <input type="hidden" name={`${row}.id`} value={lineId} />
                    <input type="hidden" name={`${row}.kind`} value={kind} />
                    {kind === "ITEM" ? (
                      <>
                        <input type="hidden" name={`${row}.description`} value={description} />
                        <span className="font-medium text-stone-900">{label}</span>
                      </>
                    ) : (
                      <>
                        <span className={`badge mb-1 ${kind === "FEE" ? "bg-sky-50 text-sky-800" : "bg-emerald-50 text-emerald-800"}`}>{t(`orders.kind.${kind}`)}</span>
                        <input
                          name={`${row}.description`}
                          className="input px-2"
                          aria-label={t("orders.edit.aria.description", { item: label })}
                          defaultValue={description}
                          maxLength={200}
                          {...invalid(`${row}.description`)}
                        />
                        {rowError(`${row}.description`)}
                      </>
                    )}
                    {rowError(row)}
                  </td>
                  <td>{cell("quantity", line ? String(line.quantity) : "", { inputMode: "numeric" })}</td>
                  <td>{cell("unitPrice", line ? decimalText(line.unitPrice4, 4, 2) : "")}</td>
                  <td>{cell("discount", line ? decimalText(line.discountBps, 2, 0) : "")}</td>
                  <td>{cell("tax", line ? decimalText(line.taxRateBps, 2, 0) : "")}</td>
                  <td>{kind === "ITEM" ? cell("deposit", line ? decimalText(line.depositCents, 2, 2) : "") : <span className="text-stone-300">—</span>}</td>
                  <td className="text-center">
                    <input
                      type="checkbox"
                      name={`${row}.remove`}
                      defaultChecked={posted ? posted[`${row}.remove`] === "on" : false}
                      aria-label={t("orders.edit.aria.remove", { item: label })}
                      className="h-4 w-4 rounded border-stone-300 text-red-600"
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <fieldset className="card space-y-3 p-4">
        <legend className="sr-only">{t("orders.edit.addTitle")}</legend>
        <h3 className="text-sm font-semibold text-stone-900">{t("orders.edit.addTitle")}</h3>
        {adds.map((row) => {
          const k = row.key;
          return (
            <div key={k} className="grid gap-2 sm:grid-cols-12 sm:items-start">
              <input type="hidden" name={`${k}.kind`} value={row.kind} />
              {row.kind === "ITEM" ? (
                <>
                  <div className="sm:col-span-8">
                    <label htmlFor={`${id}-${k}-format`} className="label">
                      {t("orders.edit.addItem")}
                    </label>
                    <select id={`${id}-${k}-format`} name={`${k}.formatId`} className="input mt-1" defaultValue={value(`${k}.formatId`, "")} {...invalid(`${k}.formatId`)}>
                      <option value="">{t("orders.edit.chooseItem")}</option>
                      {families.map((family) => (
                        <optgroup key={family || "-"} label={family || t("catalog.family.none")}>
                          {formats
                            .filter((f) => f.family === family)
                            .map((f) => (
                              <option key={f.id} value={f.id}>
                                {f.label}
                              </option>
                            ))}
                        </optgroup>
                      ))}
                    </select>
                    {rowError(`${k}.formatId`)}
                  </div>
                  <div className="sm:col-span-2">
                    <label htmlFor={`${id}-${k}-qty`} className="label">
                      {t("orders.col.quantity")}
                    </label>
                    <input id={`${id}-${k}-qty`} name={`${k}.quantity`} inputMode="numeric" autoComplete="off" className="input mt-1 text-right" defaultValue={value(`${k}.quantity`, "")} {...invalid(`${k}.quantity`)} />
                    {rowError(`${k}.quantity`)}
                  </div>
                </>
              ) : (
                <>
                  <div className="sm:col-span-8">
                    <label htmlFor={`${id}-${k}-desc`} className="label">
                      {row.kind === "FEE" ? t("orders.edit.addFee") : t("orders.edit.addRebate")}
                    </label>
                    <input
                      id={`${id}-${k}-desc`}
                      name={`${k}.description`}
                      className="input mt-1"
                      maxLength={200}
                      placeholder={row.kind === "FEE" ? t("orders.edit.feePlaceholder") : t("orders.edit.rebatePlaceholder")}
                      defaultValue={value(`${k}.description`, "")}
                      {...invalid(`${k}.description`)}
                    />
                    {rowError(`${k}.description`)}
                  </div>
                  <div className="sm:col-span-2">
                    <label htmlFor={`${id}-${k}-amount`} className="label">
                      {t("orders.edit.amount", { currency: order.currency })}
                    </label>
                    <input id={`${id}-${k}-amount`} name={`${k}.amount`} inputMode="decimal" autoComplete="off" className="input mt-1 text-right" defaultValue={value(`${k}.amount`, "")} {...invalid(`${k}.amount`)} />
                    {rowError(`${k}.amount`)}
                  </div>
                </>
              )}
              {rowError(k)}
            </div>
          );
        })}
        {hydrated ? (
          <div className="flex flex-wrap gap-2 pt-1">
            <button type="button" className="btn-ghost px-2 py-1 text-sm" onClick={() => addRow("ITEM")}>
              + {t("orders.edit.anotherItem")}
            </button>
            <button type="button" className="btn-ghost px-2 py-1 text-sm" onClick={() => addRow("FEE")}>
              + {t("orders.edit.anotherFee")}
            </button>
            <button type="button" className="btn-ghost px-2 py-1 text-sm" onClick={() => addRow("REBATE")}>
              + {t("orders.edit.anotherRebate")}
            </button>
          </div>
        ) : null}
      </fieldset>

      <div className="grid gap-6 md:grid-cols-2">
        <fieldset className="card space-y-4 p-4">
          <legend className="sr-only">{t("orders.edit.options")}</legend>
          <h3 className="text-sm font-semibold text-stone-900">{t("orders.edit.options")}</h3>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="taxesEnabled" defaultChecked={checked("taxesEnabled", order.taxesEnabled)} className="h-4 w-4 rounded border-stone-300" />
            {t("orders.new.taxes")}
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="depositsEnabled" defaultChecked={checked("depositsEnabled", order.depositsEnabled)} className="h-4 w-4 rounded border-stone-300" />
            {t("orders.new.deposits")}
          </label>
          <div>
            <label htmlFor={`${id}-date`} className="label">
              {t("orders.field.deliveryDate")}
            </label>
            <input id={`${id}-date`} name="deliveryDate" type="date" className="input mt-1" defaultValue={value("deliveryDate", order.deliveryDate)} {...invalid("deliveryDate")} />
            {rowError("deliveryDate")}
          </div>
          <div>
            <label htmlFor={`${id}-note`} className="label">
              {t("orders.field.note")}
            </label>
            <textarea id={`${id}-note`} name="note" rows={3} maxLength={2000} className="input mt-1" defaultValue={value("note", order.note)} {...invalid("note")} />
            {rowError("note")}
          </div>
        </fieldset>
        <div className="card p-4" aria-live="polite">
          <h3 className="text-sm font-semibold text-stone-900">{estimate ? t("orders.edit.newTotal") : t("orders.edit.currentTotal")}</h3>
          <TotalsList totals={estimate ?? order} money={money} />
          <p className="mt-2 text-xs text-stone-500">{t("orders.edit.totalHint")}</p>
        </div>
      </div>

      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton intent="save">{t("orders.edit.save")}</SubmitButton>
        {canAccept ? (
          <SubmitButton intent="save-accept" className="btn-secondary">
            {t("orders.edit.saveAccept")}
          </SubmitButton>
        ) : null}
        <SubmitButton intent="cancel-edit" className="btn-ghost" formNoValidate>
          {t("orders.edit.cancel")}
        </SubmitButton>
        {canRestore ? (
          <SubmitButton
            intent="restore"
            className="btn-ghost ml-auto text-red-700"
            onClick={(e) => {
              if (!window.confirm(t("orders.restore.confirm"))) e.preventDefault();
            }}
          >
            {t("orders.edit.restore")}
          </SubmitButton>
        ) : null}
      </div>
    </Form>
  );
}

/** Keeps the edit lock while the page is open: a quiet POST every minute (the lease lasts two). */
export function useLockRenewal(active: boolean): { lost: string | null } {
  const fetcher = useFetcher<{ ok: boolean; lockedBy?: { name: string } }>();
  const submit = fetcher.submit;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => submit({ intent: "renew-lock" }, { method: "post" }), 60_000);
    return () => clearInterval(timer);
  }, [active, submit]);
  const data = fetcher.data;
  return { lost: data && !data.ok ? (data.lockedBy?.name ?? "") : null };
}

export function Notice({ tone, children }: { tone: "info" | "warning" | "danger"; children: ReactNode }) {
  const styles = {
    info: "bg-sky-50 text-sky-900 ring-sky-200",
    warning: "bg-amber-50 text-amber-900 ring-amber-300",
    danger: "bg-red-50 text-red-900 ring-red-200",
  }[tone];
  return <div className={`rounded-md px-4 py-3 text-sm ring-1 ${styles}`}>{children}</div>;
}
