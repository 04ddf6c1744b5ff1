// The shape every organization page shares: who acts (from the session and the URL), in which
// language; typed service errors become the page's 404/403 (loaders) or field errors (actions).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { OrgActor } from "~/modules/org/actor";
import { makeTranslator, type Language, type Translate } from "~/utils/i18n";
import type { SessionUser } from "~/utils/session.server";
import { formDataToObject } from "~/utils/validation";
import { requestLanguage, requireOrgActor } from "./context.server";
import { pageError, runFormAction } from "./page-errors.server";

export type OrgPageContext = { actor: OrgActor; user: SessionUser; language: Language; t: Translate };

/** Who acts and in which language, for a loader or action that needs no more (a multipart upload…). */
export async function orgPageContext(args: LoaderFunctionArgs | ActionFunctionArgs): Promise<OrgPageContext> {
  const { actor, user } = await requireOrgActor(args.request, args.context, args.params);
  const language = requestLanguage(args.request, args.context);
  return { actor, user, language, t: makeTranslator(language) };
}

/** A loader of an organization page: errors thrown by `work` become responses (404, 403…). */
export async function loadOrgPage<T>(args: LoaderFunctionArgs, work: (ctx: OrgPageContext) => Promise<T>): Promise<T> {
  const ctx = await orgPageContext(args);
  try {
    return await work(ctx);
  } catch (error) {
    throw pageError(error, ctx.language);
  }
}

/**
 * A form action of an organization page: the posted fields (kept and sent back on error, passwords
 * excepted) and the actor; typed errors come back as data for the form (400, 403, 404, 409…).
 */
export async function handleOrgForm<T>(
  args: ActionFunctionArgs,
  work: (ctx: OrgPageContext & { values: Record<string, unknown> }) => Promise<T>,
) {
  const ctx = await orgPageContext(args);
  const values = formDataToObject(await args.request.formData());
  return runFormAction(ctx.language, values, () => work({ ...ctx, values }));
}
