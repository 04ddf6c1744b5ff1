import { apiRoute, authedApiRoute, jsonResponse, methodNotAllowed } from "~/http/api.server";
import { listRelations } from "~/modules/relation/relation.server";
import { relationListQuerySchema } from "~/modules/relation/schemas";
import { parseInput } from "~/utils/validation";

export const loader = authedApiRoute(async ({ request, actor }) => {
  const query = parseInput(relationListQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const relations = await listRelations(actor, query);
  return jsonResponse({
    // An email invitation has no partner until someone accepts it: the API lists it from then on.
    relations: relations.flatMap((r) =>
      r.partner
        ? [
            {
              id: r.id,
              kind: r.kind,
              producer: r.producer,
              partner: r.partner,
              status: r.status,
              viewedAs: r.viewedAs,
              customerGroup: r.customerGroup,
              paymentTermsDays: r.paymentTermsDays,
              rep: r.rep,
              defaultDistributor: r.defaultDistributor,
              defaultDistribution: r.defaultDistribution,
              minOrderCents: r.minOrderCents,
              acceptedAt: r.acceptedAt,
              createdAt: r.createdAt,
            },
          ]
        : [],
    ),
  });
});

export const action = apiRoute(async () => methodNotAllowed(["GET"]));
