import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { OrgNav, type OrgLayoutData } from "~/components/org-nav";
import { useT } from "~/components/i18n";
import { onLiveEvent } from "~/components/live";
import { requireOrgActor } from "~/http/context.server";
import { getDb } from "~/utils/db.server";
import { bakeryAvailable } from "~/modules/bakery/settings.server";
import { unreadTotal } from "~/modules/chat/chat.server";
import { getOrganization, listMyOrganizations } from "~/modules/org/organization.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, actor } = await requireOrgActor(request, context, params);
  const [org, myOrgs, unreadMessages, bakery] = await Promise.all([
    getOrganization(actor),
    listMyOrganizations(user.id),
    unreadTotal(actor),
    bakeryAvailable(getDb(), actor),
  ]);
  return json<OrgLayoutData>({
    org: { id: org.id, slug: org.slug, name: org.name, kind: actor.orgKind, locale: org.locale, currency: org.currency },
    role: actor.role,
    user: { id: user.id, name: user.name, email: user.email },
    myOrgs: myOrgs.map((o) => ({ slug: o.slug, name: o.name, kind: o.kind })),
    unreadMessages,
    bakery,
  });
}

/** The unread counts follow the chat live: a message for the user, or one read, reloads the page's data. */
function useUnreadCountsLive() {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = onLiveEvent("chat:unread", () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => revalidate.current(), 300);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, []);
}

export default function OrgLayout() {
  const t = useT();
  useUnreadCountsLive();
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        {t("nav.skip")}
      </a>
      <OrgNav />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        <Outlet />
      </main>
    </>
  );
}
