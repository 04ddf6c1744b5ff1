import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ProductFields } from "~/components/catalog";
import { useT } from "~/components/i18n";
import { useOrgLayout } from "~/components/org-nav";
import { FormError } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { SubmitButton } from "~/components/ui/submit-button";
import { handleOrgForm, loadOrgPage } from "~/http/org-route.server";
import type { FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { createProduct, getProductFormOptions } from "~/modules/catalog/products.server";

export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => json(await getProductFormOptions(actor)));
}

export async function action(args: ActionFunctionArgs) {
  return handleOrgForm(args, async ({ actor, t, values }) => {
    const product = await createProduct(actor, values);
    return redirectWithToast(`/o/${actor.orgSlug}/catalog/products/${product.id}`, t("catalog.product.created", { name: product.name }));
  });
}

export default function NewProductPage() {
  const t = useT();
  const { families } = useLoaderData<typeof loader>();
  const data = useActionData<FormErrorData>();
  const { org } = useOrgLayout();
  const v = (k: string) => (data?.values[k] as string | undefined) ?? "";
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to={`/o/${org.slug}/catalog`} className="link">
          ← {t("catalog.backToCatalog")}
        </Link>
      </p>
      <PageHeader title={t("catalog.product.newTitle")} description={t("catalog.product.newIntro")} />
      <Form method="post" className="card max-w-3xl space-y-6 p-6" noValidate>
        <FormError message={data?.formError} />
        <ProductFields
          families={families}
          errors={data?.fieldErrors ?? {}}
          values={{
            name: v("name"),
            sku: v("sku"),
            family: v("family"),
            description: v("description"),
            active: data ? data.values.active === "on" : true,
          }}
        />
        <div className="flex gap-2">
          <SubmitButton>{t("catalog.product.createSubmit")}</SubmitButton>
          <Link to={`/o/${org.slug}/catalog`} className="btn-ghost">
            {t("action.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  const { org } = useOrgLayout();
  return <RouteErrorBoundary backTo={`/o/${org.slug}/catalog`} />;
}
