import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useDecimalInput } from "~/components/catalog";
import { CatalogSettingForm, CatalogSettingsPage } from "~/components/catalog-settings";
import { useFormat, useT } from "~/components/i18n";
import { useOrgLayout } from "~/components/org-nav";
import { TextField } from "~/components/ui/field";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { handleOrgForm, loadOrgPage } from "~/http/org-route.server";
import type { FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { createCustomerGroup, deleteCustomerGroup, listCustomerGroups, updateCustomerGroup } from "~/modules/catalog/customer-groups.server";
import { validationError } from "~/utils/errors";

export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => json({ groups: await listCustomerGroups(actor) }));
}

export async function action(args: ActionFunctionArgs) {
  return handleOrgForm(args, async ({ actor, t, values }) => {
    const id = typeof values.id === "string" ? values.id : "";
    const here = `/o/${actor.orgSlug}/catalog/groups`;
    switch (values.intent) {
      case "create": {
        const group = await createCustomerGroup(actor, values);
        return redirectWithToast(here, t("catalog.groups.created", { name: group.name }));
      }
      case "update": {
        const group = await updateCustomerGroup(actor, id, values);
        return redirectWithToast(here, t("catalog.groups.saved", { name: group.name }));
      }
      case "delete": {
        const { name, detached } = await deleteCustomerGroup(actor, id);
        return redirectWithToast(
          here,
          detached > 0 ? t("catalog.groups.deletedDetached", { name, count: detached }) : t("catalog.groups.deleted", { name }),
        );
      }
      default:
        throw validationError({ intent: "field.invalid" });
    }
  });
}

type Group = SerializeFrom<typeof loader>["groups"][number];

export default function CustomerGroupsPage() {
  const t = useT();
  const { groups } = useLoaderData<typeof loader>();
  return (
    <CatalogSettingsPage
      title={t("catalog.groups.title")}
      intro={t("catalog.groups.intro")}
      empty={{ title: t("catalog.groups.empty.title"), description: t("catalog.groups.empty.description") }}
      newTitle={t("catalog.groups.new")}
      items={groups}
      renderForm={(group, errorData) => <GroupForm group={group} errorData={errorData} />}
    />
  );
}

function GroupForm({ group, errorData }: { group?: Group; errorData?: FormErrorData }) {
  const t = useT();
  const fmt = useFormat();
  const decimal = useDecimalInput();
  const editing = errorData && errorData.values.intent !== "delete";
  const errors = editing ? errorData.fieldErrors : {};
  const typed = (k: string) => (errorData?.values[k] as string | undefined) ?? "";
  const values = editing
    ? { name: typed("name"), discount: typed("discount") }
    : { name: group?.name ?? "", discount: group ? decimal(group.discountBps, 2, 0) : "" };
  return (
    <CatalogSettingForm
      item={group}
      newTitle={t("catalog.groups.new")}
      errorData={errorData}
      confirmDelete={
        group
          ? group.relationCount > 0
            ? t("catalog.groups.confirmDeleteUsed", { name: group.name, count: group.relationCount })
            : t("catalog.groups.confirmDelete", { name: group.name })
          : undefined
      }
      summary={
        group ? (
          <>
            {t("catalog.groups.customers", { count: group.relationCount })} · {t("catalog.groups.discountShort", { discount: fmt.percent(group.discountBps) })}
          </>
        ) : null
      }
    >
      <TextField className="sm:col-span-6" label={t("catalog.groups.name")} name="name" required maxLength={60} placeholder={t("catalog.groups.namePlaceholder")} defaultValue={values.name} error={errors.name} />
      <TextField
        className="sm:col-span-3"
        label={t("catalog.groups.discount")}
        name="discount"
        inputMode="decimal"
        placeholder="0"
        defaultValue={values.discount}
        error={errors.discount}
        hint={group ? undefined : t("catalog.groups.discountHint")}
      />
    </CatalogSettingForm>
  );
}

export function ErrorBoundary() {
  const t = useT();
  const { org } = useOrgLayout();
  return <RouteErrorBoundary backTo={`/o/${org.slug}/catalog`} backLabel={t("catalog.backToCatalog")} />;
}
