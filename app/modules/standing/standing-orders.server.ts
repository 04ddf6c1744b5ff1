// A customer's standing order (GET|PUT /api/v1/standing-orders?relation=): the version that applies
// today, its history, the next one when it starts later; the producer side writes the next version.
import { getDb, type Tx } from "~/utils/db.server";
import { validationError } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import { loadRetailRelation, type RetailRelationRef } from "../bakery/access.server";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { todayIso } from "../order/dates";
import { emptyWeekdays } from "./changes";
import { relationQuerySchema, standingOrderInputSchema } from "./schemas";
import { activeFormatIds, applicableVersion, assertFormats, latestVersion, readVersions, writeNextVersion } from "./versions.server";

/** The GET body of a relation's standing order, read with `tx`. */
export async function standingOrderView(tx: Tx, relation: RetailRelationRef, today = todayIso()) {
  const [current, customer, rows] = [
    await applicableVersion(tx, relation.producerId, relation.id, today),
    await tx.organization.findUniqueOrThrow({ where: { id: relation.partnerId }, select: { id: true, name: true } }),
    await tx.standingOrder.findMany({
      where: { relationId: relation.id, producerId: relation.producerId },
      orderBy: { version: "desc" },
      select: { id: true, version: true, effectiveFrom: true, round: true, roundPosition: true, createdByName: true, createdAt: true, changes: true, proposalId: true },
    }),
  ];
  // The next version to start: the earliest effectiveFrom after today, then the highest version.
  const future = rows.filter((row) => row.effectiveFrom > today).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || b.version - a.version)[0];
  const upcoming = future ? (await readVersions(tx, [future])).get(future.id) : undefined;
  return {
    relation: relation.id,
    customer,
    effectiveFrom: current?.effectiveFrom ?? null,
    round: current?.round ?? 0,
    weekdays: current?.weekdays ?? emptyWeekdays(),
    version: current?.version ?? null,
    roundPosition: current?.roundPosition ?? 0,
    prices: current?.prices ?? [],
    versions: rows.map((row) => ({
      version: row.version,
      effectiveFrom: row.effectiveFrom,
      createdByName: row.createdByName,
      createdAt: row.createdAt.toISOString(),
      proposalId: row.proposalId,
      changes: JSON.parse(row.changes) as unknown,
    })),
    ...(upcoming
      ? { upcoming: { version: upcoming.version, effectiveFrom: upcoming.effectiveFrom, round: upcoming.round, roundPosition: upcoming.roundPosition, weekdays: upcoming.weekdays, prices: upcoming.prices } }
      : {}),
  };
}
export type StandingOrderView = Awaited<ReturnType<typeof standingOrderView>>;

export async function getStandingOrder(actor: OrgActor, query: unknown): Promise<StandingOrderView> {
  requirePermission(actor, "standing:read");
  const { relation: relationId } = parseInput(relationQuerySchema, query);
  const db = getDb();
  const relation = await loadRetailRelation(db, actor, relationId);
  return standingOrderView(db, relation);
}

/** The producer side writes the next version; what is not given (round, place, prices) stays as it was. */
export async function putStandingOrder(actor: OrgActor, query: unknown, input: unknown): Promise<StandingOrderView> {
  const { relation: relationId } = parseInput(relationQuerySchema, query);
  const data = parseInput(standingOrderInputSchema, input);
  const today = todayIso();
  return getDb().$transaction(async (tx) => {
    const relation = await loadRetailRelation(tx, actor, relationId);
    // The retailer side proposes instead (POST /api/v1/standing-orders/proposals).
    requirePermission(actor, "standing:write");
    const effectiveFrom = data.effectiveFrom ?? today;
    if (effectiveFrom < today) throw validationError({ effectiveFrom: "standing.error.pastDate" });
    assertFormats(await activeFormatIds(tx, relation.producerId), data.weekdays, data.prices);
    const base = await latestVersion(tx, relation.id);
    await writeNextVersion(tx, {
      producerId: relation.producerId,
      relationId: relation.id,
      effectiveFrom,
      content: {
        round: data.round ?? base?.round ?? 0,
        roundPosition: data.roundPosition ?? base?.roundPosition ?? 0,
        weekdays: data.weekdays,
        prices: data.prices ?? base?.prices ?? [],
      },
      createdBy: { id: actor.userId, name: actor.userName },
    });
    return standingOrderView(tx, relation, today);
  });
}
