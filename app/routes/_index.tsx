import { json, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useT } from "~/components/i18n";
import { listMyOrganizations } from "~/modules/org/organization.server";

export async function loader({ context }: LoaderFunctionArgs) {
  if (!context.user) return json(null);
  const orgs = await listMyOrganizations(context.user.id);
  throw redirect(orgs.length ? `/o/${orgs[0].slug}` : "/orgs/new");
}

export default function Landing() {
  const t = useT();
  return (
    <main className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center px-6 py-16">
      <p className="text-sm font-semibold uppercase tracking-wider text-brand-700">{t("app.name")}</p>
      <h1 className="mt-3 text-4xl font-bold tracking-tight sm:text-5xl">{t("app.tagline")}</h1>
      <p className="mt-4 text-lg text-stone-600">{t("org.landing.pitch")}</p>
      <div className="mt-8 flex gap-3">
        <Link to="/login" className="btn-primary">
          {t("org.landing.login")}
        </Link>
        <Link to="/signup" className="btn-secondary">
          {t("org.landing.signup")}
        </Link>
      </div>
    </main>
  );
}
