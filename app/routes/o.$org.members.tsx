import { RouteErrorBoundary } from "~/components/ui/route-error";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useFormat, useT } from "~/components/i18n";
import { useCan, useOrgLayout } from "~/components/org-nav";
import { FormError, SelectField, TextField } from "~/components/ui/field";
import { Card, EmptyState, PageHeader } from "~/components/ui/layout";
import { SubmitButton } from "~/components/ui/submit-button";
import { handleOrgForm, loadOrgPage } from "~/http/org-route.server";
import type { FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import {
  assignableRoles,
  canManageMember,
  inviteMember,
  listMembers,
  removeMember,
  revokeInvitation,
  updateMemberRole,
} from "~/modules/org/members.server";
import { AppError } from "~/utils/errors";
import type { Role } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    const { members, invitations } = await listMembers(actor);
    return json({
      members: members.map((m) => ({ ...m, manageable: canManageMember(actor, m.role) })),
      invitations: invitations.map((i) => ({ ...i, manageable: canManageMember(actor, i.role) })),
      assignableRoles: assignableRoles(actor),
      me: actor.userId,
    });
  });
}

export async function action(args: ActionFunctionArgs) {
  return handleOrgForm(args, async ({ actor, language, t, values }) => {
    const here = `/o/${actor.orgSlug}/members`;
    const id = typeof values.id === "string" ? values.id : "";
    switch (values.intent) {
      case "invite": {
        const { email } = await inviteMember(actor, values, language);
        return redirectWithToast(here, t("members.invited", { email }));
      }
      case "update-role": {
        await updateMemberRole(actor, id, values);
        return redirectWithToast(here, t("members.roleSaved"));
      }
      case "remove": {
        const { name, self, orgName } = await removeMember(actor, id);
        if (self) return redirectWithToast("/", t("members.left", { org: orgName }));
        return redirectWithToast(here, t("members.removed", { name }));
      }
      case "revoke-invitation": {
        await revokeInvitation(actor, id);
        return redirectWithToast(here, t("members.invitationRevoked"));
      }
      default:
        throw new AppError("validation_failed", "error.validation_failed");
    }
  });
}

export default function MembersPage() {
  const t = useT();
  const format = useFormat();
  const can = useCan();
  const { org } = useOrgLayout();
  const { members, invitations, assignableRoles: roles, me } = useLoaderData<typeof loader>();
  const data = useActionData<FormErrorData>();
  const inviteErrors = data?.values.intent === "invite" ? data : undefined;
  const otherError = data && !inviteErrors ? data.formError : undefined;
  const roleOptions = (list: readonly Role[]) => list.map((r) => ({ value: r, label: t(`role.${r}`) }));
  const mayInvite = can("member:invite");
  const mayUpdate = can("member:update");
  const mayRemove = can("member:remove");

  return (
    <>
      <PageHeader title={t("members.title")} description={t("members.intro", { org: org.name })} />
      {otherError ? (
        <div className="mb-4">
          <FormError message={otherError} />
        </div>
      ) : null}
      {!mayInvite ? <p className="mb-4 text-sm text-stone-600">{t("members.readOnly")}</p> : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="members-heading" className="lg:col-span-2">
          <h2 id="members-heading" className="mb-3 text-base font-semibold">
            {t("members.list")}
          </h2>
          <div className="card overflow-x-auto">
            <table className="table-base">
              <thead>
                <tr>
                  <th scope="col">{t("common.name")}</th>
                  <th scope="col">{t("common.email")}</th>
                  <th scope="col">{t("common.role")}</th>
                  {mayUpdate || mayRemove ? (
                    <th scope="col">
                      <span className="sr-only">{t("common.actions")}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {members.map((m) => {
                  const isMe = m.userId === me;
                  return (
                    <tr key={m.id} className="[&>td]:align-middle">
                      <td className="whitespace-nowrap font-medium">
                        {m.name}
                        {isMe ? <span className="ml-1 text-stone-500">({t("members.you")})</span> : null}
                      </td>
                      <td className="text-stone-600">{m.email}</td>
                      <td>
                        {mayUpdate && m.manageable ? (
                          // Keyed by role: after a change the select shows the saved role again.
                          <Form key={m.role} method="post" className="flex items-end gap-2">
                            <input type="hidden" name="intent" value="update-role" />
                            <input type="hidden" name="id" value={m.id} />
                            <SelectField
                              label={<span className="sr-only">{t("members.roleOf", { name: m.name })}</span>}
                              name="role"
                              defaultValue={m.role}
                              options={roleOptions(roles)}
                              className="min-w-[9rem]"
                            />
                            <SubmitButton className="btn-secondary px-3 py-2">
                              {t("action.save")}
                              <span className="sr-only"> — {t("members.roleOf", { name: m.name })}</span>
                            </SubmitButton>
                          </Form>
                        ) : (
                          <span className={`badge ${m.role === "OWNER" ? "bg-brand-100 text-brand-800" : "bg-stone-100 text-stone-700"}`}>
                            {t(`role.${m.role as Role}`)}
                          </span>
                        )}
                      </td>
                      {mayUpdate || mayRemove ? (
                        <td className="text-right">
                          {mayRemove && m.manageable ? (
                            <Form
                              method="post"
                              onSubmit={(e) => {
                                if (!window.confirm(t("members.removeConfirm", { name: m.name }))) e.preventDefault();
                              }}
                            >
                              <input type="hidden" name="intent" value="remove" />
                              <input type="hidden" name="id" value={m.id} />
                              <button type="submit" className="btn-ghost px-3 py-1.5 text-red-700 hover:bg-red-50">
                                {t("action.remove")}
                                <span className="sr-only"> {m.name}</span>
                              </button>
                            </Form>
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>

          <h2 className="mb-3 mt-8 text-base font-semibold">{t("members.pending")}</h2>
          {invitations.length === 0 ? (
            <EmptyState title={t("members.empty")} />
          ) : (
            <div className="card overflow-x-auto">
              <table className="table-base">
                <thead>
                  <tr>
                    <th scope="col">{t("common.email")}</th>
                    <th scope="col">{t("common.role")}</th>
                    <th scope="col">{t("members.invitedBy")}</th>
                    <th scope="col">{t("common.status")}</th>
                    {mayInvite ? (
                      <th scope="col">
                        <span className="sr-only">{t("common.actions")}</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {invitations.map((i) => (
                    <tr key={i.id} className="[&>td]:align-middle">
                      <td className="font-medium">{i.email}</td>
                      <td>
                        <span className="badge bg-stone-100 text-stone-700">{t(`role.${i.role as Role}`)}</span>
                      </td>
                      <td className="text-stone-600">{i.invitedBy}</td>
                      <td className="text-stone-600">{t("members.expires", { date: format.date(i.expiresAt) })}</td>
                      {mayInvite ? (
                        <td className="text-right">
                          {i.manageable ? (
                            <Form method="post">
                              <input type="hidden" name="intent" value="revoke-invitation" />
                              <input type="hidden" name="id" value={i.id} />
                              <button type="submit" className="btn-ghost px-3 py-1.5 text-red-700 hover:bg-red-50">
                                {t("members.withdraw")}
                                <span className="sr-only"> {i.email}</span>
                              </button>
                            </Form>
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        {mayInvite ? (
          <div>
            <Card title={t("members.invite")}>
              <Form method="post" className="space-y-4" noValidate>
                <input type="hidden" name="intent" value="invite" />
                <FormError message={inviteErrors?.formError} />
                <TextField
                  label={t("common.email")}
                  name="email"
                  type="email"
                  autoComplete="off"
                  required
                  defaultValue={(inviteErrors?.values.email as string | undefined) ?? ""}
                  error={inviteErrors?.fieldErrors.email}
                />
                <SelectField
                  label={t("common.role")}
                  name="role"
                  defaultValue={(inviteErrors?.values.role as string | undefined) ?? "STAFF"}
                  options={roleOptions(roles)}
                  error={inviteErrors?.fieldErrors.role}
                  hint={t("members.inviteHint")}
                />
                <SubmitButton className="btn-primary w-full">{t("members.inviteSubmit")}</SubmitButton>
              </Form>
            </Card>
          </div>
        ) : null}
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
