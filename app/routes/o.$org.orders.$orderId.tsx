import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useId, type ReactNode } from "react";
import { DocumentUploadForm } from "~/components/document-upload-form";
import { useFormat, useT } from "~/components/i18n";
import { useLiveOrders } from "~/components/live";
import { formFieldOfServiceError, Notice, OrderEditForm, readOrderEditForm, useLockRenewal, type EditFormat } from "~/components/order-edit";
import { OrderChat } from "~/components/order-chat";
import { OrderHistory } from "~/components/order-history";
import { useCan, useOrgLayout } from "~/components/org-nav";
import {
  BelowMinimumNotice,
  Fact,
  InvoiceBadge,
  OrderStatusBadge,
  OrderSteps,
  TotalsList,
  useDeliveryDate,
  useOrderMoney,
} from "~/components/orders";
import { FormError } from "~/components/ui/field";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { SubmitButton } from "~/components/ui/submit-button";
import { handleOrgForm, loadOrgPage } from "~/http/org-route.server";
import type { FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { getPartnerCatalog } from "~/modules/catalog/partner-catalog.server";
import { publishInvoice } from "~/modules/invoice/publish-invoice.server";
import { listTaxRates } from "~/modules/catalog/tax-rates.server";
import { openConversation } from "~/modules/chat/chat.server";
import type { OrgActor } from "~/modules/org/actor";
import { amendOrder } from "~/modules/order/amend-order.server";
import { listOrderDocuments } from "~/modules/order/documents.server";
import { listInvoiceDocuments } from "~/modules/invoice/documents.server";
import { InvoiceDocumentLinks } from "~/components/invoice-document-links";
import { getOrderHistory } from "~/modules/order/history.server";
import { acquireOrderLock, releaseOrderLock } from "~/modules/order/lock.server";
import { listOrders } from "~/modules/order/order-list.server";
import { getOrder } from "~/modules/order/order-view.server";
import { transitionOrder } from "~/modules/order/transitions.server";
import type { OrderView } from "~/modules/order/types";
import { AppError, isAppError, validationError } from "~/utils/errors";
import type { Translate } from "~/utils/i18n";
import { translateMaybe } from "~/utils/i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Comptoir` : "Comptoir" }];

const TABS = ["details", "history", "messages", "customer", "documents"] as const;
type Tab = (typeof TABS)[number];

/** The seller's formats an editor may add (its active catalog as this organization sees it). */
async function editFormats(actor: OrgActor, sellerId: string): Promise<EditFormat[]> {
  try {
    const catalog = await getPartnerCatalog(actor, sellerId, {}, 5_000);
    return catalog.products.flatMap((p) =>
      p.formats.map((f) => ({ id: f.id, label: `${p.name} — ${f.name}`, family: p.family, unitPrice4: f.unitPrice4, taxRateBps: f.taxRateBps, depositCents: f.depositCents })),
    );
  } catch (error) {
    // A rep or distributor whose agreement with the producer ended can still edit the lines it has.
    if (isAppError(error) && error.code === "not_found") return [];
    throw error;
  }
}

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const tabParam = url.searchParams.get("tab") ?? "details";
  const tab: Tab = (TABS as readonly string[]).includes(tabParam) ? (tabParam as Tab) : "details";
  const wantsEdit = url.searchParams.get("edit") === "1" && tab === "details";
  return loadOrgPage(args, async ({ actor, user, t }) => {
    const orderId = args.params.orderId ?? "";
    let order = await getOrder(actor, orderId);
    let editing = false;
    let lockRefused: string | null = null;
    if (wantsEdit && order.actions.includes("amend")) {
      try {
        // Opening the edit mode takes (or renews) the lease: others see who is editing.
        await acquireOrderLock(actor, orderId);
        order = await getOrder(actor, orderId);
        editing = true;
      } catch (error) {
        if (!isAppError(error) || error.code !== "locked") throw error;
        lockRefused = (error.details?.lockedBy as { name?: string } | undefined)?.name ?? "";
      }
    }
    const [history, customerOrders, documents, chat, formats, feeTaxRateBps] = await Promise.all([
      tab === "history" ? getOrderHistory(actor, orderId) : null,
      tab === "customer" ? listOrders(actor, { buyer: order.buyer.id, seller: order.seller.id, limit: 50 }) : null,
      tab === "documents" ? Promise.all([listOrderDocuments(actor, orderId), listInvoiceDocuments(actor, orderId)]) : null,
      // The conversation on screen is read.
      tab === "messages" ? openConversation(actor, orderId) : null,
      editing ? editFormats(actor, order.seller.id) : null,
      // New fees and rebates take the producer's default rate: the live total needs it.
      editing && actor.orgKind === "PRODUCER" ? listTaxRates(actor).then((rates) => rates.find((r) => r.isDefault)?.rateBps ?? null) : null,
    ]);
    return json({
      order,
      tab,
      editing,
      lockRefused,
      me: user.id,
      history: history?.events ?? null,
      customerOrders: customerOrders ? { orders: customerOrders.orders.filter((o) => o.id !== order.id), more: Boolean(customerOrders.nextCursor) } : null,
      documents: documents?.[0] ?? null,
      invoiceDocuments: documents?.[1] ?? [],
      messages: chat?.messages ?? null,
      formats,
      feeTaxRateBps,
      title: t("orders.number", { number: order.number }),
    });
  });
}

// Renewing the lock changes nothing on the page: no reload of the order under the user's typing.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "renew-lock" ? false : defaultShouldRevalidate;

type ConflictData = FormErrorData & { conflict: true; current: OrderView };
type LockedData = FormErrorData & { lockedBy: string };
type ActionData = FormErrorData | ConflictData | LockedData | { ok: true };

function lockedMessage(error: AppError, t: Translate): { name: string; message: string } {
  const name = (error.details?.lockedBy as { name?: string } | undefined)?.name ?? "";
  return { name, message: name ? t("orders.lock.heldBy", { name }) : t("error.locked") };
}

export async function action(args: ActionFunctionArgs) {
  const orderId = args.params.orderId ?? "";
  return handleOrgForm(args, async ({ actor, t, values, language }) => {
    const here = `/o/${actor.orgSlug}/orders/${orderId}`;
    const intent = String(values.intent ?? "");
    const version = values.version;
    try {
      switch (intent) {
        case "renew-lock":
          await acquireOrderLock(actor, orderId);
          return json({ ok: true as const });
        case "cancel-edit":
          await releaseOrderLock(actor, orderId);
          return redirectWithToast(here, t("orders.edit.cancelled"));
        case "save":
        case "save-accept": {
          const form = readOrderEditForm(values);
          if (Object.keys(form.fields).length) throw validationError(form.fields);
          let order: OrderView;
          try {
            order = await amendOrder(actor, orderId, {
              version,
              lines: form.lines,
              note: form.note,
              deliveryDate: form.deliveryDate || undefined,
              taxesEnabled: form.taxesEnabled,
              depositsEnabled: form.depositsEnabled,
              releaseLock: true,
            });
          } catch (error) {
            // The service names lines by position in the list sent: the form names its rows.
            if (isAppError(error) && error.code === "validation_failed" && error.details?.fields) {
              const fields: Record<string, string> = {};
              for (const [key, message] of Object.entries(error.details.fields as Record<string, string>)) {
                fields[formFieldOfServiceError(key, form.rowOfLine)] = message;
              }
              throw validationError(fields, error.message);
            }
            throw error;
          }
          if (intent === "save-accept") {
            await transitionOrder(actor, orderId, "accept", { version: order.version });
            return redirectWithToast(here, t("orders.edit.savedAccepted", { number: order.number }));
          }
          return redirectWithToast(here, t("orders.edit.saved", { number: order.number }));
        }
        case "accept":
        case "reject":
        case "cancel":
        case "ship":
        case "restore": {
          const reason = typeof values.reason === "string" && values.reason.trim() ? values.reason.trim() : undefined;
          const order = await transitionOrder(actor, orderId, intent, { version, reason });
          return redirectWithToast(here, t(`orders.done.${intent}`, { number: order.number }));
        }
        case "publish-invoice": {
          const invoice = await publishInvoice(actor, orderId, { version });
          return redirectWithToast(here, t("invoices.publish.done", { number: invoice.number }));
        }
        case "deliver": {
          const received = Object.entries(values).flatMap(([key, value]) => {
            const m = /^received\.(.+)$/.exec(key);
            return m && typeof value === "string" && value.trim() !== "" ? [{ lineId: m[1], quantity: value.trim() }] : [];
          });
          const order = await transitionOrder(actor, orderId, "deliver", { version, received });
          const message = order.extraOrderId ? t("orders.done.deliverWithExtra", { number: order.number }) : t("orders.done.deliver", { number: order.number });
          return redirectWithToast(order.extraOrderId ? `/o/${actor.orgSlug}/orders/${order.extraOrderId}` : here, message);
        }
        default:
          throw validationError({ intent: "field.invalid" });
      }
    } catch (error) {
      if (!isAppError(error)) throw error;
      const safe = values;
      if (intent === "renew-lock") {
        return json({ ok: false as const, lockedBy: error.code === "locked" ? { name: lockedMessage(error, t).name } : undefined }, { status: error.status });
      }
      if (error.code === "conflict") {
        // The user's typing stays in the form; the current version shows next to it.
        const current = await getOrder(actor, orderId);
        return json<ConflictData>(
          { ok: false, conflict: true, current, formError: translateMaybe(language, "error.conflict"), fieldErrors: {}, values: safe },
          { status: 409 },
        );
      }
      if (error.code === "locked") {
        const { name, message } = lockedMessage(error, t);
        return json<LockedData>({ ok: false, lockedBy: name, formError: message, fieldErrors: {}, values: safe }, { status: 423 });
      }
      throw error;
    }
  });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function OrderPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const { org } = useOrgLayout();
  const { order, tab, editing } = data;
  const { changed } = useLiveOrders({ orderId: order.id, version: order.version, paused: editing });
  const { lost } = useLockRenewal(editing);
  const base = `/o/${org.slug}/orders/${order.id}`;
  const error = actionData && !actionData.ok ? actionData : null;
  // Errors of the edit form show inside it; the others above the page.
  const editError = editing && error && ["save", "save-accept", "restore", "cancel-edit"].includes(String(error.values.intent ?? "")) ? error : null;
  const tabs: { id: Tab; label: string }[] = [
    { id: "details", label: t("orders.tab.details") },
    { id: "history", label: t("orders.tab.history") },
    { id: "messages", label: t("orders.tab.messages") },
    { id: "customer", label: t("orders.tab.customer") },
    { id: "documents", label: t("orders.tab.documents") },
  ];
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to={`/o/${org.slug}/orders`} className="link">
          ← {t("orders.backToList")}
        </Link>
      </p>
      <OrderHeader data={data} />
      <div className="mb-6 space-y-3">
        {error && !editError ? <FormError message={error.formError} /> : null}
        {changed ? (
          <Notice tone="warning">
            <span className="flex flex-wrap items-center gap-3">
              {t("orders.live.changed")}
              <a href={`${base}?edit=1`} className="btn-secondary px-3 py-1">
                {t("orders.live.reload")}
              </a>
            </span>
          </Notice>
        ) : null}
        {lost !== null ? <Notice tone="danger">{lost ? t("orders.lock.lostTo", { name: lost }) : t("orders.lock.lost")}</Notice> : null}
        <StatusNotices data={data} />
      </div>
      <Actions data={data} />
      <nav aria-label={t("orders.tabs.label")} className="mb-6 mt-6 overflow-x-auto">
        <ul className="flex min-w-max gap-1 border-b border-stone-200">
          {tabs.map((item) => (
            <li key={item.id}>
              <Link
                to={item.id === "details" ? base : `${base}?tab=${item.id}`}
                aria-current={tab === item.id ? "page" : undefined}
                preventScrollReset
                className={`-mb-px inline-flex border-b-2 px-4 py-2 text-sm font-medium ${
                  tab === item.id ? "border-brand-600 text-brand-800" : "border-transparent text-stone-600 hover:text-stone-900"
                }`}
              >
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === "details" ? editing ? <EditPanel data={data} error={editError} /> : <Details order={order} /> : null}
      {tab === "history" && data.history ? <OrderHistory events={data.history} currency={order.currency} /> : null}
      {tab === "messages" && data.messages ? (
        <OrderChat
          orderId={order.id}
          orgSlug={org.slug}
          me={data.me}
          parties={[order.seller, order.buyer, order.rep, order.distributor].flatMap((o) => (o ? [o.name] : [])).join(", ")}
          messages={data.messages}
        />
      ) : null}
      {tab === "customer" && data.customerOrders ? <CustomerOrders data={data} /> : null}
      {tab === "documents" && data.documents ? <Documents data={data} /> : null}
    </>
  );
}

function OrderHeader({ data }: { data: LoaderData }) {
  const t = useT();
  const fmt = useFormat();
  const { org } = useOrgLayout();
  const { order } = data;
  const { money } = useOrderMoney(order.currency);
  const day = useDeliveryDate();
  const sellerSide = order.viewerSide !== "buyer";
  return (
    <header className="mb-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div>
          <h1 className="flex flex-wrap items-center gap-3 text-2xl font-bold tracking-tight text-stone-900">
            {t("orders.number", { number: order.number })} <OrderStatusBadge status={order.status} />
            {order.invoice ? <InvoiceBadge invoice={order.invoice} /> : null}
          </h1>
          <p className="mt-1 text-sm text-stone-600">
            {t("orders.header.between", { seller: order.seller.name, buyer: order.buyer.name })} · {t("orders.header.placedOn", { date: fmt.dateTime(order.createdAt) })}
          </p>
        </div>
        <div className="text-right">
          <p className="text-xs font-medium uppercase tracking-wide text-stone-500">{t("orders.totals.total")}</p>
          <p className="text-2xl font-bold tabular-nums text-stone-900">{money(order.totalCents)}</p>
        </div>
      </div>
      <div className="mt-4">
        <OrderSteps status={order.status} />
      </div>
      <dl className="card mt-4 grid gap-x-6 gap-y-4 p-5 sm:grid-cols-2 lg:grid-cols-4">
        <Fact label={t("orders.col.seller")}>{order.seller.name}</Fact>
        <Fact label={t("orders.col.customer")}>
          {sellerSide ? (
            <Link to={`/o/${org.slug}/customers/${order.buyer.id}`} className="link">
              {order.buyer.name}
            </Link>
          ) : (
            order.buyer.name
          )}
        </Fact>
        <Fact label={t("orders.field.rep")}>{order.rep?.name ?? <span className="text-stone-400">{t("common.none")}</span>}</Fact>
        <Fact label={t("orders.field.distributor")}>{order.distributor?.name ?? <span className="text-stone-400">{t("common.none")}</span>}</Fact>
        <Fact label={t("orders.field.deliveryDate")}>{day(order.deliveryDate)}</Fact>
        <Fact label={t("orders.field.distribution")}>{t(`relations.distribution.${order.distribution}`)}</Fact>
        <Fact label={t("orders.field.options")}>
          {[
            order.taxesEnabled ? t("orders.options.taxes") : t("orders.options.noTaxes"),
            order.depositsEnabled ? t("orders.options.deposits") : t("orders.options.noDeposits"),
          ].join(" · ")}
        </Fact>
        <Fact label={t("orders.field.version")}>{t("orders.header.version", { version: order.version })}</Fact>
      </dl>
      {order.belowMinimum ? (
        <div className="mt-4">
          <BelowMinimumNotice minimum={money(order.minOrderCents)} />
        </div>
      ) : null}
    </header>
  );
}

function StatusNotices({ data }: { data: LoaderData }) {
  const t = useT();
  const { org } = useOrgLayout();
  const { order, me, editing, lockRefused } = data;
  const notices: ReactNode[] = [];
  if (lockRefused !== null) notices.push(<Notice key="refused" tone="warning">{lockRefused ? t("orders.lock.heldBy", { name: lockRefused }) : t("error.locked")}</Notice>);
  else if (order.lockedBy && order.lockedBy.id !== me) notices.push(<Notice key="lock" tone="info">{t("orders.lock.heldBy", { name: order.lockedBy.name })}</Notice>);
  if (order.viewerSide === "buyer" && (order.status === "PENDING" || order.status === "ACCEPTED")) {
    notices.push(
      <Notice key="buyer" tone="info">
        {t("orders.buyerNotice")}{" "}
        <Link to={`/o/${org.slug}/orders/${order.id}?tab=messages`} className="link">
          {t("orders.tab.messages")}
        </Link>
      </Notice>,
    );
  }
  if (order.parentOrderId) {
    notices.push(
      <Notice key="extra" tone="info">
        {t("orders.extraOf")}{" "}
        <Link to={`/o/${org.slug}/orders/${order.parentOrderId}`} className="link">
          {t("orders.openParent")}
        </Link>
      </Notice>,
    );
  }
  if (editing) notices.push(<Notice key="editing" tone="info">{t("orders.edit.youAreEditing")}</Notice>);
  return <>{notices}</>;
}

/** The actions the user may take now (the service says which), nothing else. */
function Actions({ data }: { data: LoaderData }) {
  const t = useT();
  const can = useCan();
  const { org } = useOrgLayout();
  const { order, me, editing } = data;
  const id = useId();
  const has = (a: OrderView["actions"][number]) => order.actions.includes(a);
  const lockedByOther = Boolean(order.lockedBy && order.lockedBy.id !== me) || data.lockRefused !== null;
  const version = <input type="hidden" name="version" value={order.version} />;
  if (editing) return null;
  const buttons: ReactNode[] = [];
  if (has("amend") && !lockedByOther) {
    buttons.push(
      <Link key="edit" to={`/o/${org.slug}/orders/${order.id}?edit=1`} className="btn-secondary">
        {t("orders.action.edit")}
      </Link>,
    );
  }
  if (has("accept")) {
    buttons.push(
      <Form key="accept" method="post">
        {version}
        <SubmitButton intent="accept">{t("orders.action.accept")}</SubmitButton>
      </Form>,
    );
  }
  if (has("ship")) {
    buttons.push(
      <Form key="ship" method="post">
        {version}
        <SubmitButton intent="ship">{t("orders.action.ship")}</SubmitButton>
      </Form>,
    );
  }
  const reorder = can("order:create") ? (
    <Link key="reorder" to={`/o/${org.slug}/orders/new?from=${order.id}`} className="btn-ghost sm:ml-auto">
      {t("orders.action.reorder")}
    </Link>
  ) : null;
  if (buttons.length === 0 && !has("deliver") && !has("reject") && !has("cancel") && !has("restore") && !reorder) return null;
  const items = order.lines.filter((l) => l.kind === "ITEM");
  return (
    <section aria-label={t("orders.actions.label")} className="flex flex-wrap items-start gap-3">
      {buttons}
      {has("deliver") ? (
        <details className="group w-full rounded-lg bg-white ring-1 ring-stone-200 open:shadow-sm sm:w-auto">
          <summary className="btn-primary cursor-pointer list-none">{t("orders.action.deliver")}…</summary>
          <Form method="post" className="space-y-3 p-4" aria-label={t("orders.deliver.formLabel")}>
            {version}
            <p className="text-sm text-stone-600">{t("orders.deliver.intro")}</p>
            <table className="table-base">
              <thead>
                <tr>
                  <th scope="col">{t("orders.col.item")}</th>
                  <th scope="col" className="!text-right">
                    {t("orders.deliver.ordered")}
                  </th>
                  <th scope="col" className="!text-right">
                    {t("orders.deliver.received")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((line) => (
                  <tr key={line.id}>
                    <td>
                      <label htmlFor={`${id}-${line.id}`}>{line.description}</label>
                    </td>
                    <td className="text-right tabular-nums">{line.quantity}</td>
                    <td className="text-right">
                      <input id={`${id}-${line.id}`} name={`received.${line.id}`} inputMode="numeric" className="input w-24 text-right" defaultValue={line.quantity} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <SubmitButton intent="deliver">{t("orders.deliver.confirm")}</SubmitButton>
          </Form>
        </details>
      ) : null}
      {has("restore") ? (
        <ConfirmAction intent="restore" label={t("orders.action.restore")} text={t("orders.restore.confirm")} confirm={t("orders.restore.submit")} version={order.version} />
      ) : null}
      {has("reject") ? (
        <ConfirmAction intent="reject" label={t("orders.action.reject")} text={t("orders.reject.confirm")} confirm={t("orders.reject.submit")} version={order.version} danger withReason />
      ) : null}
      {has("cancel") ? (
        <ConfirmAction intent="cancel" label={t("orders.action.cancel")} text={t("orders.cancel.confirm")} confirm={t("orders.cancel.submit")} version={order.version} danger withReason />
      ) : null}
      {reorder}
    </section>
  );
}

/** An action asked twice: a disclosure that works without JavaScript, then the confirming button. */
function ConfirmAction({
  intent,
  label,
  text,
  confirm,
  version,
  danger = false,
  withReason = false,
}: {
  intent: string;
  label: string;
  text: string;
  confirm: string;
  version: number;
  danger?: boolean;
  withReason?: boolean;
}) {
  const t = useT();
  const id = useId();
  return (
    <details className="w-full rounded-lg bg-white ring-1 ring-stone-200 open:shadow-sm sm:w-auto">
      <summary className={`btn-ghost cursor-pointer list-none ${danger ? "text-red-700" : ""}`}>{label}…</summary>
      <Form method="post" className="max-w-md space-y-3 p-4">
        <input type="hidden" name="version" value={version} />
        <p className="text-sm text-stone-700">{text}</p>
        {withReason ? (
          <div>
            <label htmlFor={`${id}-reason`} className="label">
              {t("orders.reason")} <span className="font-normal text-stone-500">({t("common.optional")})</span>
            </label>
            <textarea id={`${id}-reason`} name="reason" rows={2} maxLength={1000} className="input mt-1" />
          </div>
        ) : null}
        <SubmitButton intent={intent} className={danger ? "btn-danger" : "btn-primary"}>
          {confirm}
        </SubmitButton>
      </Form>
    </details>
  );
}

function LinesTable({ order }: { order: OrderView }) {
  const t = useT();
  const fmt = useFormat();
  const { money, unitPrice } = useOrderMoney(order.currency);
  const delivered = order.lines.some((l) => l.receivedQuantity !== null);
  return (
    <div className="card overflow-x-auto">
      <table className="table-base">
        <caption className="sr-only">{t("orders.lines")}</caption>
        <thead className="bg-stone-50">
          <tr>
            <th scope="col">{t("orders.col.item")}</th>
            <th scope="col" className="!text-right">
              {t("orders.col.quantity")}
            </th>
            {delivered ? (
              <th scope="col" className="!text-right">
                {t("orders.deliver.received")}
              </th>
            ) : null}
            <th scope="col" className="!text-right">
              {t("catalog.format.unitPrice")}
            </th>
            <th scope="col" className="!text-right">
              {t("orders.col.discount")}
            </th>
            <th scope="col" className="!text-right">
              {t("orders.col.tax")}
            </th>
            <th scope="col" className="!text-right">
              {t("catalog.format.deposit")}
            </th>
            <th scope="col" className="!text-right">
              {t("orders.col.lineTotal")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {order.lines.map((line) => (
            <tr key={line.id}>
              <td className="min-w-[14rem]">
                {line.kind !== "ITEM" ? (
                  <span className={`badge mr-2 ${line.kind === "FEE" ? "bg-sky-50 text-sky-800" : "bg-emerald-50 text-emerald-800"}`}>{t(`orders.kind.${line.kind}`)}</span>
                ) : null}
                {line.description}
              </td>
              <td className="text-right tabular-nums">{fmt.number(line.quantity)}</td>
              {delivered ? (
                <td className={`text-right tabular-nums ${line.receivedQuantity !== null && line.receivedQuantity !== line.quantity ? "font-semibold text-amber-800" : ""}`}>
                  {line.receivedQuantity === null ? "—" : fmt.number(line.receivedQuantity)}
                </td>
              ) : null}
              <td className="whitespace-nowrap text-right tabular-nums">
                {line.kind === "REBATE" ? "−" : ""}
                {unitPrice(line.unitPrice4)}
              </td>
              <td className="text-right tabular-nums">{line.discountBps ? fmt.percent(line.discountBps) : "—"}</td>
              <td className="text-right tabular-nums">{order.taxesEnabled ? fmt.percent(line.taxRateBps) : "—"}</td>
              <td className="whitespace-nowrap text-right tabular-nums">{line.kind === "ITEM" && order.depositsEnabled && line.depositCents ? money(line.depositCents) : "—"}</td>
              <td className="whitespace-nowrap text-right font-medium tabular-nums">{money(line.totalCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Details({ order }: { order: OrderView }) {
  const t = useT();
  const { money } = useOrderMoney(order.currency);
  return (
    <div className="space-y-6">
      <InvoicePanel order={order} />
      <LinesTable order={order} />
      <div className="grid items-start gap-6 md:grid-cols-2">
        <section className="card p-5" aria-labelledby="note-title">
          <h2 id="note-title" className="text-base font-semibold">
            {t("orders.field.note")}
          </h2>
          <p className="mt-2 whitespace-pre-line text-sm text-stone-700">{order.note || <span className="text-stone-400">{t("orders.noNote")}</span>}</p>
        </section>
        <section className="card p-5" aria-labelledby="totals-title">
          <h2 id="totals-title" className="text-base font-semibold">
            {t("orders.totals.title")}
          </h2>
          <TotalsList totals={order} money={money} />
        </section>
      </div>
    </div>
  );
}

/** The live invoice of the order (number, status, total, balance, link), or publishing it once delivered. */
function InvoicePanel({ order }: { order: OrderView }) {
  const t = useT();
  const can = useCan();
  const { org } = useOrgLayout();
  const { money } = useOrderMoney(order.currency);
  const { invoice } = order;
  if (invoice && can("invoice:read")) {
    return (
      <section id="invoice" className="card flex flex-wrap items-center gap-x-6 gap-y-3 p-5" aria-labelledby="invoice-title">
        <h2 id="invoice-title" className="text-base font-semibold">
          {t("invoices.summary.title")}
        </h2>
        <InvoiceBadge invoice={invoice} />
        <p className="text-sm">
          {t("orders.history.labelled", { label: t("orders.totals.total") })} <strong className="tabular-nums">{money(invoice.totalCents)}</strong>
        </p>
        <p className="text-sm">
          {t("orders.history.labelled", { label: t("invoices.totals.balance") })} <strong className="tabular-nums">{money(invoice.balanceCents)}</strong>
        </p>
        <Link to={`/o/${org.slug}/invoices/${invoice.id}`} className="btn-secondary sm:ml-auto">
          {t("invoices.summary.open")}
        </Link>
        <p className="w-full text-sm text-stone-600">{t("invoices.summary.frozen")}</p>
      </section>
    );
  }
  if (order.status !== "DELIVERED" || order.viewerSide === "buyer" || !can("invoice:publish")) return null;
  return (
    <ConfirmAction intent="publish-invoice" label={t("invoices.publish.action")} text={t("invoices.publish.confirm")} confirm={t("invoices.publish.submit")} version={order.version} />
  );
}

function EditPanel({ data, error }: { data: LoaderData; error: (FormErrorData & Partial<ConflictData> & Partial<LockedData>) | null }) {
  const t = useT();
  const { order } = data;
  const current = error?.conflict ? error.current : null;
  const posted = error ? error.values : null;
  // After a conflict, saving again applies what the user typed over the version now current.
  const version = current ? current.version : Number(posted?.version ?? order.version);
  return (
    <div className="space-y-6">
      {error ? (
        <div role="alert" className="space-y-2 rounded-md bg-red-50 p-4 text-sm text-red-900 ring-1 ring-red-200">
          <p className="font-semibold">{error.formError}</p>
          {current ? <p>{t("orders.conflict.help")}</p> : null}
          {error.fieldErrors._form ? <p>{error.fieldErrors._form}</p> : null}
        </div>
      ) : null}
      {current ? (
        <section aria-labelledby="current-version" className="space-y-3 rounded-lg bg-amber-50 p-4 ring-1 ring-amber-300">
          <h2 id="current-version" className="text-base font-semibold text-amber-950">
            {t("orders.conflict.current", { version: current.version })}
          </h2>
          <LinesTable order={current} />
          <CurrentTotals order={current} />
        </section>
      ) : null}
      <section aria-labelledby="your-changes">
        <h2 id="your-changes" className="mb-3 text-base font-semibold">
          {current ? t("orders.conflict.yours") : t("orders.edit.title")}
        </h2>
        <OrderEditForm
          key={current ? `conflict-${current.version}` : "edit"}
          order={order}
          formats={data.formats ?? []}
          feeTaxRateBps={data.feeTaxRateBps ?? order.lines.find((l) => l.kind === "ITEM")?.taxRateBps ?? 0}
          posted={posted}
          errors={error?.fieldErrors ?? {}}
          version={version}
          canAccept={order.actions.includes("accept")}
          canRestore={order.actions.includes("restore")}
        />
      </section>
    </div>
  );
}

function CurrentTotals({ order }: { order: OrderView }) {
  const t = useT();
  const { money } = useOrderMoney(order.currency);
  return (
    <p className="text-sm text-amber-950">
      {t("orders.history.labelled", { label: t("orders.totals.total") })} <strong className="tabular-nums">{money(order.totalCents)}</strong>
      {order.note ? ` · ${t("orders.history.labelled", { label: t("orders.field.note") })} ${order.note}` : ""}
    </p>
  );
}

function CustomerOrders({ data }: { data: LoaderData }) {
  const t = useT();
  const { org } = useOrgLayout();
  const day = useDeliveryDate();
  const { order } = data;
  const list = data.customerOrders!;
  const sellerSide = order.viewerSide !== "buyer";
  return (
    <section aria-labelledby="customer-history" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="customer-history" className="text-base font-semibold">
          {t("orders.customerHistory.title", { buyer: order.buyer.name, seller: order.seller.name })}
        </h2>
        <div className="flex gap-2">
          {sellerSide ? (
            <Link to={`/o/${org.slug}/customers/${order.buyer.id}`} className="btn-ghost">
              {t("orders.customerHistory.customerPage")}
            </Link>
          ) : null}
          <Link to={`/o/${org.slug}/orders?buyer=${order.buyer.id}&seller=${order.seller.id}`} className="btn-ghost">
            {t("orders.customerHistory.all")}
          </Link>
        </div>
      </div>
      {list.orders.length === 0 ? (
        <p className="text-sm text-stone-600">{t("orders.customerHistory.empty")}</p>
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base">
            <thead className="bg-stone-50">
              <tr>
                <th scope="col">{t("orders.col.number")}</th>
                <th scope="col">{t("orders.col.placed")}</th>
                <th scope="col">{t("orders.col.delivery")}</th>
                <th scope="col">{t("common.status")}</th>
                <th scope="col" className="!text-right">
                  {t("orders.col.total")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {list.orders.map((o) => (
                <CustomerOrderRow key={o.id} order={o} placed={o.createdAt} delivery={day(o.deliveryDate)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.more ? <p className="text-sm text-stone-600">{t("orders.customerHistory.more")}</p> : null}
    </section>
  );
}

function CustomerOrderRow({ order, placed, delivery }: { order: OrderView; placed: string; delivery: string }) {
  const t = useT();
  const fmt = useFormat();
  const { org } = useOrgLayout();
  const { money } = useOrderMoney(order.currency);
  return (
    <tr>
      <td>
        <Link to={`/o/${org.slug}/orders/${order.id}`} className="link">
          {t("orders.number", { number: order.number })}
        </Link>
      </td>
      <td className="whitespace-nowrap">{fmt.date(placed)}</td>
      <td className="whitespace-nowrap">{delivery}</td>
      <td>
        <OrderStatusBadge status={order.status} />
      </td>
      <td className="whitespace-nowrap text-right tabular-nums">{money(order.totalCents)}</td>
    </tr>
  );
}

function Documents({ data }: { data: LoaderData }) {
  const t = useT();
  const fmt = useFormat();
  const { org } = useOrgLayout();
  const { order } = data;
  const uploads = (data.documents ?? []).filter((d) => d.kind === "UPLOAD");
  const base = `/o/${org.slug}/orders/${order.id}`;
  return (
    <div className="grid items-start gap-6 lg:grid-cols-3">
      <section aria-labelledby="documents-title" className="card space-y-4 p-5 lg:col-span-2">
        <h2 id="documents-title" className="text-base font-semibold">
          {t("documents.title")}
        </h2>
        <p>
          <a href={`${base}/purchase-order.pdf`} className="btn-secondary" target="_blank" rel="noreferrer">
            {t("documents.purchaseOrder")}
          </a>
        </p>
        <InvoiceDocumentLinks orgSlug={org.slug} documents={data.invoiceDocuments} />
        {uploads.length === 0 ? (
          <p className="text-sm text-stone-600">{t("documents.empty")}</p>
        ) : (
          <ul className="divide-y divide-stone-100 text-sm">
            {uploads.map((d) => (
              <li key={d.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                <a href={`${base}/documents/${d.id}`} className="link break-all">
                  {d.filename}
                </a>
                <span className="text-xs text-stone-500">
                  {fmt.dateTime(d.createdAt)}
                  {d.uploadedBy ? ` · ${t("documents.addedBy", { name: d.uploadedBy.name, org: d.organization?.name ?? "" })}` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="upload-title" className="card p-5">
        <h2 id="upload-title" className="mb-3 text-base font-semibold">
          {t("documents.upload")}
        </h2>
        <DocumentUploadForm orgSlug={org.slug} orderId={order.id} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  const t = useT();
  const { org } = useOrgLayout();
  return <RouteErrorBoundary backTo={`/o/${org.slug}/orders`} backLabel={t("orders.backToList")} />;
}
