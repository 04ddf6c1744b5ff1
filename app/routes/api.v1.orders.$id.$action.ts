import { apiRoute, authedApiRoute, errorResponse, jsonResponse, methodNotAllowed, readJsonBody } from "~/http/api.server";
import { orderTransitionSchema } from "~/modules/order/schemas";
import { transitionOrder } from "~/modules/order/transitions.server";
import { AppError } from "~/utils/errors";

// POST /api/v1/orders/:id/{accept|reject|cancel|ship|deliver|restore} — see app/modules/order/api-spec.ts.
// Any other last segment is no route of the API: 404.
function transitionOf(param: string | undefined) {
  const parsed = orderTransitionSchema.safeParse(param);
  return parsed.success ? parsed.data : null;
}

const noSuchRoute = () => errorResponse(new AppError("not_found", "No such API route"));

const transition = authedApiRoute(async ({ request, params, actor }) => {
  const body = await readJsonBody(request);
  return jsonResponse(await transitionOrder(actor, params.id!, transitionOf(params.action)!, body));
});

export const action = apiRoute(async (args) => {
  if (!transitionOf(args.params.action)) return noSuchRoute();
  if (args.request.method === "POST") return transition(args);
  return methodNotAllowed(["POST"]);
});

export const loader = apiRoute(async (args) => (transitionOf(args.params.action) ? methodNotAllowed(["POST"]) : noSuchRoute()));
