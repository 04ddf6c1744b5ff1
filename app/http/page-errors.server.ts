// Pages: typed service errors become responses (the route's ErrorBoundary shows them), validation
// errors become field errors next to the inputs, with what the user typed kept.
import { json } from "@remix-run/node";
import { isAppError } from "~/utils/errors";
import { translate, translateMaybe, type Language } from "~/utils/i18n";
import { logUnexpectedError } from "~/utils/logger.server";

export type FormErrorData = {
  ok: false;
  formError: string;
  fieldErrors: Record<string, string>;
  values: Record<string, unknown>;
};

/** Any thrown value → a Response to throw from a loader (404, 403…), never a stack. */
export function pageError(error: unknown, language: Language): Response {
  if (error instanceof Response) return error;
  if (isAppError(error)) {
    const message = translateMaybe(language, error.message === error.code ? `error.${error.code}` : error.message);
    return json({ code: error.code, message }, { status: error.status });
  }
  logUnexpectedError(error, "Page request failed");
  return json({ code: "internal", message: translate(language, "error.internal") }, { status: 500 });
}

/**
 * Runs a form action's service call. Validation and other typed errors come back as data (400/403/
 * 409/429…) for the form to show; a success returns what `onSuccess` builds (often a redirect).
 */
export async function runFormAction<T>(
  language: Language,
  values: Record<string, unknown>,
  work: () => Promise<T>,
): Promise<T | ReturnType<typeof json<FormErrorData>>> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Response) throw error;
    if (!isAppError(error)) throw error;
    const fields = (error.details?.fields ?? {}) as Record<string, string>;
    const fieldErrors = Object.fromEntries(
      Object.entries(fields).map(([k, v]) => [k, translateMaybe(language, v)]),
    );
    const formError = translateMaybe(
      language,
      error.message === error.code || error.message === "Some fields are not valid" ? `error.${error.code}` : error.message,
    );
    // Never send a password back to the page.
    const safeValues = Object.fromEntries(Object.entries(values).filter(([k]) => !/password/i.test(k)));
    return json<FormErrorData>({ ok: false, formError, fieldErrors, values: safeValues }, { status: error.status });
  }
}
