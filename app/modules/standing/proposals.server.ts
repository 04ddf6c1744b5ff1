// A retailer's proposal for a new standing order, and the producer's decision: taken in from a date
// (it becomes the next version, keeping the round, place and special prices) or rejected with a
// reason the retailer sees. Until taken in, the current version applies everywhere.
import type { Prisma } from "@prisma/client";
import { getDb, type Tx } from "~/utils/db.server";
import { AppError, validationError } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import { loadRetailRelation } from "../bakery/access.server";
import { publishBakeryChange } from "../bakery/live.server";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { todayIso } from "../order/dates";
import { emptyWeekdays } from "./changes";
import { acceptProposalSchema, proposalInputSchema, proposalQuerySchema, rejectProposalSchema, weekdaysSchema, type Weekdays } from "./schemas";
import { activeFormatIds, applicableVersion, assertFormats, latestVersion, writeNextVersion } from "./versions.server";

type ProposalRow = Prisma.StandingOrderProposalGetPayload<{ include: { relation: { select: { partner: { select: { id: true; name: true } } } } } }>;

const include = { relation: { select: { partner: { select: { id: true, name: true } } } } } as const;

function storedWeekdays(text: string): Weekdays {
  const parsed = weekdaysSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`Corrupt standing-order proposal: ${parsed.error.message}`);
  return parsed.data;
}

async function views(tx: Tx, rows: readonly ProposalRow[], today = todayIso()) {
  const current = new Map<string, Weekdays>();
  for (const row of rows) {
    if (!current.has(row.relationId)) current.set(row.relationId, (await applicableVersion(tx, row.producerId, row.relationId, today))?.weekdays ?? emptyWeekdays());
  }
  return rows.map((row) => ({
    id: row.id,
    status: row.status as "PROPOSED" | "ACCEPTED" | "REJECTED" | "WITHDRAWN",
    relation: row.relationId,
    customer: { id: row.relation.partner?.id ?? row.retailerId, name: row.relation.partner?.name ?? "" },
    effectiveFrom: row.effectiveFrom,
    weekdays: storedWeekdays(row.weekdays),
    current: { weekdays: current.get(row.relationId)! },
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
    createdByName: row.createdByName,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedByName: row.decidedByName,
    standingOrderId: row.standingOrderId,
  }));
}
export type ProposalView = Awaited<ReturnType<typeof views>>[number];

/** The retailer proposes; its previous proposal still waiting for the relation is withdrawn. */
export async function createProposal(actor: OrgActor, input: unknown): Promise<ProposalView> {
  const data = parseInput(proposalInputSchema, input);
  const today = todayIso();
  const result = await getDb().$transaction(async (tx) => {
    const relation = await loadRetailRelation(tx, actor, data.relation);
    requirePermission(actor, "standing:propose");
    if (relation.status !== "ACTIVE") throw new AppError("invalid_transition", "standing.error.relationInactive");
    if (data.effectiveFrom && data.effectiveFrom < today) throw validationError({ effectiveFrom: "standing.error.pastDate" });
    assertFormats(await activeFormatIds(tx, relation.producerId), data.weekdays);
    await tx.standingOrderProposal.updateMany({
      where: { relationId: relation.id, producerId: relation.producerId, retailerId: actor.orgId, status: "PROPOSED" },
      data: { status: "WITHDRAWN" },
    });
    const row = await tx.standingOrderProposal.create({
      data: {
        producerId: relation.producerId,
        relationId: relation.id,
        retailerId: actor.orgId,
        effectiveFrom: data.effectiveFrom ?? null,
        weekdays: JSON.stringify(data.weekdays),
        createdById: actor.userId,
        createdByName: actor.userName,
      },
      include,
    });
    return { view: (await views(tx, [row], today))[0], producerId: relation.producerId };
  });
  publishBakeryChange(result.producerId, null);
  return result.view;
}

/** The producer's customers' proposals, or the retailer's own, newest first. */
export async function listProposals(actor: OrgActor, query: unknown): Promise<{ proposals: ProposalView[] }> {
  requirePermission(actor, "standing:read");
  const filters = parseInput(proposalQuerySchema, query);
  const side = actor.orgKind === "PRODUCER" ? { producerId: actor.orgId } : actor.orgKind === "RETAILER" ? { retailerId: actor.orgId } : null;
  if (!side) throw new AppError("forbidden", "error.forbidden");
  const db = getDb();
  const rows = await db.standingOrderProposal.findMany({
    where: { ...side, ...(filters.status ? { status: filters.status } : {}), ...(filters.relation ? { relationId: filters.relation } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
    include,
  });
  return { proposals: await views(db, rows) };
}

/** A proposal of the producer's customers, still waiting (404 for someone else's, 409 once decided). */
async function waitingProposal(tx: Tx, actor: OrgActor, id: string) {
  const proposal = await tx.standingOrderProposal.findFirst({ where: { id, producerId: actor.orgId }, include });
  if (!proposal) throw new AppError("not_found", "error.not_found");
  if (proposal.status !== "PROPOSED") throw new AppError("invalid_transition", "standing.error.proposalDecided");
  return proposal;
}

function requireDecider(actor: OrgActor): void {
  if (actor.orgKind !== "PRODUCER") throw new AppError("forbidden", "error.forbidden");
  requirePermission(actor, "standing:write");
}

/** Takes the proposal in from a date: the next version, with the current round, place and prices. */
export async function acceptProposal(actor: OrgActor, id: string, input: unknown): Promise<ProposalView> {
  requireDecider(actor);
  const data = parseInput(acceptProposalSchema, input);
  const today = todayIso();
  const result = await getDb().$transaction(async (tx) => {
    const proposal = await waitingProposal(tx, actor, id);
    const relation = await tx.relation.findFirst({ where: { id: proposal.relationId, producerId: actor.orgId }, select: { status: true } });
    if (relation?.status !== "ACTIVE") throw new AppError("invalid_transition", "standing.error.relationInactive");
    const effectiveFrom = data.effectiveFrom ?? (proposal.effectiveFrom && proposal.effectiveFrom >= today ? proposal.effectiveFrom : today);
    if (effectiveFrom < today) throw validationError({ effectiveFrom: "standing.error.pastDate" });
    const weekdays = storedWeekdays(proposal.weekdays);
    // A format may have been withdrawn from the catalog since the retailer proposed it.
    assertFormats(await activeFormatIds(tx, proposal.producerId), weekdays);
    const base = await latestVersion(tx, proposal.relationId);
    const standingOrderId = await writeNextVersion(tx, {
      producerId: proposal.producerId,
      relationId: proposal.relationId,
      effectiveFrom,
      content: { round: base?.round ?? 0, roundPosition: base?.roundPosition ?? 0, weekdays, prices: base?.prices ?? [] },
      createdBy: { id: actor.userId, name: actor.userName },
      proposalId: proposal.id,
    });
    const decided = await tx.standingOrderProposal.updateMany({
      where: { id: proposal.id, status: "PROPOSED" },
      data: { status: "ACCEPTED", standingOrderId, effectiveFrom, decidedAt: new Date(), decidedById: actor.userId, decidedByName: actor.userName },
    });
    if (decided.count !== 1) throw new AppError("invalid_transition", "standing.error.proposalDecided");
    const row = await tx.standingOrderProposal.findUniqueOrThrow({ where: { id: proposal.id }, include });
    return (await views(tx, [row], today))[0];
  });
  publishBakeryChange(actor.orgId, null);
  return result;
}

export async function rejectProposal(actor: OrgActor, id: string, input: unknown): Promise<ProposalView> {
  requireDecider(actor);
  const data = parseInput(rejectProposalSchema, input);
  const result = await getDb().$transaction(async (tx) => {
    const proposal = await waitingProposal(tx, actor, id);
    const decided = await tx.standingOrderProposal.updateMany({
      where: { id: proposal.id, status: "PROPOSED" },
      data: { status: "REJECTED", reason: data.reason, decidedAt: new Date(), decidedById: actor.userId, decidedByName: actor.userName },
    });
    if (decided.count !== 1) throw new AppError("invalid_transition", "standing.error.proposalDecided");
    const row = await tx.standingOrderProposal.findUniqueOrThrow({ where: { id: proposal.id }, include });
    return (await views(tx, [row]))[0];
  });
  publishBakeryChange(actor.orgId, null);
  return result;
}
