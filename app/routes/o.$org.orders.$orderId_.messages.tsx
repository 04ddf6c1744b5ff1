import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/components/i18n";
import { OrderChat } from "~/components/order-chat";
import { useOrgLayout } from "~/components/org-nav";
import { PageHeader } from "~/components/ui/layout";
import { RouteErrorBoundary } from "~/components/ui/route-error";
import { readChatPost } from "~/http/chat-post.server";
import { loadOrgPage, orgPageContext } from "~/http/org-route.server";
import { pageError, runFormAction, type FormErrorData } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { chatFileTooLargeError, openConversation, postMessage } from "~/modules/chat/chat.server";
import { assertOrderVisible } from "~/modules/order/documents.server";
import { getOrder } from "~/modules/order/order-view.server";

// This form carries a file: the server lets its body run past the 10 MB file limit (the upload reader
// keeps nothing beyond it) so that the form comes back with the field's message (server/body-limit.ts).
export const handle = { acceptsUploads: true };

// /o/:org/orders/:orderId/messages — the chat form's target. POST (multipart: `body`, optional `file`)
// sends a message: without JavaScript it goes back to the order's Messages tab with a toast; posted in
// place (`live=1`) it answers the message as JSON. A refused message answers 400 with the reason in
// the user's language: in place, next to the form; without JavaScript, on this page, which shows the
// conversation and the form again with what was typed. `$orderId_`: not nested in the order page.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Comptoir` : "Comptoir" }];

export async function loader(args: LoaderFunctionArgs) {
  return loadOrgPage(args, async ({ actor, t }) => {
    const orderId = args.params.orderId ?? "";
    const order = await getOrder(actor, orderId);
    const { messages } = await openConversation(actor, orderId);
    const parties = [order.seller, order.buyer, order.rep, order.distributor].flatMap((o) => (o ? [o.name] : [])).join(", ");
    return json({ orderId, messages, parties, title: `${t("orders.number", { number: order.number })} · ${t("chat.title")}` });
  });
}

export async function action(args: ActionFunctionArgs) {
  const { actor, language, t } = await orgPageContext(args);
  const orderId = args.params.orderId ?? "";
  // A foreign order answers 404 before its upload is read.
  await assertOrderVisible(actor, orderId).catch((error) => {
    throw pageError(error, language);
  });
  // Read inside runFormAction: a malformed or cut-off body shows its message with the form.
  const typed = { body: "" };
  return runFormAction(language, typed, async () => {
    const { fields, file, oversize } = await readChatPost(args.request, "page");
    typed.body = fields.body ?? "";
    if (oversize) throw chatFileTooLargeError(oversize);
    const message = await postMessage(actor, orderId, fields, file);
    if (fields.live === "1") return json({ ok: true as const, message });
    return redirectWithToast(`/o/${actor.orgSlug}/orders/${orderId}?tab=messages#m-${message.id}`, t("chat.sent"));
  });
}

export default function OrderMessagesPage() {
  const t = useT();
  const { org, user } = useOrgLayout();
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<FormErrorData>();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to={`/o/${org.slug}/orders/${data.orderId}?tab=messages`} className="link">
          ← {t("chat.backToOrder")}
        </Link>
      </p>
      <PageHeader title={data.title} />
      <OrderChat orderId={data.orderId} orgSlug={org.slug} me={user.id} parties={data.parties} messages={data.messages} errors={failed && !failed.ok ? failed : null} />
    </>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
