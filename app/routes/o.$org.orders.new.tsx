import crypto from "node:crypto";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useId, useMemo, useState } from "react";
import { groupByFamily } from "~/components/catalog";
import { useFormat, useT, useTCount } from "~/components/i18n";
import { useOrgLayout } from "~/components/org-nav";
import { BelowMinimumNotice, TotalsList, useOrderMoney } from "~/components/orders";
import { FormError, TextAreaField } from "~/components/ui/field";
import { EmptyState, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { SubmitButton } from "~/components/ui/submit-button";
import { handleOrgForm, loadOrgPage } from "~/http/org-route.server";
import { listOrderableRelations } from "~/http/order-pages.server";
import type { FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { getPartnerCatalog } from "~/modules/catalog/partner-catalog.server";
import { requirePermission } from "~/modules/org/access.server";
import type { OrgActor } from "~/modules/org/actor";
import { createOrder } from "~/modules/order/create-order.server";
import { todayIso } from "~/modules/order/dates";
import { actorPermissions, getOrder } from "~/modules/order/order-view.server";
import { DISTRIBUTIONS, type Distribution } from "~/modules/order/types";
import { computeTotals } from "~/modules/pricing/totals";
import { AppError, isAppError, validationError, type FieldErrors } from "~/utils/errors";
import { discountedUnitPrice4 } from "~/utils/money";
import { can } from "~/utils/permissions";
import { foldText } from "~/utils/text";

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

/** Every product of the catalog fits in the form: the search and families narrow it in the browser. */
const ORDER_FORM_PRODUCT_LIMIT = 5_000;

async function relationFor(actor: OrgActor, relationId: string) {
  const relations = await listOrderableRelations(actor);
  const relation = relations.find((r) => r.id === relationId);
  if (!relation) throw new AppError("not_found", "error.not_found");
  return relation;
}

function tomorrow(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  return todayIso(d);
}

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  return loadOrgPage(args, async ({ actor }) => {
    requirePermission(actor, "order:create");
    const relations = await listOrderableRelations(actor);
    // Reorder: the past order's relation and quantities.
    const fromId = url.searchParams.get("from");
    let from: { id: string; number: number; quantities: Record<string, number> } | null = null;
    let relationId = url.searchParams.get("relation") ?? "";
    if (fromId) {
      const past = await getOrder(actor, fromId);
      const quantities: Record<string, number> = {};
      for (const line of past.lines) if (line.kind === "ITEM" && line.formatId) quantities[line.formatId] = (quantities[line.formatId] ?? 0) + line.quantity;
      from = { id: past.id, number: past.number, quantities };
      const match = relations.find((r) => r.producer.id === past.seller.id && r.partner.id === past.buyer.id);
      if (!match) throw new AppError("not_found", "orders.new.relationGone");
      relationId = match.id;
    }
    if (!relationId && relations.length === 1) relationId = relations[0].id;
    const choices = relations.map((r) => ({ id: r.id, producer: r.producer.name, customer: r.partner.name }));
    if (!relationId) return json({ choices, form: null });

    const relation = relations.find((r) => r.id === relationId);
    if (!relation) throw new AppError("not_found", "error.not_found");
    const catalog = await getPartnerCatalog(actor, relation.producer.id, {}, ORDER_FORM_PRODUCT_LIMIT);
    const formats = new Set(catalog.products.flatMap((p) => p.formats.map((f) => f.id)));
    const prefill = from ? Object.fromEntries(Object.entries(from.quantities).filter(([id]) => formats.has(id))) : {};
    return json({
      choices,
      form: {
        relation: {
          id: relation.id,
          producer: relation.producer,
          customer: relation.partner,
          groupName: relation.customerGroup?.name ?? null,
          groupDiscountBps: relation.customerGroup?.discountBps ?? 0,
          minOrderCents: relation.minOrderCents,
          defaultDistribution: relation.defaultDistribution as Distribution,
        },
        currency: catalog.producer.currency,
        families: catalog.families,
        products: catalog.products,
        from: from ? { id: from.id, number: from.number, dropped: Object.keys(from.quantities).length - Object.keys(prefill).length } : null,
        prefill,
        // Taxes, deposits and the group discount come off an order only on the seller side's decision.
        canRemoveCharges: can(actorPermissions(actor), "order:remove-charges"),
        // One key per form shown: a double click or a resubmission of this form places one order.
        idempotencyKey: crypto.randomUUID(),
        today: todayIso(),
        deliveryDate: tomorrow(),
      },
    });
  });
}

const QTY = "qty.";

/** The typed quantities: `qty.<formatId>` fields, blanks and zeros left out; bad ones named. */
function readQuantities(values: Record<string, unknown>): { lines: { formatId: string; quantity: number }[]; fields: FieldErrors } {
  const lines: { formatId: string; quantity: number }[] = [];
  const fields: FieldErrors = {};
  for (const [key, raw] of Object.entries(values)) {
    if (!key.startsWith(QTY) || typeof raw !== "string") continue;
    const text = raw.trim();
    if (text === "") continue;
    const formatId = key.slice(QTY.length);
    if (!/^\d{1,7}$/.test(text) || Number(text) > 1_000_000) {
      fields[key] = "orders.error.quantity";
      continue;
    }
    if (Number(text) > 0) lines.push({ formatId, quantity: Number(text) });
  }
  return { lines, fields };
}

export async function action(args: ActionFunctionArgs) {
  return handleOrgForm(args, async ({ actor, t, values }) => {
    const relation = await relationFor(actor, String(values.relation ?? ""));
    const { lines, fields } = readQuantities(values);
    if (Object.keys(fields).length) throw validationError(fields);
    if (lines.length === 0) throw validationError({ lines: "orders.error.noLines" }, "orders.error.noLines");
    // The switches are shown only to who may remove charges: for anyone else an absent box means nothing.
    const mayRemoveCharges = can(actorPermissions(actor), "order:remove-charges");
    const flag = (name: string) => !mayRemoveCharges || values[name] === "on" || values[name] === "true";
    if (values.intent === "preview") return json({ ok: true as const, preview: true, values });

    const input = {
      ...(actor.orgKind !== "PRODUCER" ? { seller: relation.producer.id } : {}),
      ...(actor.orgKind !== "RETAILER" ? { buyer: relation.partner.id } : {}),
      distribution: values.distribution,
      deliveryDate: values.deliveryDate,
      note: values.note,
      lines,
      applyGroupDiscount: flag("applyGroupDiscount"),
      taxesEnabled: flag("taxesEnabled"),
      depositsEnabled: flag("depositsEnabled"),
    };
    try {
      const order = await createOrder(actor, input, { idempotencyKey: String(values.idempotencyKey ?? "") || undefined });
      return redirectWithToast(`/o/${actor.orgSlug}/orders/${order.id}`, t("orders.placed", { number: order.number, seller: order.seller.name }));
    } catch (error) {
      // The service names lines by position (`lines.2.quantity`): the form names them by format.
      if (isAppError(error) && error.code === "validation_failed" && error.details?.fields) {
        const renamed: FieldErrors = {};
        for (const [key, message] of Object.entries(error.details.fields as FieldErrors)) {
          const m = /^lines\.(\d+)\./.exec(key);
          renamed[m && lines[Number(m[1])] ? `${QTY}${lines[Number(m[1])].formatId}` : key] = message;
        }
        throw validationError(renamed, error.message);
      }
      throw error;
    }
  });
}

type FormData_ = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["form"]>;
type ActionData = FormErrorData | { ok: true; preview: true; values: Record<string, unknown> };

export default function NewOrderPage() {
  const t = useT();
  const { org } = useOrgLayout();
  const { choices, form } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to={`/o/${org.slug}/orders`} className="link">
          ← {t("orders.backToList")}
        </Link>
      </p>
      {form ? (
        <OrderForm key={form.relation.id} form={form} canChange={choices.length > 1} />
      ) : (
        <>
          <PageHeader title={t("orders.new.title")} description={t(`orders.new.choose.${org.kind}`)} />
          {choices.length === 0 ? (
            <EmptyState
              title={t("orders.new.noRelation.title")}
              description={t(`orders.new.noRelation.${org.kind}`)}
              action={
                <Link to={`/o/${org.slug}/relations`} className="btn-secondary">
                  {t("nav.relations")}
                </Link>
              }
            />
          ) : (
            <PartnerChoice choices={choices} />
          )}
        </>
      )}
    </>
  );
}

function PartnerChoice({ choices }: { choices: { id: string; producer: string; customer: string }[] }) {
  const t = useT();
  const { org } = useOrgLayout();
  const [q, setQ] = useState("");
  const both = org.kind === "REP_AGENCY" || org.kind === "DISTRIBUTOR";
  const label = (c: (typeof choices)[number]) => (org.kind === "RETAILER" ? c.producer : org.kind === "PRODUCER" ? c.customer : `${c.customer} · ${c.producer}`);
  const shown = choices.filter((c) => !q || label(c).toLowerCase().includes(q.toLowerCase()));
  return (
    <section aria-labelledby="choose-title">
      <h2 id="choose-title" className="sr-only">
        {t(`orders.new.choose.${org.kind}`)}
      </h2>
      {choices.length > 8 ? (
        <div className="mb-4 max-w-sm">
          <label htmlFor="partner-q" className="label">
            {t("action.search")}
          </label>
          <input id="partner-q" type="search" className="input mt-1" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
      ) : null}
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {shown.map((c) => (
          <li key={c.id}>
            <Link to={`?relation=${c.id}`} className="card block p-4 hover:ring-brand-300">
              <span className="block font-semibold text-stone-900">{org.kind === "RETAILER" ? c.producer : c.customer}</span>
              {both ? <span className="block text-sm text-stone-600">{t("orders.new.forProducer", { producer: c.producer })}</span> : null}
              <span className="mt-2 block text-sm font-medium text-brand-700">{t("orders.new.start")} →</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function OrderForm({ form, canChange }: { form: FormData_; canChange: boolean }) {
  const t = useT();
  const tc = useTCount();
  const fmt = useFormat();
  const { org } = useOrgLayout();
  const actionData = useActionData<ActionData>();
  const { money, unitPrice } = useOrderMoney(form.currency);
  const posted = actionData?.values;
  const errors = actionData && !actionData.ok ? actionData.fieldErrors : {};
  const id = useId();
  const { relation } = form;

  // What the form starts with: the last post (kept after an error or a preview), else the defaults.
  const initialQuantities = useMemo(() => {
    const q: Record<string, string> = {};
    for (const p of form.products) for (const f of p.formats) q[f.id] = posted ? String(posted[`${QTY}${f.id}`] ?? "") : form.prefill[f.id] ? String(form.prefill[f.id]) : "";
    return q;
  }, [form, posted]);
  const initialFlag = (name: string) => (posted && form.canRemoveCharges ? posted[name] === "on" : true);
  const [quantities, setQuantities] = useState(initialQuantities);
  const [applyGroupDiscount, setApplyGroupDiscount] = useState(initialFlag("applyGroupDiscount"));
  const [taxesEnabled, setTaxesEnabled] = useState(initialFlag("taxesEnabled"));
  const [depositsEnabled, setDepositsEnabled] = useState(initialFlag("depositsEnabled"));
  useEffect(() => {
    setQuantities(initialQuantities);
    if (posted && form.canRemoveCharges) {
      setApplyGroupDiscount(posted.applyGroupDiscount === "on");
      setTaxesEnabled(posted.taxesEnabled === "on");
      setDepositsEnabled(posted.depositsEnabled === "on");
    }
  }, [initialQuantities, posted]);

  // Search and families work in the browser; without JavaScript the whole catalog shows.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const [q, setQ] = useState("");
  const [family, setFamily] = useState("");
  const [onlyOrdered, setOnlyOrdered] = useState(false);

  const discountBps = applyGroupDiscount ? relation.groupDiscountBps : 0;
  const formats = form.products.flatMap((p) => p.formats);
  const ordered = formats.flatMap((f) => {
    const text = (quantities[f.id] ?? "").trim();
    const quantity = /^\d{1,7}$/.test(text) ? Number(text) : 0;
    return quantity > 0 ? [{ format: f, quantity }] : [];
  });
  const { totals, lines: amounts } = computeTotals(
    ordered.map(({ format, quantity }) => ({ kind: "ITEM" as const, quantity, unitPrice4: format.unitPrice4, discountBps, taxRateBps: format.taxRateBps, depositCents: format.depositCents })),
    { taxesEnabled, depositsEnabled },
  );
  const lineTotal = new Map(ordered.map((o, i) => [o.format.id, amounts[i].totalCents]));
  const goods = totals.subtotalCents - totals.discountCents;
  const belowMinimum = relation.minOrderCents > 0 && ordered.length > 0 && goods < relation.minOrderCents;
  const units = ordered.reduce((n, o) => n + o.quantity, 0);

  const visible = (p: FormData_["products"][number]) =>
    (!family || p.family === family) &&
    (!q || foldText(`${p.name} ${p.sku}`).includes(foldText(q))) &&
    (!onlyOrdered || p.formats.some((f) => lineTotal.has(f.id)));

  const title = org.kind === "RETAILER" ? relation.producer.name : relation.customer.name;
  const distributionLocked = org.kind === "DISTRIBUTOR";
  const preview = actionData?.ok === true;

  return (
    <Form method="post" noValidate aria-label={t("orders.new.title")}>
      <input type="hidden" name="relation" value={relation.id} />
      <input type="hidden" name="idempotencyKey" value={String(posted?.idempotencyKey ?? form.idempotencyKey)} />
      <PageHeader
        title={t("orders.new.titleFor", { name: title })}
        description={
          org.kind === "RETAILER"
            ? t("orders.new.introRetailer")
            : org.kind === "PRODUCER"
              ? t("orders.new.introProducer")
              : t("orders.new.introServed", { producer: relation.producer.name, customer: relation.customer.name })
        }
        actions={
          canChange ? (
            <Link to="?" className="btn-ghost">
              {t(org.kind === "RETAILER" ? "orders.new.changeProducer" : "orders.new.changeCustomer")}
            </Link>
          ) : undefined
        }
      />
      {form.from ? (
        <p className="mb-4 rounded-md bg-brand-50 px-4 py-3 text-sm text-brand-900 ring-1 ring-brand-200">
          {t("orders.new.reorderFrom", { number: form.from.number })}
          {form.from.dropped > 0 ? ` ${tc("orders.new.reorderDropped", form.from.dropped)}` : ""}
        </p>
      ) : null}
      {actionData && !actionData.ok ? (
        <div className="mb-4">
          <FormError message={actionData.formError} />
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3 lg:items-start">
        <section aria-labelledby={`${id}-catalog`} className="space-y-4 lg:col-span-2">
          <h2 id={`${id}-catalog`} className="sr-only">
            {t("orders.new.catalog")}
          </h2>
          {relation.groupName && relation.groupDiscountBps > 0 ? (
            <p className="rounded-md bg-stone-100 px-4 py-2 text-sm text-stone-700">
              {t("orders.new.groupDiscount", { group: relation.groupName, discount: fmt.percent(relation.groupDiscountBps) })}
            </p>
          ) : null}
          {hydrated ? (
            <div role="search" className="card flex flex-col gap-3 p-4 sm:flex-row sm:items-end">
              <div className="flex-1">
                <label htmlFor={`${id}-q`} className="label">
                  {t("catalog.search.label")}
                </label>
                <input id={`${id}-q`} type="search" className="input mt-1" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t("catalog.search.placeholder")} />
              </div>
              {form.families.length > 1 ? (
                <div className="sm:w-52">
                  <label htmlFor={`${id}-family`} className="label">
                    {t("catalog.family.label")}
                  </label>
                  <select id={`${id}-family`} className="input mt-1" value={family} onChange={(e) => setFamily(e.target.value)}>
                    <option value="">{t("catalog.family.all")}</option>
                    {form.families.map((f) => (
                      <option key={f} value={f}>
                        {f}
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
              <label className="inline-flex items-center gap-2 pb-2 text-sm">
                <input type="checkbox" checked={onlyOrdered} onChange={(e) => setOnlyOrdered(e.target.checked)} className="h-4 w-4 rounded border-stone-300" />
                {t("orders.new.onlyOrdered")}
              </label>
            </div>
          ) : null}
          {form.products.length === 0 ? (
            <EmptyState title={t("catalog.partner.empty.title")} description={t("catalog.partner.empty.description")} />
          ) : (
            groupByFamily(form.products).map((group) => {
              const shown = group.items.filter(visible);
              return (
                <section key={group.family || "-"} hidden={shown.length === 0} aria-label={group.family || t("catalog.family.none")}>
                  <h3 className="mb-2 text-base font-semibold text-stone-900">{group.family || t("catalog.family.none")}</h3>
                  <div className="card overflow-x-auto">
                    <table className="table-base sm:table-fixed">
                      <thead className="bg-stone-50">
                        <tr>
                          <th scope="col" className="sm:w-[28%]">{t("catalog.product.name")}</th>
                          <th scope="col">{t("catalog.format.name")}</th>
                          <th scope="col" className="!text-right sm:w-32">
                            {t("catalog.format.unitPrice")}
                          </th>
                          <th scope="col" className="!text-right sm:w-32">
                            {t("orders.col.quantity")}
                          </th>
                          <th scope="col" className="!text-right sm:w-28">
                            {t("orders.col.lineTotal")}
                          </th>
                        </tr>
                      </thead>
                      <tbody className="divide-y divide-stone-100">
                        {group.items.flatMap((product) =>
                          product.formats.map((format, index) => {
                            const name = `${QTY}${format.id}`;
                            const error = errors[name];
                            const price = discountedUnitPrice4(format.unitPrice4, discountBps);
                            return (
                              <tr key={format.id} hidden={!visible(product)} className={lineTotal.has(format.id) ? "bg-brand-50/40" : undefined}>
                                {index === 0 ? (
                                  <th scope="row" rowSpan={product.formats.length} className="align-top font-medium text-stone-900">
                                    {product.name}
                                    <span className="block font-mono text-xs font-normal text-stone-500">{product.sku}</span>
                                  </th>
                                ) : null}
                                <td>
                                  <label htmlFor={`${id}-${format.id}`}>{format.name}</label>
                                  {format.depositCents > 0 ? (
                                    <span className="block text-xs text-stone-500">{t("catalog.format.plusDeposit", { amount: money(format.depositCents) })}</span>
                                  ) : null}
                                </td>
                                <td className="whitespace-nowrap text-right tabular-nums">
                                  {discountBps > 0 ? <s className="mr-1 text-xs text-stone-400">{unitPrice(format.unitPrice4)}</s> : null}
                                  <span className="font-medium">{unitPrice(price)}</span>
                                </td>
                                <td className="text-right">
                                  <input
                                    id={`${id}-${format.id}`}
                                    name={name}
                                    type="text"
                                    inputMode="numeric"
                                    pattern="[0-9]*"
                                    autoComplete="off"
                                    aria-label={t("orders.new.quantityOf", { product: product.name, format: format.name })}
                                    aria-invalid={error ? true : undefined}
                                    aria-describedby={error ? `${id}-${format.id}-error` : undefined}
                                    className="input w-24 text-right tabular-nums"
                                    value={quantities[format.id] ?? ""}
                                    onChange={(e) => setQuantities((prev) => ({ ...prev, [format.id]: e.target.value }))}
                                  />
                                  {error ? (
                                    <p id={`${id}-${format.id}-error`} className="mt-1 text-xs text-red-700">
                                      {error}
                                    </p>
                                  ) : null}
                                </td>
                                <td className="whitespace-nowrap text-right tabular-nums text-stone-700">
                                  {lineTotal.has(format.id) ? money(lineTotal.get(format.id)!) : <span className="text-stone-300">—</span>}
                                </td>
                              </tr>
                            );
                          }),
                        )}
                      </tbody>
                    </table>
                  </div>
                </section>
              );
            })
          )}
        </section>

        <aside aria-labelledby={`${id}-summary`} className="card space-y-4 p-5 lg:sticky lg:top-4">
          <h2 id={`${id}-summary`} className="text-base font-semibold">
            {t("orders.new.summary")}
          </h2>
          <div aria-live="polite">
            <p className="text-sm text-stone-600">{ordered.length ? tc("orders.new.lineCount", ordered.length) + " · " + tc("orders.new.unitCount", units) : t("orders.new.nothingYet")}</p>
            <TotalsList totals={totals} money={money} />
            {belowMinimum ? (
              <div className="mt-3">
                <BelowMinimumNotice minimum={money(relation.minOrderCents)} />
              </div>
            ) : null}
          </div>
          {preview ? (
            <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-200">
              {t("orders.new.previewed")}
            </p>
          ) : null}
          {errors.lines ? (
            <p role="alert" className="text-sm text-red-700">
              {errors.lines}
            </p>
          ) : null}
          {form.canRemoveCharges ? (
            <fieldset className="space-y-2">
              <legend className="label mb-1">{t("orders.new.options")}</legend>
              {relation.groupDiscountBps > 0 ? (
                <Checkbox name="applyGroupDiscount" checked={applyGroupDiscount} onChange={setApplyGroupDiscount}>
                  {t("orders.new.applyGroupDiscount", { discount: fmt.percent(relation.groupDiscountBps) })}
                </Checkbox>
              ) : (
                <input type="hidden" name="applyGroupDiscount" value="on" />
              )}
              <Checkbox name="taxesEnabled" checked={taxesEnabled} onChange={setTaxesEnabled}>
                {t("orders.new.taxes")}
              </Checkbox>
              <Checkbox name="depositsEnabled" checked={depositsEnabled} onChange={setDepositsEnabled}>
                {t("orders.new.deposits")}
              </Checkbox>
            </fieldset>
          ) : null}
          <div>
            <label htmlFor={`${id}-distribution`} className="label">
              {t("orders.field.distribution")}
            </label>
            {distributionLocked ? (
              <>
                <input type="hidden" name="distribution" value="DISTRIBUTOR" />
                <p id={`${id}-distribution`} className="mt-1 text-sm">
                  {t("relations.distribution.DISTRIBUTOR")}
                </p>
              </>
            ) : (
              <select
                id={`${id}-distribution`}
                name="distribution"
                className="input mt-1"
                defaultValue={String(posted?.distribution ?? relation.defaultDistribution)}
                aria-invalid={errors.distribution ? true : undefined}
                aria-describedby={errors.distribution ? `${id}-distribution-error` : undefined}
              >
                {DISTRIBUTIONS.map((d) => (
                  <option key={d} value={d}>
                    {t(`relations.distribution.${d}`)}
                  </option>
                ))}
              </select>
            )}
            {errors.distribution ? (
              <p id={`${id}-distribution-error`} className="mt-1 text-sm text-red-700" role="alert">
                {errors.distribution}
              </p>
            ) : null}
          </div>
          <div>
            <label htmlFor={`${id}-date`} className="label">
              {t("orders.field.deliveryDate")}
            </label>
            <input
              id={`${id}-date`}
              name="deliveryDate"
              type="date"
              required
              min={form.today}
              className="input mt-1"
              defaultValue={String(posted?.deliveryDate ?? form.deliveryDate)}
              aria-invalid={errors.deliveryDate ? true : undefined}
              aria-describedby={errors.deliveryDate ? `${id}-date-error` : undefined}
            />
            {errors.deliveryDate ? (
              <p id={`${id}-date-error`} className="mt-1 text-sm text-red-700" role="alert">
                {errors.deliveryDate}
              </p>
            ) : null}
          </div>
          <TextAreaField label={t("orders.field.note")} name="note" rows={3} maxLength={2000} defaultValue={String(posted?.note ?? "")} error={errors.note} />
          <div className="flex flex-col gap-2">
            <SubmitButton intent="place" className="btn-primary w-full">
              {t("orders.new.place")}
            </SubmitButton>
            {/* With JavaScript the total follows every keystroke; without it, the server computes it. */}
            {hydrated ? null : (
              <SubmitButton intent="preview" className="btn-secondary w-full">
                {t("orders.new.preview")}
              </SubmitButton>
            )}
          </div>
          <p className="text-xs text-stone-500">{t("orders.new.estimate")}</p>
        </aside>
      </div>
    </Form>
  );
}

function Checkbox({ name, checked, onChange, children }: { name: string; checked: boolean; onChange: (v: boolean) => void; children: React.ReactNode }) {
  return (
    <label className="flex cursor-pointer items-center gap-2 text-sm">
      <input type="checkbox" name={name} checked={checked} onChange={(e) => onChange(e.target.checked)} className="h-4 w-4 rounded border-stone-300 text-brand-600 focus:ring-brand-500" />
      {children}
    </label>
  );
}

export function ErrorBoundary() {
  const t = useT();
  const { org } = useOrgLayout();
  return <RouteErrorBoundary backTo={`/o/${org.slug}/orders`} backLabel={t("orders.backToList")} />;
}
