import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { safeRedirectPath } from "~/http/context.server";
import { endSession } from "~/utils/session.server";

export async function action({ request, context }: ActionFunctionArgs) {
  // "Use another account" on an invitation comes back to the invitation once logged out.
  const redirectTo = safeRedirectPath((await request.formData()).get("redirectTo"), "/login");
  return redirect(redirectTo, { headers: { "Set-Cookie": await endSession(context.sessionId) } });
}

export async function loader() {
  return redirect("/");
}
