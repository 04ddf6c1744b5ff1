import { Form, NavLink, useRouteLoaderData } from "@remix-run/react";
import { useT } from "./i18n";
import type { MessageKey } from "~/locales";
import { can, type Action, type OrgKind, type Role } from "~/utils/permissions";

export type OrgLayoutData = {
  org: { id: string; slug: string; name: string; kind: OrgKind; locale: string; currency: string };
  role: Role;
  user: { id: string; name: string; email: string };
  myOrgs: { slug: string; name: string; kind: string }[];
};

export function useOrgLayout(): OrgLayoutData {
  return useRouteLoaderData("routes/o.$org") as OrgLayoutData;
}

/** Same matrix as the server: the page shows only the actions the user may take. */
export function useCan(): (action: Action) => boolean {
  const { org, role } = useOrgLayout();
  return (action) => can({ role, kind: org.kind }, action);
}

const LINKS: { to: string; label: MessageKey; end?: boolean }[] = [
  { to: "", label: "nav.home", end: true },
  { to: "orders", label: "nav.orders" },
  { to: "relations", label: "nav.relations" },
  { to: "catalog", label: "nav.catalog" },
  { to: "members", label: "nav.members" },
  { to: "settings", label: "nav.settings" },
  { to: "api-tokens", label: "nav.apiTokens" },
];

export function OrgNav() {
  const t = useT();
  const { org, user, myOrgs } = useOrgLayout();
  const base = `/o/${org.slug}`;
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <NavLink to={base} className="text-lg font-bold tracking-tight text-brand-700">
          {t("app.name")}
        </NavLink>
        <details className="relative">
          <summary className="cursor-pointer list-none rounded-md px-2 py-1 text-sm font-semibold ring-1 ring-stone-200 hover:bg-stone-50">
            {org.name} <span className="font-normal text-stone-500">· {t(`kind.${org.kind}`)}</span> ▾
          </summary>
          <div className="absolute z-20 mt-1 w-64 rounded-md bg-white p-1 shadow-lg ring-1 ring-stone-200">
            <p className="px-3 py-1 text-xs font-semibold uppercase text-stone-500">{t("nav.switchOrg")}</p>
            {myOrgs.map((o) => (
              <a key={o.slug} href={`/o/${o.slug}`} className="block rounded px-3 py-2 text-sm hover:bg-stone-100" aria-current={o.slug === org.slug ? "true" : undefined}>
                {o.name}
              </a>
            ))}
            <a href="/orgs/new" className="block rounded px-3 py-2 text-sm text-brand-700 hover:bg-stone-100">
              + {t("nav.newOrg")}
            </a>
          </div>
        </details>
        <nav aria-label={t("nav.mainMenu")} className="order-last flex w-full gap-1 overflow-x-auto sm:order-none sm:w-auto">
          {LINKS.map((link) => (
            <NavLink
              key={link.to}
              to={link.to ? `${base}/${link.to}` : base}
              end={link.end}
              className={({ isActive }) =>
                `whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${isActive ? "bg-brand-50 text-brand-800" : "text-stone-700 hover:bg-stone-100"}`
              }
            >
              {t(link.label)}
            </NavLink>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-2 text-sm">
          <NavLink to="/account" className="rounded-md px-2 py-1 hover:bg-stone-100">
            {user.name}
          </NavLink>
          <Form method="post" action="/logout">
            <button type="submit" className="btn-ghost px-2 py-1">
              {t("nav.logout")}
            </button>
          </Form>
        </div>
      </div>
    </header>
  );
}
