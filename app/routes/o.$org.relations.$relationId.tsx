import { RouteErrorBoundary } from "~/components/ui/route-error";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useFormat, useT } from "~/components/i18n";
import { useCan, useOrgLayout } from "~/components/org-nav";
import { RelationStatusBadge, useGroupLabel } from "~/components/relations";
import { FormError, SelectField, TextField } from "~/components/ui/field";
import { Card, PageHeader } from "~/components/ui/layout";
import { SubmitButton } from "~/components/ui/submit-button";
import { handleOrgForm, loadOrgPage } from "~/http/org-route.server";
import type { FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { actorCan } from "~/modules/org/access.server";
import {
  endRelation,
  getRelation,
  getRelationSettingsOptions,
  respondToRelation,
  updateRelationSettings,
} from "~/modules/relation/relation.server";
import { DISTRIBUTION_METHODS } from "~/modules/relation/schemas";
import { validationError } from "~/utils/errors";
import { toDecimalString } from "~/utils/money";

export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    const relation = await getRelation(actor, args.params.relationId ?? "");
    const editable =
      relation.viewedAs === "producer" && actorCan(actor, "relation:update") && (relation.status === "ACTIVE" || relation.status === "PENDING");
    const options = editable && relation.kind === "RETAIL" ? await getRelationSettingsOptions(actor) : null;
    return json({ relation, editable, options });
  });
}

export async function action(args: ActionFunctionArgs) {
  const relationId = args.params.relationId ?? "";
  return handleOrgForm(args, async ({ actor, t, values }) => {
    const here = `/o/${actor.orgSlug}/relations/${relationId}`;
    switch (values.intent) {
      case "settings":
        await updateRelationSettings(actor, relationId, values);
        return redirectWithToast(here, t("relations.saved"));
      case "end": {
        const { wasPending } = await endRelation(actor, relationId);
        return redirectWithToast(here, wasPending ? t("relations.withdrawn") : t("relations.ended"));
      }
      case "accept":
      case "decline": {
        const result = await respondToRelation(actor, relationId, values.intent);
        return redirectWithToast(here, t(values.intent === "accept" ? "relations.accepted" : "relations.declined", { name: result.producer.name }));
      }
      default:
        throw validationError({ intent: "field.invalid" });
    }
  });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Relation = LoaderData["relation"];

export default function RelationPage() {
  const t = useT();
  const fmt = useFormat();
  const can = useCan();
  const { org } = useOrgLayout();
  const { relation: r, editable } = useLoaderData<typeof loader>();
  const data = useActionData<FormErrorData>();
  // The page is about the other party: the partner for the producer, the producer for the partner,
  // the customer for the rep or distributor that serves it.
  const title = r.viewedAs === "partner" ? r.producer.name : (r.partner?.name ?? r.invitedEmail ?? "");
  const subtitle = r.viewedAs === "partner" ? t("kind.PRODUCER") : r.partner ? t(`kind.${r.partner.kind}`) : t("relations.viaEmail");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to={`/o/${org.slug}/relations${r.viewedAs === "producer" ? `?tab=${r.kind}` : ""}`} className="link">
          ← {t("relations.detail.back")}
        </Link>
      </p>
      <PageHeader
        title={
          <span className="inline-flex flex-wrap items-center gap-3">
            {title} <RelationStatusBadge status={r.invitationExpired ? "EXPIRED" : r.status} />
          </span>
        }
        description={`${subtitle} · ${t(`relations.kind.${r.kind}`)}`}
      />
      {data && data.values.intent !== "settings" ? (
        <div className="mb-6">
          <FormError message={data.formError} />
        </div>
      ) : null}
      <StatusNotice relation={r} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {editable ? <SettingsForm /> : <TermsCard relation={r} />}
        </div>
        <div className="space-y-6">
          <ContactCard relation={r} />
          {r.viewedAs === "producer" && can("relation:update") && (r.status === "ACTIVE" || r.status === "PENDING") ? (
            <Card title={r.status === "PENDING" ? t("relations.withdraw") : t("relations.detail.endTitle")}>
              <p className="text-sm text-stone-600">{r.status === "PENDING" ? t("relations.detail.withdrawText") : t("relations.detail.endText")}</p>
              <Form method="post" className="mt-4">
                <SubmitButton intent="end" className="btn-danger">
                  {r.status === "PENDING" ? t("relations.withdraw") : t("relations.detail.end")}
                </SubmitButton>
              </Form>
            </Card>
          ) : null}
        </div>
      </div>
      <p className="mt-6 text-xs text-stone-500">
        {r.acceptedAt ? t("relations.detail.acceptedOn", { date: fmt.date(r.acceptedAt) }) : t("relations.detail.invitedOn", { date: fmt.date(r.createdAt) })}
      </p>
    </>
  );
}

function StatusNotice({ relation: r }: { relation: Relation }) {
  const t = useT();
  const can = useCan();
  let content: ReactNode = null;
  if (r.viewedAs === "partner" && r.status === "PENDING") {
    content = (
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p>{t("relations.detail.pendingPartner", { producer: r.producer.name })}</p>
        {can("relation:respond") ? (
          <Form method="post" className="flex gap-2">
            <SubmitButton intent="accept">{t("action.accept")}</SubmitButton>
            <SubmitButton intent="decline" className="btn-secondary">
              {t("action.decline")}
            </SubmitButton>
          </Form>
        ) : (
          <p className="text-stone-600">{t("relations.toAnswer.askLead")}</p>
        )}
      </div>
    );
  } else if (r.viewedAs === "producer" && r.status === "PENDING") {
    content = <p>{r.invitationExpired ? t("relations.detail.expired") : t("relations.detail.pendingProducer")}</p>;
  } else if (r.viewedAs === "rep" || r.viewedAs === "distributor") {
    const role = r.viewedAs === "rep" ? t("relations.servedAs.rep") : t("relations.servedAs.distributor");
    content = <p>{t("relations.detail.served", { producer: r.producer.name, role: role.toLowerCase() })}</p>;
  }
  if (!content) return null;
  return <div className="card mb-6 bg-amber-50 p-4 text-sm ring-amber-300">{content}</div>;
}

function TermsCard({ relation: r }: { relation: Relation }) {
  const t = useT();
  const fmt = useFormat();
  const groupLabel = useGroupLabel();
  const retail = r.kind === "RETAIL";
  return (
    <Card title={t("relations.detail.terms")}>
      <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
        <Term label={t("relations.field.terms")}>{t("relations.days", { count: r.paymentTermsDays })}</Term>
        {retail ? (
          <>
            <Term label={t("relations.field.group")}>
              {groupLabel(r.customerGroup) ?? t("relations.noGroup")}
            </Term>
            <Term label={t("relations.field.rep")}>{r.rep?.name ?? t("relations.noneAssigned")}</Term>
            <Term label={t("relations.field.distributor")}>{r.defaultDistributor?.name ?? t("relations.noneAssigned")}</Term>
            <Term label={t("relations.field.distribution")}>{t(`relations.distribution.${r.defaultDistribution}`)}</Term>
            <Term label={t("relations.col.minOrder")}>{r.minOrderCents > 0 ? fmt.money(r.minOrderCents) : t("relations.noMinimum")}</Term>
          </>
        ) : null}
      </dl>
      {r.viewedAs !== "producer" ? <p className="mt-4 text-xs text-stone-500">{t("relations.detail.readOnly", { producer: r.producer.name })}</p> : null}
    </Card>
  );
}

function Term({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">{label}</dt>
      <dd className="mt-1 text-sm text-stone-900">{children}</dd>
    </div>
  );
}

/** Cents → the amount as a person types it in this locale ("150,50"); blank for no minimum. */
function moneyInput(cents: number, locale: string): string {
  if (cents <= 0) return "";
  const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? ".";
  return toDecimalString(cents, 2, 2).replace(".", decimal);
}

function SettingsForm() {
  const t = useT();
  const fmt = useFormat();
  const groupLabel = useGroupLabel();
  const { relation: r, options } = useLoaderData<typeof loader>();
  const data = useActionData<FormErrorData>();
  const mine = data?.values.intent === "settings" ? data : undefined;
  const v = (k: string, fallback: string) => (mine ? ((mine.values[k] as string | undefined) ?? "") : fallback);
  const none = { value: "", label: t("relations.noneAssigned") };
  return (
    <section className="card p-5" aria-labelledby="settings-title">
      <h2 id="settings-title" className="text-base font-semibold">
        {t("relations.detail.settings")}
      </h2>
      <p className="mt-1 text-sm text-stone-600">{t("relations.detail.settingsIntro")}</p>
      <Form method="post" className="mt-4 space-y-4" noValidate>
        <FormError message={mine?.formError} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t("relations.field.terms")}
            name="paymentTermsDays"
            type="number"
            inputMode="numeric"
            min={0}
            max={365}
            step={1}
            required
            defaultValue={v("paymentTermsDays", String(r.paymentTermsDays))}
            error={mine?.fieldErrors.paymentTermsDays}
          />
          {r.kind === "RETAIL" && options ? (
            <>
              <SelectField
                label={t("relations.field.group")}
                name="customerGroupId"
                defaultValue={v("customerGroupId", r.customerGroup?.id ?? "")}
                hint={t("relations.field.groupHint")}
                error={mine?.fieldErrors.customerGroupId}
                options={[
                  { value: "", label: t("relations.noGroup") },
                  ...options.groups.map((g) => ({ value: g.id, label: groupLabel(g) ?? g.name })),
                ]}
              />
              <SelectField
                label={t("relations.field.rep")}
                name="repId"
                defaultValue={v("repId", r.rep?.id ?? "")}
                hint={t("relations.field.repHint")}
                error={mine?.fieldErrors.repId}
                options={[none, ...options.reps.map((o) => ({ value: o.id, label: o.name }))]}
              />
              <SelectField
                label={t("relations.field.distributor")}
                name="defaultDistributorId"
                defaultValue={v("defaultDistributorId", r.defaultDistributor?.id ?? "")}
                hint={t("relations.field.distributorHint")}
                error={mine?.fieldErrors.defaultDistributorId}
                options={[none, ...options.distributors.map((o) => ({ value: o.id, label: o.name }))]}
              />
              <SelectField
                label={t("relations.field.distribution")}
                name="defaultDistribution"
                defaultValue={v("defaultDistribution", r.defaultDistribution)}
                error={mine?.fieldErrors.defaultDistribution}
                options={DISTRIBUTION_METHODS.map((m) => ({ value: m, label: t(`relations.distribution.${m}`) }))}
              />
              <TextField
                label={t("relations.field.minOrder", { currency: fmt.currency })}
                name="minOrder"
                inputMode="decimal"
                autoComplete="off"
                defaultValue={v("minOrder", moneyInput(r.minOrderCents, fmt.locale))}
                hint={t("relations.field.minOrderHint")}
                error={mine?.fieldErrors.minOrder}
              />
            </>
          ) : null}
        </div>
        <SubmitButton intent="settings">{t("action.save")}</SubmitButton>
      </Form>
    </section>
  );
}

function ContactCard({ relation: r }: { relation: Relation }) {
  const t = useT();
  const blocks: { label: string; name: string; contact: Relation["producerContact"] | null }[] = [];
  if (r.viewedAs === "producer") blocks.push({ label: "", name: r.partner?.name ?? "", contact: r.partnerContact });
  else if (r.viewedAs === "partner") blocks.push({ label: "", name: r.producer.name, contact: r.producerContact });
  else {
    blocks.push({ label: t("relations.detail.partnerContact"), name: r.partner?.name ?? "", contact: r.partnerContact });
    blocks.push({ label: t("relations.detail.producerContact"), name: r.producer.name, contact: r.producerContact });
  }
  return (
    <Card title={t("relations.detail.contact")}>
      <div className="space-y-4">
        {blocks.map((b) => {
          const c = b.contact;
          const empty = !c || (!c.email && !c.phone && !c.address);
          return (
            <div key={b.label + b.name} className="text-sm">
              {b.label ? <p className="text-xs font-medium uppercase tracking-wide text-stone-500">{b.label}</p> : null}
              {b.name ? <p className="font-medium">{b.name}</p> : null}
              {r.viewedAs === "producer" && !r.partner && r.invitedEmail ? (
                <p>
                  <a className="link" href={`mailto:${r.invitedEmail}`}>
                    {r.invitedEmail}
                  </a>
                </p>
              ) : empty ? (
                <p className="text-stone-500">{t("relations.detail.noContact")}</p>
              ) : (
                <address className="not-italic text-stone-700">
                  {c?.email ? (
                    <p>
                      <a className="link" href={`mailto:${c.email}`}>
                        {c.email}
                      </a>
                    </p>
                  ) : null}
                  {c?.phone ? <p>{c.phone}</p> : null}
                  {c?.address ? <p className="whitespace-pre-line">{c.address}</p> : null}
                </address>
              )}
            </div>
          );
        })}
      </div>
    </Card>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
