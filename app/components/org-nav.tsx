import { Form, NavLink, useRouteLoaderData } from "@remix-run/react";
import { useT, useTCount } from "./i18n";
import type { MessageKey } from "~/locales";
import { can, type Action, type OrgKind, type Role } from "~/utils/permissions";

export type OrgLayoutData = {
  org: { id: string; slug: string; name: string; kind: OrgKind; locale: string; currency: string };
  role: Role;
  user: { id: string; name: string; email: string };
  myOrgs: { slug: string; name: string; kind: string }[];
  /** Chat messages the user has not read, across the organization's orders (shown on "Orders"). */
  unreadMessages: number;
  /** The bakery pages are shown (a producer running the module, or a retailer supplied by one). */
  bakery: boolean;
};

export function useOrgLayout(): OrgLayoutData {
  return useRouteLoaderData("routes/o.$org") as OrgLayoutData;
}

/** Same matrix as the server: the page shows only the actions the user may take. */
export function useCan(): (action: Action) => boolean {
  const { org, role } = useOrgLayout();
  return (action) => can({ role, kind: org.kind }, action);
}

/** `shown`: a link only for the kinds of organization and roles it serves (default: everyone). */
type NavLinkSpec = { to: string; label: MessageKey; end?: boolean; shown?: (kind: OrgKind, may: (action: Action) => boolean, bakery: boolean) => boolean };

const LINKS: NavLinkSpec[] = [
  { to: "", label: "nav.home", end: true },
  { to: "orders", label: "nav.orders" },
  { to: "bakery", label: "nav.bakery", shown: (_kind, may, bakery) => bakery && may("standing:read") },
  { to: "relations", label: "nav.relations" },
  { to: "catalog", label: "nav.catalog" },
  { to: "receivables", label: "nav.receivables", shown: (kind, may) => kind !== "RETAILER" && may("receivables:read") },
  { to: "payables", label: "nav.payables", shown: (kind, may) => kind === "RETAILER" && may("receivables:read") },
  { to: "payment-settings", label: "nav.paymentSettings", shown: (kind) => kind === "PRODUCER" },
  { to: "members", label: "nav.members" },
  { to: "settings", label: "nav.settings" },
  { to: "api-tokens", label: "nav.apiTokens" },
];

export function OrgNav() {
  const t = useT();
  const { org, user, myOrgs, unreadMessages, bakery } = useOrgLayout();
  const tc = useTCount();
  const may = useCan();
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
          {LINKS.filter((link) => !link.shown || link.shown(org.kind, may, bakery)).map((link) => (
            <NavLink
              key={link.to}
              to={link.to ? `${base}/${link.to}` : base}
              end={link.end}
              className={({ isActive }) =>
                `whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${isActive ? "bg-brand-50 text-brand-800" : "text-stone-700 hover:bg-stone-100"}`
              }
            >
              {t(link.label)}
              {link.to === "orders" && unreadMessages > 0 ? (
                <span className="badge ml-1.5 bg-brand-600 text-white" title={tc("chat.unread", unreadMessages)}>
                  <span aria-hidden="true">{unreadMessages}</span>
                  <span className="sr-only">{tc("chat.unread", unreadMessages)}</span>
                </span>
              ) : null}
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
