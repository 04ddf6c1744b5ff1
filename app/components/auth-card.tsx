import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "./i18n";

export function AuthCard({ title, children, footer }: { title: ReactNode; children: ReactNode; footer?: ReactNode }) {
  const t = useT();
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <Link to="/" className="mb-6 text-2xl font-bold tracking-tight text-brand-700">
        {t("app.name")}
      </Link>
      <div className="card w-full max-w-md p-8">
        <h1 className="mb-6 text-xl font-semibold">{title}</h1>
        {children}
      </div>
      {footer ? <div className="mt-6 text-sm text-stone-600">{footer}</div> : null}
    </main>
  );
}
