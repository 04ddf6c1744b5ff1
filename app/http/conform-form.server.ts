// Form actions parsed with Conform from a module's zod schema (the same schema the API and the
// service use). What the user typed comes back with the errors, by zod path, translated; typed
// service errors become field errors (validation) or the form's error (403, 404, 409…).
// Components read the result with Conform's `useForm({ lastResult })`.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import type { SubmissionResult } from "@conform-to/react";
import type { z } from "zod";
import { isAppError } from "~/utils/errors";
import { translateMaybe, type Language } from "~/utils/i18n";
import { orgPageContext, type OrgPageContext } from "./org-route.server";

function translateAll(language: Language, errors: Record<string, string[] | null> | undefined): Record<string, string[]> {
  return Object.fromEntries(Object.entries(errors ?? {}).flatMap(([path, messages]) => (messages ? [[path, messages.map((m) => translateMaybe(language, m))]] : [])));
}

/**
 * Parses the posted form with `schema`, then runs `work` with the parsed value. A form that does not
 * parse answers 400 without calling `work`; a typed error from `work` comes back to the form.
 */
export async function handleConformForm<S extends z.ZodType, T>(
  args: ActionFunctionArgs,
  schema: S,
  work: (ctx: OrgPageContext & { value: z.output<S>; formData: FormData }) => Promise<T>,
): Promise<T | ReturnType<typeof json<SubmissionResult<string[]>>>> {
  const ctx = await orgPageContext(args);
  const formData = await args.request.formData();
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") {
    const reply = submission.reply();
    return json({ ...reply, error: translateAll(ctx.language, reply.error ?? undefined) }, { status: 400 });
  }
  try {
    return await work({ ...ctx, value: submission.value as z.output<S>, formData });
  } catch (error) {
    if (error instanceof Response || !isAppError(error)) throw error;
    const fields = (error.details?.fields ?? {}) as Record<string, string>;
    const fieldErrors = Object.fromEntries(Object.entries(fields).map(([path, key]) => [path, [translateMaybe(ctx.language, key)]]));
    const formError = translateMaybe(ctx.language, error.message === error.code || error.message === "Some fields are not valid" ? `error.${error.code}` : error.message);
    return json(submission.reply({ fieldErrors, formErrors: Object.keys(fieldErrors).length ? [] : [formError] }), { status: error.status });
  }
}
