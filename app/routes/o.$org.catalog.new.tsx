import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ProductFields } from "~/components/catalog";
import { useT } from "~/components/i18n";
import { useOrgLayout } from "~/components/org-nav";
import { FormError } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { SubmitButton } from "~/components/ui/submit-button";
import { requestLanguage, requireOrgActor } from "~/http/context.server";
import { pageError, runFormAction, type FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { createProduct, getProductFormOptions } from "~/modules/catalog/products.server";
import { makeTranslator } from "~/utils/i18n";
import { formDataToObject } from "~/utils/validation";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireOrgActor(request, context, params);
  try {
    return json(await getProductFormOptions(actor));
  } catch (error) {
    throw pageError(error, requestLanguage(request, context));
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor } = await requireOrgActor(request, context, params);
  const language = requestLanguage(request, context);
  const values = formDataToObject(await request.formData());
  return runFormAction(language, values, async () => {
    const product = await createProduct(actor, values);
    return redirectWithToast(
      `/o/${actor.orgSlug}/catalog/products/${product.id}`,
      makeTranslator(language)("catalog.product.created", { name: product.name }),
    );
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
