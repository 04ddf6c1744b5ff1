import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useT } from "../i18n";

/** A page's error (404, 403…) shown inside the organization layout, so the navigation stays. */
export function RouteErrorBoundary({ backTo, backLabel }: { backTo?: string; backLabel?: string }) {
  const t = useT();
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message =
    isRouteErrorResponse(error) && typeof error.data === "object" && error.data && "message" in error.data
      ? String((error.data as { message: unknown }).message)
      : status === 404
        ? t("error.not_found")
        : t("error.internal");
  return (
    <div className="card mx-auto max-w-lg px-6 py-10 text-center">
      <p className="text-sm font-semibold text-brand-700">{status}</p>
      <h1 className="mt-2 text-xl font-bold">{status === 404 ? t("error.notFoundTitle") : t("error.title")}</h1>
      <p className="mt-2 text-stone-600">{message}</p>
      {backTo ? (
        <Link to={backTo} className="btn-secondary mt-6">
          {backLabel ?? t("action.back")}
        </Link>
      ) : null}
    </div>
  );
}
