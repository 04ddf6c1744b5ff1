import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AppShell } from "~/components/app-header";
import { useFormat, useT } from "~/components/i18n";
import { Card, EmptyState, PageHeader } from "~/components/ui/layout";
import { requestLanguage, requireUser } from "~/http/context.server";
import { pageError } from "~/http/page-errors.server";
import { assertDevMailAvailable, listDevMail, readDevMail } from "~/modules/notify/dev-mail.server";
import { mailDir } from "~/modules/notify/outbox.server";

export const meta: MetaFunction = () => [{ title: "Comptoir — mail" }, { name: "robots", content: "noindex" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const language = requestLanguage(request, context);
  // Off (npm start, or SMTP configured) or asked from another machine: this page does not exist.
  try {
    assertDevMailAvailable(context.clientIp);
  } catch (error) {
    throw pageError(error, language);
  }
  requireUser(request, context);
  const file = new URL(request.url).searchParams.get("file");
  try {
    return json(
      { dir: mailDir(), messages: listDevMail(), selected: file ? readDevMail(file) : null },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    throw pageError(error, language);
  }
}

export default function DevMailPage() {
  const t = useT();
  const format = useFormat();
  const { dir, messages, selected } = useLoaderData<typeof loader>();
  return (
    <AppShell maxWidth="max-w-6xl">
      <PageHeader title={t("dev.mail.title")} description={t("dev.mail.note", { dir })} />
      {selected ? (
        <Card>
          <p>
            <Link to="/dev/mail" className="link text-sm">
              <span aria-hidden>← </span>
              {t("dev.mail.back")}
            </Link>
          </p>
          <h2 className="mt-3 text-lg font-semibold">{selected.subject}</h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="font-medium text-stone-600">{t("dev.mail.to")}</dt>
            <dd>{selected.to}</dd>
            <dt className="font-medium text-stone-600">{t("dev.mail.date")}</dt>
            <dd>{format.dateTime(selected.date)}</dd>
          </dl>
          <div className="mt-6 grid gap-6 lg:grid-cols-2">
            <section aria-labelledby="mail-text">
              <h3 id="mail-text" className="mb-2 text-sm font-semibold text-stone-700">
                {t("dev.mail.text")}
              </h3>
              {selected.text ? (
                <pre className="max-h-[32rem] overflow-auto whitespace-pre-wrap break-words rounded-md bg-stone-50 p-4 text-sm ring-1 ring-stone-200">
                  {selected.text}
                </pre>
              ) : (
                <p className="text-sm text-stone-500">{t("dev.mail.noBody")}</p>
              )}
            </section>
            <section aria-labelledby="mail-html">
              <h3 id="mail-html" className="mb-2 text-sm font-semibold text-stone-700">
                {t("dev.mail.html")}
              </h3>
              {selected.html ? (
                // An empty sandbox: no scripts, no forms, no access to this origin.
                <iframe
                  title={t("dev.mail.html")}
                  sandbox=""
                  srcDoc={selected.html}
                  className="h-[32rem] w-full rounded-md bg-white ring-1 ring-stone-200"
                />
              ) : (
                <p className="text-sm text-stone-500">{t("dev.mail.noBody")}</p>
              )}
            </section>
          </div>
        </Card>
      ) : messages.length === 0 ? (
        <EmptyState title={t("dev.mail.empty")} />
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base">
            <caption className="sr-only">{t("dev.mail.newest")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dev.mail.date")}</th>
                <th scope="col">{t("dev.mail.to")}</th>
                <th scope="col">{t("dev.mail.subject")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {messages.map((m) => (
                <tr key={m.file}>
                  <td className="whitespace-nowrap text-stone-600">{format.dateTime(m.date)}</td>
                  <td>{m.to}</td>
                  <td>
                    <Link to={`/dev/mail?file=${encodeURIComponent(m.file)}`} className="link">
                      {m.subject || m.file}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AppShell>
  );
}
