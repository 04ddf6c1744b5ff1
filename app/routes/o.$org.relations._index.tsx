import { RouteErrorBoundary } from "~/components/ui/route-error";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useFormat, useT } from "~/components/i18n";
import { useCan, useOrgLayout } from "~/components/org-nav";
import { RelationStatusBadge, useGroupLabel } from "~/components/relations";
import { FormError, SelectField, TextField } from "~/components/ui/field";
import { EmptyState, PageHeader } from "~/components/ui/layout";
import { SubmitButton } from "~/components/ui/submit-button";
import { handleOrgForm, loadOrgPage } from "~/http/org-route.server";
import type { FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { endRelation, inviteRelation, listRelations, respondToRelation } from "~/modules/relation/relation.server";
import { isRelationKind, RELATION_KINDS, type RelationKind } from "~/modules/relation/schemas";
import { validationError } from "~/utils/errors";

export async function loader(args: LoaderFunctionArgs) {
  const tabParam = new URL(args.request.url).searchParams.get("tab") ?? "";
  return loadOrgPage(args, async ({ actor }) => {
    const relations = await listRelations(actor);
    return json({ relations, tab: isRelationKind(tabParam) ? tabParam : ("RETAIL" as RelationKind) });
  });
}

export async function action(args: ActionFunctionArgs) {
  return handleOrgForm(args, async ({ actor, t, values }) => {
    const base = `/o/${actor.orgSlug}/relations`;
    const relationId = typeof values.relationId === "string" ? values.relationId : "";
    switch (values.intent) {
      case "invite": {
        const result = await inviteRelation(actor, values);
        const message =
          result.via === "email"
            ? t("relations.invite.sentEmail", { email: result.email })
            : t("relations.invite.sentOrg", { name: result.partnerName });
        return redirectWithToast(`${base}?tab=${result.relation.kind}`, message);
      }
      case "accept":
      case "decline": {
        const result = await respondToRelation(actor, relationId, values.intent);
        const key = values.intent === "accept" ? "relations.accepted" : "relations.declined";
        return redirectWithToast(base, t(key, { name: result.producer.name }));
      }
      case "withdraw": {
        await endRelation(actor, relationId);
        return redirectWithToast(`${base}?tab=${typeof values.tab === "string" ? values.tab : ""}`, t("relations.withdrawn"));
      }
      default:
        throw validationError({ intent: "field.invalid" });
    }
  });
}

type Relation = ReturnType<typeof useLoaderData<typeof loader>>["relations"][number];

export default function RelationsPage() {
  const t = useT();
  const { org } = useOrgLayout();
  const data = useActionData<FormErrorData>();
  const isProducer = org.kind === "PRODUCER";
  return (
    <>
      <PageHeader title={t("relations.title")} description={t(`relations.intro.${org.kind}`)} />
      {data && data.values.intent !== "invite" ? (
        <div className="mb-6">
          <FormError message={data.formError} />
        </div>
      ) : null}
      {isProducer ? <ProducerRelations /> : <PartnerRelations />}
    </>
  );
}

// ---- Producer: one tab per kind of partner, and the invitation form.

function ProducerRelations() {
  const t = useT();
  const can = useCan();
  const { relations, tab } = useLoaderData<typeof loader>();
  const shown = relations.filter((r) => r.kind === tab);
  return (
    <div className="space-y-8">
      <nav aria-label={t("relations.tabsLabel")}>
        <ul className="flex gap-1 border-b border-stone-200">
          {RELATION_KINDS.map((kind) => {
            const count = relations.filter((r) => r.kind === kind && r.status !== "ENDED" && r.status !== "DECLINED").length;
            const active = kind === tab;
            return (
              <li key={kind}>
                <Link
                  to={`?tab=${kind}`}
                  aria-current={active ? "page" : undefined}
                  className={`-mb-px inline-flex items-center gap-2 border-b-2 px-4 py-2 text-sm font-medium ${
                    active ? "border-brand-600 text-brand-800" : "border-transparent text-stone-600 hover:text-stone-900"
                  }`}
                >
                  {t(`relations.tab.${kind}`)}
                  <span className="badge bg-stone-100 text-stone-700">{count}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {shown.length === 0 ? (
        <EmptyState
          title={t(`relations.empty.${tab}`)}
          description={can("relation:invite") ? t("relations.empty.producerHint") : undefined}
          action={
            can("relation:invite") ? (
              <a href="#invite" className="btn-primary">
                {t("relations.invite.title")}
              </a>
            ) : undefined
          }
        />
      ) : (
        <ProducerTable relations={shown} kind={tab} />
      )}
      {/* A new key after each invitation empties the form (with JavaScript the inputs would keep their text). */}
      {can("relation:invite") ? <InviteForm key={relations.length} defaultKind={tab} /> : null}
    </div>
  );
}

function ProducerTable({ relations, kind }: { relations: Relation[]; kind: RelationKind }) {
  const t = useT();
  const fmt = useFormat();
  const groupLabel = useGroupLabel();
  const can = useCan();
  const { org } = useOrgLayout();
  const retail = kind === "RETAIL";
  return (
    <div className="card overflow-x-auto">
      <table className="table-base">
        <thead className="bg-stone-50">
          <tr>
            <th scope="col">{retail ? t("relations.col.customer") : t("relations.col.partner")}</th>
            <th scope="col">{t("common.status")}</th>
            {retail ? <th scope="col">{t("relations.col.group")}</th> : null}
            <th scope="col">{t("relations.col.terms")}</th>
            {retail ? (
              <>
                <th scope="col">{t("relations.col.rep")}</th>
                <th scope="col">{t("relations.col.distributor")}</th>
                <th scope="col" className="text-right">
                  {t("relations.col.minOrder")}
                </th>
              </>
            ) : null}
            <th scope="col">
              <span className="sr-only">{t("common.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {relations.map((r) => {
            const name = r.partner?.name ?? r.invitedEmail ?? "";
            return (
              <tr key={r.id}>
                <td>
                  <Link to={`/o/${org.slug}/relations/${r.id}`} className="link">
                    {name}
                  </Link>
                  {!r.partner ? <p className="text-xs text-stone-500">{t("relations.viaEmail")}</p> : null}
                </td>
                <td>
                  <RelationStatusBadge status={r.invitationExpired ? "EXPIRED" : r.status} />
                </td>
                {retail ? (
                  <td>{groupLabel(r.customerGroup) ?? <Muted>{t("relations.noGroup")}</Muted>}</td>
                ) : null}
                <td className="whitespace-nowrap">{t("relations.days", { count: r.paymentTermsDays })}</td>
                {retail ? (
                  <>
                    <td>{r.rep?.name ?? <Muted>{t("relations.noneAssigned")}</Muted>}</td>
                    <td>{r.defaultDistributor?.name ?? <Muted>{t("relations.noneAssigned")}</Muted>}</td>
                    <td className="whitespace-nowrap text-right tabular-nums">
                      {r.minOrderCents > 0 ? fmt.money(r.minOrderCents) : <Muted>{t("relations.noMinimum")}</Muted>}
                    </td>
                  </>
                ) : null}
                <td className="text-right">
                  {r.status === "PENDING" && can("relation:update") ? (
                    <Form method="post">
                      <input type="hidden" name="relationId" value={r.id} />
                      <input type="hidden" name="tab" value={kind} />
                      <SubmitButton intent="withdraw" className="btn-ghost px-2 py-1" aria-label={t("relations.withdrawNamed", { name })}>
                        {t("relations.withdraw")}
                      </SubmitButton>
                    </Form>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function InviteForm({ defaultKind }: { defaultKind: RelationKind }) {
  const t = useT();
  const data = useActionData<FormErrorData>();
  const mine = data?.values.intent === "invite" ? data : undefined;
  const v = (k: string) => (mine?.values[k] as string | undefined) ?? "";
  return (
    <section id="invite" className="card p-6" aria-labelledby="invite-title">
      <h2 id="invite-title" className="text-base font-semibold">
        {t("relations.invite.title")}
      </h2>
      <p className="mt-1 text-sm text-stone-600">{t("relations.invite.intro")}</p>
      <Form method="post" className="mt-4 space-y-4" noValidate>
        <FormError message={mine?.formError} />
        <SelectField
          key={`kind-${defaultKind}`}
          label={t("relations.invite.kind")}
          name="kind"
          defaultValue={v("kind") || defaultKind}
          error={mine?.fieldErrors.kind}
          options={RELATION_KINDS.map((kind) => ({ value: kind, label: t(`relations.inviteKind.${kind}`) }))}
          className="max-w-sm"
        />
        <div className="grid items-start gap-4 md:grid-cols-[1fr_auto_1fr]">
          <TextField
            label={t("relations.invite.email")}
            name="email"
            type="email"
            autoComplete="off"
            defaultValue={v("email")}
            error={mine?.fieldErrors.email}
          />
          <p className="text-sm font-medium text-stone-500 md:pt-8" aria-hidden>
            {t("relations.invite.or")}
          </p>
          <TextField
            label={t("relations.invite.slug")}
            name="slug"
            autoComplete="off"
            spellCheck={false}
            defaultValue={v("slug")}
            hint={t("relations.invite.slugHint")}
            error={mine?.fieldErrors.slug}
          />
        </div>
        <SubmitButton intent="invite">{t("relations.invite.submit")}</SubmitButton>
      </Form>
    </section>
  );
}

// ---- Retailer, distributor, rep agency: invitations to answer, producers, customers served.

function PartnerRelations() {
  const t = useT();
  const { org } = useOrgLayout();
  const { relations } = useLoaderData<typeof loader>();
  const toAnswer = relations.filter((r) => r.viewedAs === "partner" && r.status === "PENDING");
  const mine = relations.filter((r) => r.viewedAs === "partner" && r.status !== "PENDING");
  const served = relations.filter((r) => r.viewedAs === "rep" || r.viewedAs === "distributor");
  const servesCustomers = org.kind === "DISTRIBUTOR" || org.kind === "REP_AGENCY";
  return (
    <div className="space-y-8">
      {toAnswer.length > 0 ? <InvitationsToAnswer relations={toAnswer} /> : null}
      <section aria-labelledby="producers-title" className="space-y-3">
        <h2 id="producers-title" className="text-lg font-semibold">
          {org.kind === "RETAILER" ? t("relations.section.suppliers") : t("relations.section.producers")}
        </h2>
        {mine.length === 0 ? (
          <EmptyState title={t("relations.empty.partners")} description={t("relations.empty.partnersHint")} />
        ) : (
          <PartnerTable relations={mine} />
        )}
      </section>
      {servesCustomers ? (
        <section aria-labelledby="served-title" className="space-y-3">
          <div>
            <h2 id="served-title" className="text-lg font-semibold">
              {t("relations.section.served")}
            </h2>
            <p className="text-sm text-stone-600">{t("relations.section.servedIntro")}</p>
          </div>
          {served.length === 0 ? (
            <EmptyState title={t("relations.empty.served")} description={t("relations.empty.servedHint")} />
          ) : (
            <ServedTable relations={served} />
          )}
        </section>
      ) : null}
    </div>
  );
}

function InvitationsToAnswer({ relations }: { relations: Relation[] }) {
  const t = useT();
  const can = useCan();
  const { org } = useOrgLayout();
  return (
    <section aria-labelledby="to-answer-title" className="card bg-amber-50 p-5 ring-amber-300">
      <h2 id="to-answer-title" className="text-base font-semibold">
        {t("relations.toAnswer.title")}
      </h2>
      <ul className="mt-3 divide-y divide-amber-200">
        {relations.map((r) => (
          <li key={r.id} className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between">
            <p className="text-sm">
              <Link to={`/o/${org.slug}/relations/${r.id}`} className="link">
                {t("relations.toAnswer.text", { producer: r.producer.name, kind: t(`relations.kind.${r.kind}`) })}
              </Link>
            </p>
            {can("relation:respond") ? (
              <Form method="post" className="flex gap-2">
                <input type="hidden" name="relationId" value={r.id} />
                <SubmitButton intent="accept">{t("action.accept")}</SubmitButton>
                <SubmitButton intent="decline" className="btn-secondary">
                  {t("action.decline")}
                </SubmitButton>
              </Form>
            ) : (
              <p className="text-sm text-stone-600">{t("relations.toAnswer.askLead")}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function PartnerTable({ relations }: { relations: Relation[] }) {
  const t = useT();
  const fmt = useFormat();
  const groupLabel = useGroupLabel();
  const { org } = useOrgLayout();
  const retail = org.kind === "RETAILER";
  return (
    <div className="card overflow-x-auto">
      <table className="table-base">
        <thead className="bg-stone-50">
          <tr>
            <th scope="col">{t("relations.col.producer")}</th>
            <th scope="col">{t("common.status")}</th>
            {retail ? <th scope="col">{t("relations.col.group")}</th> : <th scope="col">{t("common.kind")}</th>}
            <th scope="col">{t("relations.col.terms")}</th>
            {retail ? (
              <th scope="col" className="text-right">
                {t("relations.col.minOrder")}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {relations.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/o/${org.slug}/relations/${r.id}`} className="link">
                  {r.producer.name}
                </Link>
              </td>
              <td>
                <RelationStatusBadge status={r.status} />
              </td>
              {retail ? (
                <td>{groupLabel(r.customerGroup) ?? <Muted>{t("relations.noGroup")}</Muted>}</td>
              ) : (
                <td>{t(`relations.kind.${r.kind}`)}</td>
              )}
              <td className="whitespace-nowrap">{t("relations.days", { count: r.paymentTermsDays })}</td>
              {retail ? (
                <td className="whitespace-nowrap text-right tabular-nums">
                  {r.minOrderCents > 0 ? fmt.money(r.minOrderCents) : <Muted>{t("relations.noMinimum")}</Muted>}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ServedTable({ relations }: { relations: Relation[] }) {
  const t = useT();
  const fmt = useFormat();
  const groupLabel = useGroupLabel();
  const { org } = useOrgLayout();
  return (
    <div className="card overflow-x-auto">
      <table className="table-base">
        <thead className="bg-stone-50">
          <tr>
            <th scope="col">{t("relations.col.customer")}</th>
            <th scope="col">{t("relations.col.producer")}</th>
            <th scope="col">{t("relations.col.servedAs")}</th>
            <th scope="col">{t("relations.col.group")}</th>
            <th scope="col">{t("relations.col.terms")}</th>
            <th scope="col" className="text-right">
              {t("relations.col.minOrder")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {relations.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/o/${org.slug}/relations/${r.id}`} className="link">
                  {r.partner?.name}
                </Link>
              </td>
              <td>{r.producer.name}</td>
              <td>{r.viewedAs === "rep" ? t("relations.servedAs.rep") : t("relations.servedAs.distributor")}</td>
              <td>{groupLabel(r.customerGroup) ?? <Muted>{t("relations.noGroup")}</Muted>}</td>
              <td className="whitespace-nowrap">{t("relations.days", { count: r.paymentTermsDays })}</td>
              <td className="whitespace-nowrap text-right tabular-nums">
                {r.minOrderCents > 0 ? fmt.money(r.minOrderCents) : <Muted>{t("relations.noMinimum")}</Muted>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Muted({ children }: { children: ReactNode }) {
  return <span className="text-stone-500">{children}</span>;
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
