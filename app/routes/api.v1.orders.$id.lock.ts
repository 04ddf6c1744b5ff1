import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed } from "~/http/api.server";
import { acquireOrderLock, releaseOrderLock } from "~/modules/order/lock.server";

// POST /api/v1/orders/:id/lock takes or renews the edit lock; DELETE releases it — see app/modules/order/api-spec.ts.
const acquire = authedApiRoute(async ({ params, actor }) => jsonResponse(await acquireOrderLock(actor, params.id!)));

const release = authedApiRoute(async ({ params, actor }) => {
  await releaseOrderLock(actor, params.id!);
  return new Response(null, { status: 204 });
});

export const action = apiRoute(async (args) => {
  if (args.request.method === "POST") return acquire(args);
  if (args.request.method === "DELETE") return release(args);
  return methodNotAllowed(["POST", "DELETE"]);
});

export const loader = apiRoute(async () => methodNotAllowed(["POST", "DELETE"]));
