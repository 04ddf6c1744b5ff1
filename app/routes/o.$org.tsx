import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { OrgNav, type OrgLayoutData } from "~/components/org-nav";
import { useT } from "~/components/i18n";
import { requireOrgActor } from "~/http/context.server";
import { getOrganization, listMyOrganizations } from "~/modules/org/organization.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, actor } = await requireOrgActor(request, context, params);
  const [org, myOrgs] = await Promise.all([getOrganization(actor), listMyOrganizations(user.id)]);
  return json<OrgLayoutData>({
    org: { id: org.id, slug: org.slug, name: org.name, kind: actor.orgKind, locale: org.locale, currency: org.currency },
    role: actor.role,
    user: { id: user.id, name: user.name, email: user.email },
    myOrgs: myOrgs.map((o) => ({ slug: o.slug, name: o.name, kind: o.kind })),
  });
}

export default function OrgLayout() {
  const t = useT();
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
