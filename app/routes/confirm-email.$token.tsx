import type { LoaderFunctionArgs } from "@remix-run/node";
import { requestLanguage } from "~/http/context.server";
import { pageError } from "~/http/page-errors.server";
import { redirectWithToast } from "~/http/toast.server";
import { confirmEmailChange } from "~/modules/auth/auth.server";
import { makeTranslator } from "~/utils/i18n";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const language = requestLanguage(request, context);
  try {
    const user = await confirmEmailChange(params.token ?? "");
    return redirectWithToast(context.user ? "/account" : "/login", makeTranslator(language)("auth.emailConfirmed", { email: user.email }));
  } catch (error) {
    throw pageError(error, language);
  }
}
