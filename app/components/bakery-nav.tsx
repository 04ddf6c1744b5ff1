// The bakery module's own menu, on every bakery page: the producer's morning (intake, production,
// delivery notes) and set-up; the retailer's standing orders, differences and history.
import { NavLink } from "@remix-run/react";
import type { MessageKey } from "~/locales";
import type { Action, OrgKind } from "~/utils/permissions";
import { useT } from "./i18n";
import { useCan, useOrgLayout } from "./org-nav";

type BakeryLink = { to: string; label: MessageKey; kinds: OrgKind[]; action: Action };

export const BAKERY_LINKS: BakeryLink[] = [
  { to: "intake", label: "bakery.nav.intake", kinds: ["PRODUCER"], action: "intake:run" },
  { to: "production", label: "bakery.nav.production", kinds: ["PRODUCER"], action: "production:read" },
  { to: "delivery-notes", label: "bakery.nav.deliveryNotes", kinds: ["PRODUCER"], action: "production:read" },
  { to: "standing", label: "bakery.nav.standing", kinds: ["PRODUCER", "RETAILER"], action: "standing:read" },
  { to: "proposals", label: "bakery.nav.proposals", kinds: ["PRODUCER"], action: "standing:read" },
  { to: "differences", label: "bakery.nav.differences", kinds: ["RETAILER"], action: "standing:read" },
  { to: "history", label: "bakery.nav.history", kinds: ["RETAILER"], action: "standing:read" },
  { to: "invoices", label: "bakery.nav.invoices", kinds: ["RETAILER"], action: "invoice:read" },
  { to: "shops", label: "bakery.nav.shops", kinds: ["PRODUCER"], action: "shop:write" },
  { to: "calendar", label: "bakery.nav.calendar", kinds: ["PRODUCER"], action: "standing:write" },
  { to: "invoicing", label: "bakery.nav.invoicing", kinds: ["PRODUCER"], action: "invoice:publish" },
  { to: "settings", label: "bakery.nav.settings", kinds: ["PRODUCER"], action: "bakery:settings" },
];

/** The first bakery page of an organization kind (where "Bakery" in the main menu leads). */
export function bakeryHome(kind: OrgKind): string {
  return kind === "PRODUCER" ? "intake" : "standing";
}

export function BakeryNav() {
  const t = useT();
  const { org } = useOrgLayout();
  const may = useCan();
  const links = BAKERY_LINKS.filter((link) => link.kinds.includes(org.kind) && may(link.action));
  return (
    <nav aria-label={t("bakery.nav.label")} className="mb-6 flex gap-1 overflow-x-auto border-b border-stone-200 pb-2">
      {links.map((link) => (
        <NavLink
          key={link.to}
          to={`/o/${org.slug}/bakery/${link.to}`}
          className={({ isActive }) =>
            `whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${isActive ? "bg-brand-50 text-brand-800" : "text-stone-700 hover:bg-stone-100"}`
          }
        >
          {t(link.label)}
        </NavLink>
      ))}
    </nav>
  );
}
