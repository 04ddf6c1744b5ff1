import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { BakeryNav } from "~/components/bakery-nav";
import { ProductionDayNav } from "~/components/bakery/production-day-nav";
import { CreateShopForm, LeftoverDateForm, LeftoversForm, ShopOrderForm, ShopOrdersTable } from "~/components/bakery/shop-forms";
import { useFormat, useT } from "~/components/i18n";
import { useCan } from "~/components/org-nav";
import { Card, EmptyState, PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { handleConformForm } from "~/http/conform-form.server";
import { loadOrgPage } from "~/http/org-route.server";
import { redirectWithToast } from "~/http/toast.server";
import { addDays } from "~/modules/bakery/calendar";
import { isIsoDate, todayIso } from "~/modules/order/dates";
import { putLeftovers } from "~/modules/production/leftovers.server";
import { shopsPageSchema } from "~/modules/production/schemas";
import { createShop, createShopOrder, leftoversByShop, listShopFormats, listShopOrders, listShops, moveShopOrder } from "~/modules/production/shops.server";
import { isAppError, validationError } from "~/utils/errors";

export const meta: MetaFunction = () => [{ title: "Comptoir" }];

// /o/:org/bakery/shops?date=&leftoverDate= — the producer's shops, their counter orders to pick up
// on a date (default: tomorrow; picked up / cancelled here) and what each shop has left at closing
// (default: today), deducted from the production of J+n.
export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor }) => {
    const url = new URL(args.request.url);
    const tomorrow = addDays(todayIso(), 1);
    const date = isIsoDate(url.searchParams.get("date") ?? "") ? url.searchParams.get("date")! : tomorrow;
    const leftoverDate = isIsoDate(url.searchParams.get("leftoverDate") ?? "") ? url.searchParams.get("leftoverDate")! : todayIso();
    const [{ shops }, formats, { shopOrders }, leftovers] = [await listShops(actor), await listShopFormats(actor), await listShopOrders(actor, { date }), await leftoversByShop(actor, leftoverDate)];
    return json({ tomorrow, date, leftoverDate, shops, formats, shopOrders, leftovers });
  });
}

export async function action(args: ActionFunctionArgs) {
  return handleConformForm(args, shopsPageSchema, async ({ actor, t, value }) => {
    const search = new URL(args.request.url).search;
    const here = `/o/${actor.orgSlug}/bakery/shops${search}`;
    switch (value.intent) {
      case "createShop": {
        const shop = await createShop(actor, { name: value.name });
        return redirectWithToast(here, t("production.shops.created", { name: shop.name }));
      }
      case "createOrder": {
        const input = { shop: value.shop, pickupDate: value.pickupDate, customerName: value.customerName, phone: value.phone, depositCents: value.deposit, lines: value.lines };
        const order = await createShopOrder(actor, input).catch((error: unknown) => {
          // The service names the API's fields; the form's deposit is typed as money.
          const fields = isAppError(error) ? (error.details?.fields as Record<string, string> | undefined) : undefined;
          if (fields?.depositCents) throw validationError({ deposit: fields.depositCents });
          if (fields && Object.keys(fields).some((k) => k.startsWith("lines"))) throw validationError({ lines: Object.values(fields)[0] });
          throw error;
        });
        return redirectWithToast(here, t("production.shopOrders.created", { name: order.customerName }));
      }
      case "pickup":
      case "cancel": {
        const order = await moveShopOrder(actor, value.id, value.intent);
        return redirectWithToast(here, t(value.intent === "pickup" ? "production.shopOrders.pickedUp" : "production.shopOrders.cancelled", { name: order.customerName }));
      }
      case "leftovers": {
        const lines = (value.lines ?? []).flatMap((line) => (line ? [{ formatId: line.formatId, quantity: line.quantity || "0" }] : []));
        const saved = await putLeftovers(actor, value.date, { shop: value.shop, lines });
        return redirectWithToast(here, t("production.leftovers.saved", { shop: saved.shop.name }));
      }
    }
  });
}

export default function ShopsPage() {
  const t = useT();
  const fmt = useFormat();
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<SubmissionResult<string[]>>();
  const mayWrite = useCan()("shop:write");
  const resultFor = (intent: string, shop?: string) =>
    lastResult?.initialValue?.intent === intent && (!shop || lastResult.initialValue?.shop === shop) ? lastResult : undefined;
  return (
    <>
      <BakeryNav />
      <PageHeader title={t("production.shops.title")} description={t("production.shops.intro")} />
      <div className="space-y-8">
        <Card title={t("production.shops.list")}>
          {data.shops.length === 0 ? <p className="mb-4 text-sm text-stone-600">{t("production.shops.none")}</p> : (
            <ul className="mb-4 flex flex-wrap gap-2">
              {data.shops.map((shop) => <li key={shop.id} className="rounded-md bg-stone-100 px-3 py-1 text-sm font-medium">{shop.name}</li>)}
            </ul>
          )}
          {mayWrite ? <CreateShopForm lastResult={resultFor("createShop")} /> : null}
        </Card>

        <section aria-labelledby="shop-orders">
          <h2 id="shop-orders" className="mb-3 text-lg font-semibold text-stone-900">{t("production.shopOrders.title", { date: fmt.date(data.date) })}</h2>
          <ProductionDayNav date={data.date} tomorrow={data.tomorrow} search={{ leftoverDate: data.leftoverDate }} />
          {data.shopOrders.length === 0 ? (
            <EmptyState title={t("production.shopOrders.empty.title")} description={t("production.shopOrders.empty.description")} />
          ) : (
            <ShopOrdersTable orders={data.shopOrders} actions={mayWrite} />
          )}
          {mayWrite && data.shops.length > 0 && data.formats.length > 0 ? (
            <Card title={t("production.shopOrders.new")} className="mt-4">
              <ShopOrderForm shops={data.shops} formats={data.formats} date={data.date} lastResult={resultFor("createOrder")} />
            </Card>
          ) : null}
        </section>

        <section aria-labelledby="leftovers">
          <h2 id="leftovers" className="mb-1 text-lg font-semibold text-stone-900">{t("production.leftovers.title", { date: fmt.date(data.leftoverDate) })}</h2>
          <p className="mb-3 text-sm text-stone-600">{t("production.leftovers.intro")}</p>
          <LeftoverDateForm date={data.date} leftoverDate={data.leftoverDate} />
          {data.shops.length === 0 ? (
            <EmptyState title={t("production.shops.none")} />
          ) : (
            <div className="grid gap-4 lg:grid-cols-2">
              {data.shops.map((shop) => (
                <Card key={shop.id} title={shop.name}>
                  <LeftoversForm shop={shop} date={data.leftoverDate} formats={data.formats} quantities={data.leftovers[shop.id] ?? {}} lastResult={resultFor("leftovers", shop.id)} readOnly={!mayWrite} />
                </Card>
              ))}
            </div>
          )}
        </section>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
