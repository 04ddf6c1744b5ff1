import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/utils/session.server";

export async function action({ context }: ActionFunctionArgs) {
  return redirect("/login", { headers: { "Set-Cookie": await endSession(context.sessionId) } });
}

export async function loader() {
  return redirect("/");
}
