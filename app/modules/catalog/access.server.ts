// Who may see which catalog: a producer owns its catalog; a partner sees the catalog of a producer it
// has an ACTIVE relation with (RETAIL for retailers, DISTRIBUTION for distributors, REPRESENTATION for
// rep agencies). Anything else answers 404, like an id that does not exist.
import { getDb, type Tx } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import type { OrgKind } from "~/utils/permissions";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";

type RelationKind = "RETAIL" | "DISTRIBUTION" | "REPRESENTATION";

const RELATION_KIND_OF_PARTNER: Partial<Record<OrgKind, RelationKind>> = {
  RETAILER: "RETAIL",
  DISTRIBUTOR: "DISTRIBUTION",
  REP_AGENCY: "REPRESENTATION",
};

/** The producer's own catalog: reading needs catalog:read, changes catalog:write; only producers have one. */
export function requireCatalogOwner(actor: OrgActor, action: "catalog:read" | "catalog:write"): string {
  requirePermission(actor, action);
  if (actor.orgKind !== "PRODUCER") throw new AppError("forbidden", "catalog.error.producerOnly");
  return actor.orgId;
}

export type CatalogView =
  | { view: "owner"; producer: ProducerRef; discountBps: 0; groupName: null }
  | { view: "partner"; producer: ProducerRef; relationKind: RelationKind; discountBps: number; groupName: string | null };

type ProducerRef = { id: string; slug: string; name: string; currency: string; locale: string };

const producerSelect = { id: true, slug: true, name: true, currency: true, locale: true } as const;

/** How the actor sees `producerId`'s catalog, or 404. */
export async function resolveCatalogView(actor: OrgActor, producerId: string, db: Tx = getDb()): Promise<CatalogView> {
  requirePermission(actor, "catalog:read");
  if (producerId === actor.orgId && actor.orgKind === "PRODUCER") {
    const producer = await db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: producerSelect });
    return { view: "owner", producer, discountBps: 0, groupName: null };
  }
  const kind = RELATION_KIND_OF_PARTNER[actor.orgKind];
  if (!kind) throw new AppError("not_found", "catalog.error.producerNotFound");
  const relation = await db.relation.findFirst({
    where: { producerId, partnerId: actor.orgId, kind, status: "ACTIVE", producer: { kind: "PRODUCER" } },
    select: {
      producer: { select: producerSelect },
      customerGroup: { select: { name: true, discountBps: true } },
    },
  });
  if (!relation) throw new AppError("not_found", "catalog.error.producerNotFound");
  // Distributors and reps see plain prices; a retailer sees its customer group's discount.
  const group = kind === "RETAIL" ? relation.customerGroup : null;
  return {
    view: "partner",
    producer: relation.producer,
    relationKind: kind,
    discountBps: group?.discountBps ?? 0,
    groupName: group?.name ?? null,
  };
}

/** The producers whose catalog a partner may see (its active relations of its kind), by name. */
export async function listCatalogSuppliers(actor: OrgActor) {
  requirePermission(actor, "catalog:read");
  const kind = RELATION_KIND_OF_PARTNER[actor.orgKind];
  if (!kind) return [];
  const relations = await getDb().relation.findMany({
    where: { partnerId: actor.orgId, kind, status: "ACTIVE", producer: { kind: "PRODUCER" } },
    select: {
      producer: {
        select: {
          ...producerSelect,
          _count: { select: { products: { where: { active: true, formats: { some: { active: true } } } } } },
        },
      },
      customerGroup: { select: { name: true, discountBps: true } },
    },
  });
  return relations
    .map((r) => {
      const group = kind === "RETAIL" ? r.customerGroup : null;
      return {
        id: r.producer.id,
        slug: r.producer.slug,
        name: r.producer.name,
        productCount: r.producer._count.products,
        groupName: group?.name ?? null,
        discountBps: group?.discountBps ?? 0,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
