// Page loaders and actions: who is logged in, for which organization, in which language.
import { redirect, type AppLoadContext } from "@remix-run/node";
import { loadActor } from "~/modules/org/access.server";
import type { OrgActor } from "~/modules/org/actor";
import { chooseLanguage, makeTranslator, type Language } from "~/utils/i18n";
import { noteRequestOrganization } from "~/utils/logger.server";
import type { SessionUser } from "~/utils/session.server";
import { pageError } from "./page-errors.server";

export function requestLanguage(request: Request, context: AppLoadContext): Language {
  return chooseLanguage(context.user?.locale, request.headers.get("accept-language"));
}

export function translatorFor(request: Request, context: AppLoadContext) {
  return makeTranslator(requestLanguage(request, context));
}

export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

export function requireUser(request: Request, context: AppLoadContext): SessionUser {
  if (context.user) return context.user;
  const url = new URL(request.url);
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/**
 * The actors loaded for a request, by organization slug: the organization layout's loader and the
 * page's loader both ask (in parallel), and share one query. `context` is one object per request.
 */
const actorsByRequest = new WeakMap<AppLoadContext, Map<string, Promise<OrgActor>>>();

function loadActorOnce(request: Request, context: AppLoadContext, user: SessionUser, orgSlug: string): Promise<OrgActor> {
  // An action may change what the actor is made of (its role, the organization's name or slug), and
  // the loaders that follow it in the same request run with a GET request: only those share.
  if (request.method !== "GET" && request.method !== "HEAD") return loadActor(user, orgSlug);
  let actors = actorsByRequest.get(context);
  if (!actors) actorsByRequest.set(context, (actors = new Map()));
  let actor = actors.get(orgSlug);
  if (!actor) actors.set(orgSlug, (actor = loadActor(user, orgSlug)));
  return actor;
}

export async function requireOrgActor(
  request: Request,
  context: AppLoadContext,
  params: { org?: string },
): Promise<{ user: SessionUser; actor: OrgActor }> {
  const user = requireUser(request, context);
  try {
    const actor = await loadActorOnce(request, context, user, params.org ?? "");
    noteRequestOrganization(actor.orgId);
    return { user, actor };
  } catch (error) {
    throw pageError(error, requestLanguage(request, context));
  }
}
