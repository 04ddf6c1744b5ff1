import crypto from "node:crypto";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useId, type ReactNode } from "react";
import { useFormat, useT } from "~/components/i18n";
import { Notice } from "~/components/order-edit";
import { useOrgLayout } from "~/components/org-nav";
import { Fact, TotalsList, useDeliveryDate, useOrderMoney } from "~/components/orders";
import { FormError, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { EmptyState } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { SubmitButton } from "~/components/ui/submit-button";
import { handleOrgForm, loadOrgPage } from "~/http/org-route.server";
import type { FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { cancelInvoice } from "~/modules/invoice/cancel-invoice.server";
import { issueCreditNote, proposedCreditNote } from "~/modules/invoice/credit-notes.server";
import { getInvoice } from "~/modules/invoice/invoice-view.server";
import { coveredOrdersOf } from "~/modules/invoice/periodic-invoices.server";
import type { InvoiceView, PartySnapshot } from "~/modules/invoice/types";
import { actorCan } from "~/modules/org/access.server";
import { getOrganization } from "~/modules/org/organization.server";
import { deletePayment, recordInvoicePayment } from "~/modules/payment/payments.server";
import { createCheckout, sellersPayableOnline } from "~/modules/payment/stripe-checkout.server";
import { PAYMENT_METHODS } from "~/modules/payment/schemas";
import { todayIso } from "~/modules/order/dates";
import { isAppError, validationError } from "~/utils/errors";
import { formatCents, parseDecimal } from "~/utils/money";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Comptoir` : "Comptoir" }];

export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor, t }) => {
    const invoice = await getInvoice(actor, args.params.invoiceId ?? "");
    const proposal = invoice.actions.includes("creditNote") ? await proposedCreditNote(actor, invoice.id) : null;
    // The customer pays an open invoice online when its supplier takes online payments (as on the payables page).
    const payable = invoice.viewerSide === "buyer" && invoice.status === "ISSUED" && invoice.balanceCents > 0 && actorCan(actor, "invoice:pay");
    const payOnline = payable && (await sellersPayableOnline([invoice.seller.id])).has(invoice.seller.id);
    // One key per form shown: a double click or a resubmission of a form makes one payment or credit note.
    const formKeys = { payment: crypto.randomUUID(), creditLines: crypto.randomUUID(), creditAmount: crypto.randomUUID() };
    // A billing period's invoice covers several orders (app/modules/invoice/periodic-invoices.server.ts).
    const coveredOrders = await coveredOrdersOf(invoice);
    return json({ invoice, proposal, payOnline, formKeys, coveredOrders, today: todayIso(), title: t("invoices.number", { number: invoice.number }) });
  });
}

/** "12,50" → 1250; anything else is a field error on `field`. */
function amountCentsOf(value: unknown, field: string): number {
  const cents = typeof value === "string" ? parseDecimal(value, 2) : null;
  if (cents === null || cents <= 0) throw validationError({ [field]: "invoices.error.amount" });
  return cents;
}

/** Renames the fields of a service's validation error to the form's own names. */
async function withFormFields<T>(rename: (field: string) => string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error) && error.code === "validation_failed" && error.details?.fields) {
      const fields = Object.fromEntries(Object.entries(error.details.fields as Record<string, string>).map(([k, v]) => [rename(k), v]));
      throw validationError(fields, error.message);
    }
    throw error;
  }
}

/** The idempotency key the form was rendered with (a form without one, e.g. an old page, has none). */
function formKey(values: Record<string, unknown>): { idempotencyKey?: string } {
  return typeof values.idempotencyKey === "string" && values.idempotencyKey !== "" ? { idempotencyKey: values.idempotencyKey } : {};
}

export async function action(args: ActionFunctionArgs) {
  const invoiceId = args.params.invoiceId ?? "";
  return handleOrgForm(args, async ({ actor, t, values }) => {
    const here = `/o/${actor.orgSlug}/invoices/${invoiceId}`;
    switch (values.intent) {
      case "pay-online": {
        // Off to Stripe's Checkout page, the payables page's flow; Stripe sends the payer back there.
        return redirect((await createCheckout(actor, { invoiceIds: [invoiceId] })).url);
      }
      case "payment": {
        const amountCents = amountCentsOf(values.amount, "amount");
        const payment = await withFormFields(
          (f) => (f === "amountCents" ? "amount" : f),
          () => recordInvoicePayment(actor, invoiceId, { amountCents, method: values.method, reference: values.reference, paidAt: values.paidAt }, formKey(values)),
        );
        // The amount as the page shows it: in the organization's format, whatever the interface language.
        const [invoice, org] = await Promise.all([getInvoice(actor, invoiceId), getOrganization(actor)]);
        return redirectWithToast(here, t("invoices.payment.recorded", { amount: formatCents(payment.amountCents, invoice.currency, org.locale), number: invoice.number }));
      }
      case "delete-payment": {
        await deletePayment(actor, String(values.paymentId ?? ""), invoiceId);
        return redirectWithToast(here, t("invoices.payment.deletedToast"));
      }
      case "credit-lines": {
        const lines = Object.entries(values).flatMap(([key, value]) => {
          const m = /^credit\.(.+)$/.exec(key);
          return m && typeof value === "string" && value.trim() !== "" && value.trim() !== "0" ? [{ lineId: m[1], quantity: value.trim() }] : [];
        });
        if (!lines.length) throw validationError({ lines: "invoices.error.nothingToCredit" }, "invoices.error.nothingToCredit");
        const creditNote = await withFormFields(
          (f) => {
            const m = /^lines\.(\d+)\.(quantity|lineId)$/.exec(f);
            return m ? `credit.${lines[Number(m[1])].lineId}` : f;
          },
          () => issueCreditNote(actor, invoiceId, { lines, note: values.note }, formKey(values)),
        );
        return redirectWithToast(here, t("invoices.credit.issued", { number: creditNote.number }));
      }
      case "credit-amount": {
        const amountCents = amountCentsOf(values.amount, "amount");
        const creditNote = await withFormFields(
          (f) => (f === "amountCents" ? "amount" : f),
          () => issueCreditNote(actor, invoiceId, { amountCents, note: values.note }, formKey(values)),
        );
        return redirectWithToast(here, t("invoices.credit.issued", { number: creditNote.number }));
      }
      case "cancel": {
        const cancelled = await cancelInvoice(actor, invoiceId, { reason: values.reason });
        return redirectWithToast(here, t("invoices.cancel.done", { number: cancelled.number, creditNote: cancelled.creditNote.number }));
      }
      default:
        throw validationError({ intent: "field.invalid" });
    }
  });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function InvoicePage() {
  const t = useT();
  const fmt = useFormat();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<FormErrorData>();
  const { org } = useOrgLayout();
  const { invoice } = data;
  const day = useDeliveryDate();
  const { money } = useOrderMoney(invoice.currency);
  const sellerSide = invoice.viewerSide !== "buyer";
  // Errors show in the form that was posted; errors of no form of the page above everything.
  const posted = actionData && !actionData.ok ? actionData : null;
  const errorFor = (intent: string) => (posted && posted.values.intent === intent ? posted : null);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to={`/o/${org.slug}/orders/${invoice.orderId}`} className="link">
          ← {t("invoices.backToOrder", { number: invoice.orderNumber })}
        </Link>
      </p>
      <header className="mb-6">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
          <div>
            <h1 className="flex flex-wrap items-center gap-3 text-2xl font-bold tracking-tight text-stone-900">
              {t("invoices.number", { number: invoice.number })} <InvoiceStatus status={invoice.status} />
            </h1>
            <p className="mt-1 text-sm text-stone-600">{t("invoices.header.between", { seller: invoice.seller.name, buyer: invoice.buyer.name })}</p>
          </div>
          <div className="text-right">
            <p className="text-xs font-medium uppercase tracking-wide text-stone-500">{t("invoices.totals.balance")}</p>
            <p className="text-2xl font-bold tabular-nums text-stone-900">{money(invoice.balanceCents)}</p>
            <a href={`/o/${org.slug}/invoices/${invoice.id}/invoice.pdf`} className="link text-sm">
              {t("invoices.downloadPdf")}
            </a>
          </div>
        </div>
        <dl className="card mt-4 grid gap-x-6 gap-y-4 p-5 sm:grid-cols-2 lg:grid-cols-4">
          <Fact label={t("invoices.field.issuedAt")}>{fmt.date(invoice.issuedAt)}</Fact>
          <Fact label={t("invoices.field.dueDate")}>{day(invoice.dueDate)}</Fact>
          <Fact label={t("invoices.field.terms")}>{t("invoices.field.termsDays", { days: invoice.paymentTermsDays })}</Fact>
          <Fact label={t("invoices.field.deliveryDate")}>{day(invoice.deliveryDate)}</Fact>
        </dl>
        {data.coveredOrders.length ? (
          <p className="mt-3 text-sm text-stone-700" data-testid="orders-covered">
            {t("periodic.ordersCoveredList")}{" "}
            {data.coveredOrders.map((o, i) => (
              <span key={o.id}>
                {i ? ", " : ""}
                <Link to={`/o/${org.slug}/orders/${o.id}`} className="link">
                  #{o.number}
                </Link>{" "}
                ({day(o.deliveryDate)})
              </span>
            ))}
          </p>
        ) : null}
      </header>
      <div className="mb-6 space-y-3">
        {posted && !["payment", "delete-payment", "credit-lines", "credit-amount", "cancel", "pay-online"].includes(String(posted.values.intent)) ? <FormError message={posted.formError} /> : null}
        {errorFor("delete-payment") ? <FormError message={errorFor("delete-payment")!.formError} /> : null}
        {/* Above the form: a refusal (paid meanwhile, Stripe unavailable) may come with the form gone. */}
        {errorFor("pay-online") ? <FormError message={errorFor("pay-online")!.formError} /> : null}
        {invoice.cancelledAt ? <Notice tone="warning">{t("invoices.cancelledNotice", { date: fmt.date(invoice.cancelledAt) })}</Notice> : null}
        {invoice.status === "PAID" && invoice.paidAt ? <Notice tone="info">{t("invoices.paidNotice", { date: fmt.date(invoice.paidAt) })}</Notice> : null}
        {!sellerSide ? <Notice tone="info">{t("invoices.readOnly")}</Notice> : null}
        {data.payOnline ? <PayOnlineForm invoice={invoice} /> : null}
      </div>
      <div className="space-y-6">
        <div className="grid gap-6 md:grid-cols-2">
          <Party title={t("invoices.field.seller")} party={invoice.seller} />
          <Party title={t("invoices.field.buyer")} party={invoice.buyer} />
        </div>
        <InvoiceLines invoice={invoice} />
        <section className="card p-5 md:ml-auto md:max-w-md" aria-labelledby="totals-title">
          <h2 id="totals-title" className="text-base font-semibold">
            {t("invoices.totals.title")}
          </h2>
          <TotalsList totals={invoice} money={money} />
          <dl className="mt-3 space-y-1 border-t border-stone-200 pt-3 text-sm">
            <Amount label={t("invoices.totals.credited")} value={money(-invoice.creditedCents)} />
            <Amount label={t("invoices.totals.paid")} value={money(-invoice.paidCents)} />
            <Amount label={t("invoices.totals.balance")} value={money(invoice.balanceCents)} strong />
          </dl>
        </section>
        <CreditNotes invoice={invoice} />
        <Payments invoice={invoice} />
        {invoice.actions.includes("recordPayment") ? <PaymentForm data={data} error={errorFor("payment")} /> : null}
        {invoice.actions.includes("creditNote") ? <CreditNoteForms data={data} linesError={errorFor("credit-lines")} amountError={errorFor("credit-amount")} /> : null}
        {invoice.actions.includes("cancel") ? <CancelForm invoice={invoice} error={errorFor("cancel")} /> : null}
      </div>
    </>
  );
}

const STATUS_STYLES: Record<string, string> = {
  ISSUED: "bg-sky-50 text-sky-800 ring-sky-200",
  PAID: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  CANCELLED: "bg-stone-100 text-stone-700 ring-stone-300",
};

function InvoiceStatus({ status }: { status: InvoiceView["status"] }) {
  const t = useT();
  return <span className={`badge whitespace-nowrap ring-1 ring-inset ${STATUS_STYLES[status]}`}>{t(`invoices.status.${status}`)}</span>;
}

function Amount({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) {
  return (
    <div className={`flex justify-between ${strong ? "font-semibold text-stone-900" : ""}`}>
      <dt className={strong ? "" : "text-stone-600"}>{label}</dt>
      <dd className="tabular-nums">{value}</dd>
    </div>
  );
}

function Party({ title, party }: { title: string; party: PartySnapshot }) {
  const t = useT();
  return (
    <section className="card p-5 text-sm" aria-label={title}>
      <h2 className="text-xs font-medium uppercase tracking-wide text-stone-500">{title}</h2>
      <p className="mt-1 font-semibold text-stone-900">{party.name}</p>
      {party.address ? <p className="whitespace-pre-line text-stone-700">{party.address}</p> : null}
      {party.email ? <p className="text-stone-700">{party.email}</p> : null}
      {party.phone ? <p className="text-stone-700">{party.phone}</p> : null}
      {party.taxNumber ? <p className="text-stone-700">{t("invoices.field.taxNumber", { value: party.taxNumber })}</p> : null}
    </section>
  );
}

function InvoiceLines({ invoice }: { invoice: InvoiceView }) {
  const t = useT();
  const fmt = useFormat();
  const { money, unitPrice } = useOrderMoney(invoice.currency);
  const anyReceived = invoice.lines.some((l) => l.receivedQuantity !== null);
  const anyCredited = invoice.lines.some((l) => l.creditedQuantity > 0);
  return (
    <section aria-labelledby="lines-title">
      <h2 id="lines-title" className="mb-3 text-base font-semibold">
        {t("invoices.lines.title")}
      </h2>
      <div className="card overflow-x-auto">
        <table className="table-base">
          <thead>
            <tr>
              <th scope="col">{t("invoices.col.item")}</th>
              <th scope="col" className="!text-right">{t("invoices.col.quantity")}</th>
              {anyReceived ? <th scope="col" className="!text-right">{t("invoices.col.received")}</th> : null}
              {anyCredited ? <th scope="col" className="!text-right">{t("invoices.col.credited")}</th> : null}
              <th scope="col" className="!text-right">{t("invoices.col.unitPrice")}</th>
              <th scope="col" className="!text-right">{t("invoices.col.discount")}</th>
              <th scope="col" className="!text-right">{t("invoices.col.tax")}</th>
              <th scope="col" className="!text-right">{t("invoices.col.deposit")}</th>
              <th scope="col" className="!text-right">{t("invoices.col.total")}</th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((line) => (
              <tr key={line.id}>
                <td>{line.description}</td>
                <td className="text-right tabular-nums">{fmt.number(line.quantity)}</td>
                {anyReceived ? (
                  <td className={`text-right tabular-nums ${line.receivedQuantity !== null && line.receivedQuantity < line.quantity ? "font-semibold text-amber-800" : ""}`}>
                    {line.receivedQuantity === null ? "—" : fmt.number(line.receivedQuantity)}
                  </td>
                ) : null}
                {anyCredited ? <td className="text-right tabular-nums">{line.creditedQuantity ? fmt.number(line.creditedQuantity) : "—"}</td> : null}
                <td className="whitespace-nowrap text-right tabular-nums">{unitPrice(line.unitPrice4)}</td>
                <td className="text-right tabular-nums">{line.discountBps ? fmt.percent(line.discountBps) : "—"}</td>
                <td className="text-right tabular-nums">{invoice.taxesEnabled ? fmt.percent(line.taxRateBps) : "—"}</td>
                <td className="whitespace-nowrap text-right tabular-nums">{line.kind === "ITEM" && invoice.depositsEnabled && line.depositCents ? money(line.depositCents) : "—"}</td>
                <td className="whitespace-nowrap text-right font-medium tabular-nums">{money(line.totalCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function CreditNotes({ invoice }: { invoice: InvoiceView }) {
  const t = useT();
  const fmt = useFormat();
  const { org } = useOrgLayout();
  const { money } = useOrderMoney(invoice.currency);
  return (
    <section aria-labelledby="credit-notes-title">
      <h2 id="credit-notes-title" className="mb-3 text-base font-semibold">
        {t("invoices.creditNotes.title")}
      </h2>
      {invoice.creditNotes.length === 0 ? (
        <EmptyState title={t("invoices.creditNotes.empty")} />
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base">
            <thead>
              <tr>
                <th scope="col">{t("invoices.col.number")}</th>
                <th scope="col">{t("invoices.col.date")}</th>
                <th scope="col">{t("invoices.col.kind")}</th>
                <th scope="col">{t("invoices.col.note")}</th>
                <th scope="col" className="!text-right">{t("invoices.col.amount")}</th>
              </tr>
            </thead>
            <tbody>
              {invoice.creditNotes.map((note) => (
                <tr key={note.id}>
                  <td className="whitespace-nowrap">
                    <a href={`/o/${org.slug}/credit-notes/${note.id}/credit-note.pdf`} className="link">
                      {note.number}
                    </a>
                  </td>
                  <td className="whitespace-nowrap">{fmt.date(note.issuedAt)}</td>
                  <td>{t(`invoices.creditNotes.kind.${note.kind}`)}</td>
                  <td className="whitespace-pre-line">{note.note}</td>
                  <td className="whitespace-nowrap text-right tabular-nums">{money(note.totalCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Payments({ invoice }: { invoice: InvoiceView }) {
  const t = useT();
  const fmt = useFormat();
  const { money } = useOrderMoney(invoice.currency);
  const mayDelete = invoice.actions.includes("deletePayment");
  return (
    <section aria-labelledby="payments-title">
      <h2 id="payments-title" className="mb-3 text-base font-semibold">
        {t("invoices.payments.title")}
      </h2>
      {invoice.payments.length === 0 ? (
        <EmptyState title={t("invoices.payments.empty")} />
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base">
            <thead>
              <tr>
                <th scope="col">{t("invoices.col.date")}</th>
                <th scope="col">{t("invoices.col.method")}</th>
                <th scope="col">{t("invoices.col.reference")}</th>
                <th scope="col" className="!text-right">{t("invoices.col.amount")}</th>
                {mayDelete ? <th scope="col"><span className="sr-only">{t("invoices.payment.delete")}</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {invoice.payments.map((p) => (
                <tr key={p.id} className={p.deletedAt ? "text-stone-400" : undefined}>
                  <td className="whitespace-nowrap">{fmt.date(p.paidAt)}</td>
                  <td>
                    {t(`invoices.payments.method.${p.method}`)}
                    {p.source === "STRIPE" ? ` · ${t("invoices.payments.source.STRIPE")}` : ""}
                  </td>
                  <td>{p.reference || "—"}</td>
                  <td className="whitespace-nowrap text-right tabular-nums">
                    {p.deletedAt ? <del>{money(p.amountCents)}</del> : money(p.amountCents)}
                    {p.paymentAmountCents !== p.amountCents ? (
                      <span className="block text-xs text-stone-500">{t("invoices.payments.partOf", { amount: money(p.amountCents), total: money(p.paymentAmountCents) })}</span>
                    ) : null}
                    {p.deletedAt ? <span className="block text-xs">{t("invoices.payments.deleted")} · {fmt.date(p.deletedAt)}</span> : null}
                  </td>
                  {mayDelete ? (
                    <td className="text-right">
                      {p.deletedAt ? null : (
                        <Confirm label={t("invoices.payment.delete")} text={t("invoices.payment.deleteConfirm", { amount: money(p.amountCents) })}>
                          <input type="hidden" name="paymentId" value={p.id} />
                          <SubmitButton intent="delete-payment" className="btn-danger">
                            {t("invoices.payment.deleteSubmit")}
                          </SubmitButton>
                        </Confirm>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** An action asked twice: a disclosure that works without JavaScript, then the confirming form. */
function Confirm({ label, text, danger = true, children }: { label: string; text: string; danger?: boolean; children: ReactNode }) {
  return (
    <details className="inline-block rounded-lg bg-white text-left ring-1 ring-stone-200 open:shadow-sm">
      <summary className={`btn-ghost cursor-pointer list-none ${danger ? "text-red-700" : ""}`}>{label}…</summary>
      <Form method="post" className="max-w-md space-y-3 p-4">
        <p className="text-sm text-stone-700">{text}</p>
        {children}
      </Form>
    </details>
  );
}

/** The customer's way to pay the balance by card, through the supplier's Stripe Checkout. */
function PayOnlineForm({ invoice }: { invoice: InvoiceView }) {
  const t = useT();
  const { money } = useOrderMoney(invoice.currency);
  return (
    <section className="card p-5" aria-labelledby="pay-online-title">
      <Form method="post" className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="pay-online-title" className="text-base font-semibold">
            {t("invoices.payOnline.title")}
          </h2>
          <p className="text-sm text-stone-600">{t("invoices.payOnline.hint", { amount: money(invoice.balanceCents) })}</p>
        </div>
        <SubmitButton intent="pay-online">{t("invoices.payOnline.submit")}</SubmitButton>
      </Form>
    </section>
  );
}

function PaymentForm({ data, error }: { data: LoaderData; error: FormErrorData | null }) {
  const t = useT();
  const { invoice, today } = data;
  const { money } = useOrderMoney(invoice.currency);
  const v = (name: string, fallback: string) => (error?.values[name] as string | undefined) ?? fallback;
  return (
    <section className="card p-5" aria-labelledby="payment-title">
      <h2 id="payment-title" className="text-base font-semibold">
        {t("invoices.payment.record")}
      </h2>
      <Form method="post" className="mt-4 space-y-4" noValidate>
        <input type="hidden" name="idempotencyKey" value={data.formKeys.payment} />
        <FormError message={error?.formError} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t("invoices.payment.amount")}
            name="amount"
            inputMode="decimal"
            required
            defaultValue={v("amount", "")}
            error={error?.fieldErrors.amount}
            hint={t("invoices.payment.amountHint", { balance: money(invoice.balanceCents) })}
          />
          <SelectField
            label={t("invoices.payment.method")}
            name="method"
            defaultValue={v("method", "TRANSFER")}
            options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`invoices.payments.method.${m}`) }))}
            error={error?.fieldErrors.method}
          />
          <TextField label={t("invoices.payment.reference")} name="reference" maxLength={200} defaultValue={v("reference", "")} error={error?.fieldErrors.reference} hint={t("common.optional")} />
          <TextField label={t("invoices.payment.paidAt")} name="paidAt" type="date" defaultValue={v("paidAt", today)} error={error?.fieldErrors.paidAt} />
        </div>
        <SubmitButton intent="payment">{t("invoices.payment.submit")}</SubmitButton>
      </Form>
    </section>
  );
}

function CreditNoteForms({ data, linesError, amountError }: { data: LoaderData; linesError: FormErrorData | null; amountError: FormErrorData | null }) {
  const t = useT();
  const fmt = useFormat();
  const id = useId();
  const { invoice, proposal } = data;
  const { money } = useOrderMoney(invoice.currency);
  const proposed = new Map((proposal?.lines ?? []).map((l) => [l.lineId, l.quantity]));
  const creditable = invoice.lines.filter((l) => l.kind !== "REBATE" && l.quantity > l.creditedQuantity);
  const posted = (name: string, fallback: string) => (linesError?.values[name] as string | undefined) ?? fallback;
  return (
    <section className="card space-y-6 p-5" aria-labelledby="credit-title">
      <h2 id="credit-title" className="text-base font-semibold">
        {t("invoices.credit.title")}
      </h2>
      {proposal ? <Notice tone="info">{t("invoices.credit.proposed", { amount: money(proposal.totalCents) })}</Notice> : null}
      {creditable.length ? (
        <Form method="post" className="space-y-4" noValidate aria-labelledby={`${id}-lines`}>
          <input type="hidden" name="idempotencyKey" value={data.formKeys.creditLines} />
          <h3 id={`${id}-lines`} className="text-sm font-semibold">
            {t("invoices.credit.linesTitle")}
          </h3>
          <p className="text-sm text-stone-600">{t("invoices.credit.linesIntro")}</p>
          <FormError message={linesError?.formError} />
          <table className="table-base">
            <thead>
              <tr>
                <th scope="col">{t("invoices.col.item")}</th>
                <th scope="col" className="!text-right">{t("invoices.col.quantity")}</th>
                <th scope="col" className="!text-right">{t("invoices.col.toCredit")}</th>
              </tr>
            </thead>
            <tbody>
              {creditable.map((line) => {
                const error = linesError?.fieldErrors[`credit.${line.id}`];
                return (
                  <tr key={line.id}>
                    <td>
                      <label htmlFor={`${id}-${line.id}`}>{line.description}</label>
                    </td>
                    <td className="text-right tabular-nums">
                      {fmt.number(line.quantity - line.creditedQuantity)}
                    </td>
                    <td className="text-right">
                      <input
                        id={`${id}-${line.id}`}
                        name={`credit.${line.id}`}
                        inputMode="numeric"
                        className="input w-24 text-right"
                        defaultValue={posted(`credit.${line.id}`, String(proposed.get(line.id) ?? ""))}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `${id}-${line.id}-error` : undefined}
                      />
                      {error ? (
                        <p id={`${id}-${line.id}-error`} className="mt-1 text-sm text-red-700" role="alert">
                          {error}
                        </p>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <TextAreaField
            label={t("invoices.credit.note")}
            name="note"
            rows={2}
            maxLength={2000}
            required
            defaultValue={posted("note", proposal ? t("invoices.credit.proposedNote") : "")}
            error={linesError?.fieldErrors.note}
            hint={t("invoices.credit.noteHint")}
          />
          <SubmitButton intent="credit-lines">{t("invoices.credit.submitLines")}</SubmitButton>
        </Form>
      ) : null}
      <Form method="post" className="space-y-4 border-t border-stone-200 pt-6" noValidate aria-labelledby={`${id}-amount`}>
        <input type="hidden" name="idempotencyKey" value={data.formKeys.creditAmount} />
        <h3 id={`${id}-amount`} className="text-sm font-semibold">
          {t("invoices.credit.amountTitle")}
        </h3>
        <FormError message={amountError?.formError} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t("invoices.credit.amount")}
            name="amount"
            inputMode="decimal"
            required
            defaultValue={(amountError?.values.amount as string | undefined) ?? ""}
            error={amountError?.fieldErrors.amount}
            hint={t("invoices.payment.amountHint", { balance: money(invoice.balanceCents) })}
          />
          <TextAreaField
            label={t("invoices.credit.note")}
            name="note"
            rows={2}
            maxLength={2000}
            required
            defaultValue={(amountError?.values.note as string | undefined) ?? ""}
            error={amountError?.fieldErrors.note}
            hint={t("invoices.credit.noteHint")}
          />
        </div>
        <SubmitButton intent="credit-amount">{t("invoices.credit.submitAmount")}</SubmitButton>
      </Form>
    </section>
  );
}

function CancelForm({ invoice, error }: { invoice: InvoiceView; error: FormErrorData | null }) {
  const t = useT();
  return (
    <section aria-label={t("invoices.cancel.action")} className="space-y-3">
      <FormError message={error?.formError} />
      <Confirm label={t("invoices.cancel.action")} text={t("invoices.cancel.confirm", { number: invoice.number })}>
        <TextAreaField label={t("invoices.cancel.reason")} name="reason" rows={2} maxLength={1000} hint={t("common.optional")} error={error?.fieldErrors.reason} />
        <SubmitButton intent="cancel" className="btn-danger">
          {t("invoices.cancel.submit")}
        </SubmitButton>
      </Confirm>
    </section>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
