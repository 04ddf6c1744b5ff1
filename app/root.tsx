import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { Toast } from "~/components/ui/toast";
import { requestLanguage } from "~/http/context.server";
import { useCspNonce } from "~/utils/csp-nonce";
import { readToast } from "~/http/toast.server";
import { makeTranslator } from "~/utils/i18n";
import stylesheet from "~/styles/tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.ico" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { toast, clearCookie } = await readToast(request);
  const language = requestLanguage(request, context);
  const user = context.user ? { id: context.user.id, name: context.user.name, email: context.user.email } : null;
  return json({ language, user, toast }, clearCookie ? { headers: { "Set-Cookie": clearCookie } } : undefined);
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useCspNonce();
  return (
    <html lang={data?.language ?? "fr"} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-full">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { toast } = useLoaderData<typeof loader>();
  return (
    <>
      <Outlet />
      <Toast message={toast} />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const t = makeTranslator(data?.language ?? "fr");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message =
    isRouteErrorResponse(error) && typeof error.data === "object" && error.data && "message" in error.data
      ? String((error.data as { message: unknown }).message)
      : status === 404
        ? t("error.not_found")
        : t("error.internal");
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col items-center justify-center px-6 text-center">
      <p className="text-sm font-semibold text-brand-700">{status}</p>
      <h1 className="mt-2 text-2xl font-bold">{status === 404 ? t("error.notFoundTitle") : t("error.title")}</h1>
      <p className="mt-2 text-stone-600">{message}</p>
      <Link to="/" className="btn-primary mt-6">
        {t("error.goHome")}
      </Link>
    </main>
  );
}
