import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { bakeryHome } from "~/components/bakery-nav";
import { loadOrgPage } from "~/http/org-route.server";

// "Bakery" in the main menu: the producer's intake board, the retailer's standing orders.
export const loader = (args: LoaderFunctionArgs) => loadOrgPage(args, async ({ actor }) => redirect(`/o/${actor.orgSlug}/bakery/${bakeryHome(actor.orgKind)}`));
