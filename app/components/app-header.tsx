import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "./i18n";

/** The header of pages outside an organization (profile, dev mailbox): back home, log out. */
export function AppHeader({ maxWidth = "max-w-3xl" }: { maxWidth?: string }) {
  const t = useT();
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className={`mx-auto flex ${maxWidth} items-center gap-4 px-4 py-3`}>
        <Link to="/" className="text-lg font-bold tracking-tight text-brand-700">
          {t("app.name")}
        </Link>
        <Link to="/" className="rounded-md px-3 py-1.5 text-sm font-medium text-stone-700 hover:bg-stone-100">
          <span aria-hidden>← </span>
          {t("nav.home")}
        </Link>
        <Form method="post" action="/logout" className="ml-auto">
          <button type="submit" className="btn-ghost px-2 py-1 text-sm">
            {t("nav.logout")}
          </button>
        </Form>
      </div>
    </header>
  );
}

/** Skip link, header and main landmark for pages outside an organization. */
export function AppShell({ children, maxWidth = "max-w-3xl" }: { children: ReactNode; maxWidth?: string }) {
  const t = useT();
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2"
      >
        {t("nav.skip")}
      </a>
      <AppHeader maxWidth={maxWidth} />
      <main id="main" className={`mx-auto ${maxWidth} space-y-6 px-4 py-8`}>
        {children}
      </main>
    </>
  );
}
