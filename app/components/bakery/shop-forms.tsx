// The shops page's forms (app/routes/o.$org.bakery.shops.tsx): a new shop, a counter order, the
// counter orders of a date with their pickup / cancel buttons, a shop's leftovers. Plain posted
// forms with an `intent` (they work without JavaScript), validated by Conform with the module's schema.
import { Form } from "@remix-run/react";
import { useState, type FormEvent, type ReactNode } from "react";
import { lineAmountCents, parseCents } from "~/utils/money";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { ShopOrderView } from "~/modules/production/schemas";
import { useFormat, useT } from "../i18n";
import { FormError, SelectField, TextField } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

type Result = SubmissionResult<string[]> | undefined;
type Format = { id: string; description: string; unitPrice4: number };
const ITEM_ROWS = 6;

function errorsOf(result: Result, name: string): string | undefined {
  return result?.error?.[name]?.join(" ") ?? undefined;
}

export function CreateShopForm({ lastResult }: { lastResult: Result }) {
  const t = useT();
  const [form] = useForm({ id: "create-shop", lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-3">
      <TextField label={t("production.shops.name")} name="name" required maxLength={80} error={errorsOf(lastResult, "name")} className="w-64" />
      <SubmitButton intent="createShop" className="btn-secondary">{t("production.shops.create")}</SubmitButton>
    </Form>
  );
}

export function ShopOrderForm({ shops, formats, date, lastResult }: { shops: { id: string; name: string }[]; formats: Format[]; date: string; lastResult: Result }) {
  const t = useT();
  const fmt = useFormat();
  const [form] = useForm({ id: "create-shop-order", lastResult });
  const typed = (name: string) => (lastResult?.initialValue?.[name] as string | undefined) ?? "";
  const options = [{ value: "", label: "—" }, ...formats.map((f) => ({ value: f.id, label: `${f.description} (${fmt.unitPrice(f.unitPrice4)})` }))];
  // With JavaScript, the total and the balance due at pickup follow what is typed (the server prices the order again).
  const [summary, setSummary] = useState<{ totalCents: number; balanceCents: number } | null>(null);
  const prices = new Map(formats.map((f) => [f.id, f.unitPrice4]));
  const recompute = (event: FormEvent<HTMLFormElement>) => {
    const data = new FormData(event.currentTarget);
    let totalCents = 0;
    for (let i = 0; i < ITEM_ROWS; i++) {
      const price = prices.get(String(data.get(`lines[${i}].formatId`) ?? ""));
      const quantity = Number(data.get(`lines[${i}].quantity`) ?? 0);
      if (price !== undefined && Number.isSafeInteger(quantity) && quantity > 0 && quantity <= 1_000_000) totalCents += lineAmountCents(price, quantity);
    }
    const deposit = parseCents(String(data.get("deposit") ?? "")) ?? 0;
    setSummary({ totalCents, balanceCents: totalCents - Math.max(0, deposit) });
  };
  return (
    <Form method="post" {...getFormProps(form)} onChange={recompute} className="space-y-4">
      <FormError message={form.errors?.join(" ")} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <SelectField label={t("production.shopOrders.shop")} name="shop" options={shops.map((s) => ({ value: s.id, label: s.name }))} defaultValue={typed("shop") || shops[0]?.id} error={errorsOf(lastResult, "shop")} />
        <TextField label={t("production.shopOrders.pickupDate")} name="pickupDate" type="date" required defaultValue={typed("pickupDate") || date} error={errorsOf(lastResult, "pickupDate")} />
        <TextField label={t("production.shopOrders.customerName")} name="customerName" required maxLength={120} defaultValue={typed("customerName")} error={errorsOf(lastResult, "customerName")} />
        <TextField label={t("production.shopOrders.phone")} name="phone" type="tel" maxLength={40} defaultValue={typed("phone")} error={errorsOf(lastResult, "phone")} />
      </div>
      <fieldset>
        <legend className="label">{t("production.shopOrders.items")}</legend>
        {errorsOf(lastResult, "lines") ? <p className="mt-1 text-sm text-red-700" role="alert">{errorsOf(lastResult, "lines")}</p> : null}
        <div className="mt-2 grid gap-2">
          {Array.from({ length: ITEM_ROWS }, (_, i) => (
            <div key={i} className="grid grid-cols-[1fr_6rem] gap-2">
              <select name={`lines[${i}].formatId`} aria-label={t("production.shopOrders.item", { n: i + 1 })} className="input" defaultValue={typed(`lines[${i}].formatId`)}>
                {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </select>
              <input name={`lines[${i}].quantity`} type="number" min={1} inputMode="numeric" aria-label={t("production.shopOrders.quantity", { n: i + 1 })} className="input" defaultValue={typed(`lines[${i}].quantity`)} />
            </div>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <TextField label={t("production.shopOrders.deposit")} name="deposit" inputMode="decimal" placeholder="0,00" hint={t("production.shopOrders.depositHint")} defaultValue={typed("deposit")} error={errorsOf(lastResult, "deposit")} className="w-48" />
        {summary ? (
          <p className="text-sm text-stone-700" aria-live="polite">
            {t("production.shopOrders.summary", { total: fmt.money(summary.totalCents), balance: fmt.money(summary.balanceCents) })}
          </p>
        ) : null}
        <SubmitButton intent="createOrder">{t("production.shopOrders.create")}</SubmitButton>
      </div>
    </Form>
  );
}

export function ShopOrdersTable({ orders, actions }: { orders: ShopOrderView[]; actions: boolean }) {
  const t = useT();
  const fmt = useFormat();
  return (
    <div className="card overflow-x-auto">
      <table className="table-base">
        <thead className="bg-stone-50">
          <tr>
            <th scope="col">{t("production.shopOrders.customerName")}</th>
            <th scope="col">{t("production.shopOrders.shop")}</th>
            <th scope="col">{t("production.shopOrders.items")}</th>
            <th scope="col" className="text-right">{t("production.shopOrders.total")}</th>
            <th scope="col" className="text-right">{t("production.shopOrders.deposit")}</th>
            <th scope="col" className="text-right">{t("production.shopOrders.balance")}</th>
            <th scope="col">{t("common.status")}</th>
            <th scope="col"><span className="sr-only">{t("common.actions")}</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {orders.map((order) => (
            <tr key={order.id}>
              <th scope="row" className="font-medium text-stone-900">
                {order.customerName}
                {order.phone ? <span className="block whitespace-nowrap text-xs font-normal text-stone-500">{order.phone}</span> : null}
              </th>
              <td>{order.shop.name}</td>
              <td className="text-xs">{order.lines.map((l) => `${fmt.number(l.quantity)} × ${l.description}`).join(", ")}</td>
              <td className="text-right tabular-nums">{fmt.money(order.totalCents)}</td>
              <td className="text-right tabular-nums">{fmt.money(order.depositCents)}</td>
              <td className="text-right font-semibold tabular-nums">{fmt.money(order.balanceCents)}</td>
              <td>{t(`production.shopOrders.status.${order.status}`)}</td>
              <td className="whitespace-nowrap">
                {actions && order.status === "OPEN" ? (
                  <Form method="post" className="flex gap-2">
                    <input type="hidden" name="id" value={order.id} />
                    <SubmitButton intent="pickup" className="btn-secondary">{t("production.shopOrders.pickup")}</SubmitButton>
                    <SubmitButton intent="cancel" className="btn-ghost">{t("production.shopOrders.cancel")}</SubmitButton>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function LeftoversForm({ shop, date, formats, quantities, lastResult, readOnly }: { shop: { id: string; name: string }; date: string; formats: Format[]; quantities: Record<string, number>; lastResult: Result; readOnly: boolean }) {
  const t = useT();
  const [form] = useForm({ id: `leftovers-${shop.id}`, lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <input type="hidden" name="shop" value={shop.id} />
      <input type="hidden" name="date" value={date} />
      <FormError message={form.errors?.join(" ")} />
      <div className="max-h-96 overflow-y-auto">
        <table className="table-base">
          <tbody className="divide-y divide-stone-100">
            {formats.map((format, i) => (
              <tr key={format.id}>
                <th scope="row" className="font-normal">
                  <label htmlFor={`leftover-${shop.id}-${format.id}`}>{format.description}</label>
                </th>
                <td className="w-28">
                  <input type="hidden" name={`lines[${i}].formatId`} value={format.id} />
                  <input id={`leftover-${shop.id}-${format.id}`} name={`lines[${i}].quantity`} type="number" min={0} inputMode="numeric" className="input" defaultValue={quantities[format.id] ?? ""} readOnly={readOnly} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {readOnly ? null : (
        <div className="flex justify-end">
          <SubmitButton intent="leftovers">{t("production.leftovers.save")}</SubmitButton>
        </div>
      )}
    </Form>
  );
}

/** Which day's leftovers are shown and entered (a GET form: the counter orders' date is kept). */
export function LeftoverDateForm({ date, leftoverDate, children }: { date: string; leftoverDate: string; children?: ReactNode }) {
  const t = useT();
  return (
    <Form method="get" className="mb-4 flex flex-wrap items-end gap-3">
      <input type="hidden" name="date" value={date} />
      <TextField label={t("production.leftovers.date")} name="leftoverDate" type="date" required defaultValue={leftoverDate} />
      <button type="submit" className="btn-secondary">{t("production.day.show")}</button>
      {children}
    </Form>
  );
}
