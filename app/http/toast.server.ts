// Success toasts survive the redirect after a form post in a short-lived flash cookie.
import { createCookie, redirect } from "@remix-run/node";
import { getEnv } from "~/utils/env.server";

function toastCookie() {
  return createCookie("comptoir_toast", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 60,
    secure: getEnv().secureCookies,
    secrets: [getEnv().sessionSecret],
  });
}

export async function redirectWithToast(url: string, message: string, init: ResponseInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await toastCookie().serialize(message));
  return redirect(url, { ...init, headers });
}

/** Reads the toast of this request, and the header that clears it. */
export async function readToast(request: Request): Promise<{ toast: string | null; clearCookie?: string }> {
  const value = await toastCookie().parse(request.headers.get("cookie"));
  if (typeof value !== "string" || !value) return { toast: null };
  return { toast: value, clearCookie: await toastCookie().serialize("", { maxAge: 0 }) };
}
