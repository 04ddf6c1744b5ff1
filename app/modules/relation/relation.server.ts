// Relations between a producer and its partners (DESIGN, "Tenancy and roles"): invitations (by email,
// or to an organization already on Comptoir), answers, the producer's settings of each relation, and
// who sees what. Every query carries the acting organization in its `where`; an id that is not visible
// to it answers 404.
import type { Prisma } from "@prisma/client";
import { connectDb, getDb, statement, type Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { AppError, validationError } from "~/utils/errors";
import type { Language } from "~/utils/i18n";
import type { OrgKind } from "~/utils/permissions";
import { hashToken, randomToken } from "~/utils/tokens.server";
import { parseInput } from "~/utils/validation";
import { enqueueEmail, renderActionLinkEmail } from "../notify/outbox.server";
import { actorCan, loadActor, requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import {
  acceptInvitationSchema,
  inviteRelationSchema,
  PARTNER_KIND,
  relationTermsSchema,
  retailSettingsSchema,
  type DistributionMethod,
  type RelationKind,
  type RelationStatus,
} from "./schemas";

export const RELATION_INVITATION_TTL_MS = 30 * 24 * 60 * 60_000;

/** How the acting organization sees a relation. */
export type RelationSide = "producer" | "partner" | "rep" | "distributor";

type OrgRef = { id: string; slug: string; name: string };
type Contact = { email: string | null; phone: string | null; address: string | null };

export type RelationView = {
  id: string;
  kind: RelationKind;
  status: RelationStatus;
  viewedAs: RelationSide;
  producer: OrgRef;
  partner: (OrgRef & { kind: OrgKind }) | null;
  /** Only the producer sees to which address an invitation went. */
  invitedEmail: string | null;
  customerGroup: { id: string; name: string; discountBps: number } | null;
  paymentTermsDays: number;
  rep: OrgRef | null;
  defaultDistributor: OrgRef | null;
  defaultDistribution: DistributionMethod;
  minOrderCents: number;
  acceptedAt: Date | null;
  createdAt: Date;
  /** The invitation link expired before anyone accepted it (email invitations only). */
  invitationExpired: boolean;
};

export type RelationDetail = RelationView & {
  producerContact: Contact;
  partnerContact: Contact | null;
};

const orgRef = { select: { id: true, slug: true, name: true } } as const;
const contactFields = { email: true, phone: true, address: true } as const;

const relationInclude = {
  producer: orgRef,
  partner: { select: { id: true, slug: true, name: true, kind: true } },
  rep: orgRef,
  defaultDistributor: orgRef,
  customerGroup: { select: { id: true, name: true, discountBps: true } },
} satisfies Prisma.RelationInclude;

type RelationRow = Prisma.RelationGetPayload<{ include: typeof relationInclude }>;

/**
 * What an organization may see: its own relations as producer or partner, and — read-only — the
 * ACTIVE retail relations it serves as the assigned rep or the default distributor.
 */
function visibleTo(orgId: string): Prisma.RelationWhereInput {
  return {
    OR: [
      { producerId: orgId },
      { partnerId: orgId },
      { kind: "RETAIL", status: "ACTIVE", OR: [{ repId: orgId }, { defaultDistributorId: orgId }] },
    ],
  };
}

/** visibleTo as SQL over `"Relation" r` (named parameter `@orgId`), for prepared statements: keep the two alike. */
const VISIBLE_RELATION_SQL = `(r.producerId = @orgId OR r.partnerId = @orgId
  OR (r.kind = 'RETAIL' AND r.status = 'ACTIVE' AND (r.repId = @orgId OR r.defaultDistributorId = @orgId)))`;

function sideOf(row: { producerId: string; partnerId: string | null; repId: string | null }, orgId: string): RelationSide {
  if (row.producerId === orgId) return "producer";
  if (row.partnerId === orgId) return "partner";
  return row.repId === orgId ? "rep" : "distributor";
}

function toView(row: RelationRow, orgId: string): RelationView {
  const viewedAs = sideOf(row, orgId);
  return {
    id: row.id,
    kind: row.kind as RelationKind,
    status: row.status as RelationStatus,
    viewedAs,
    producer: row.producer,
    partner: row.partner ? { ...row.partner, kind: row.partner.kind as OrgKind } : null,
    invitedEmail: viewedAs === "producer" ? row.invitedEmail : null,
    customerGroup: row.customerGroup,
    paymentTermsDays: row.paymentTermsDays,
    rep: row.rep,
    defaultDistributor: row.defaultDistributor,
    defaultDistribution: row.defaultDistribution as DistributionMethod,
    minOrderCents: row.minOrderCents,
    acceptedAt: row.acceptedAt,
    createdAt: row.createdAt,
    invitationExpired: row.status === "PENDING" && !row.partnerId && isExpired(row.createdAt),
  };
}

function isExpired(createdAt: Date, now = Date.now()): boolean {
  return createdAt.getTime() + RELATION_INVITATION_TTL_MS < now;
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function listRelations(
  actor: OrgActor,
  filter: { kind?: RelationKind; status?: RelationStatus } = {},
): Promise<RelationView[]> {
  requirePermission(actor, "relation:read");
  const rows = await getDb().relation.findMany({
    where: { AND: [visibleTo(actor.orgId), filter.kind ? { kind: filter.kind } : {}, filter.status ? { status: filter.status } : {}] },
    include: relationInclude,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((row) => toView(row, actor.orgId));
}

/**
 * The organizations the actor trades with through ACTIVE or ENDED retail relations (the order list's
 * customer and supplier filters): just their names, without the relations' settings.
 */
export async function listRetailPartners(actor: OrgActor): Promise<{ producer: OrgRef; partner: OrgRef | null }[]> {
  requirePermission(actor, "relation:read");
  // One prepared statement: every order list page asks.
  const rows = statement(
    await connectDb(),
    `SELECT p.id AS producerId, p.slug AS producerSlug, p.name AS producerName,
            c.id AS partnerId, c.slug AS partnerSlug, c.name AS partnerName
       FROM "Relation" r
       JOIN "Organization" p ON p.id = r.producerId
       LEFT JOIN "Organization" c ON c.id = r.partnerId
      WHERE r.kind = 'RETAIL' AND r.status IN ('ACTIVE', 'ENDED') AND ${VISIBLE_RELATION_SQL}`,
  ).all({ orgId: actor.orgId }) as {
    producerId: string;
    producerSlug: string;
    producerName: string;
    partnerId: string | null;
    partnerSlug: string | null;
    partnerName: string | null;
  }[];
  return rows.map((row) => ({
    producer: { id: row.producerId, slug: row.producerSlug, name: row.producerName },
    partner: row.partnerId === null ? null : { id: row.partnerId, slug: row.partnerSlug!, name: row.partnerName! },
  }));
}

export async function getRelation(actor: OrgActor, relationId: string): Promise<RelationDetail> {
  requirePermission(actor, "relation:read");
  const row = await getDb().relation.findFirst({
    where: { AND: [{ id: relationId }, visibleTo(actor.orgId)] },
    include: {
      ...relationInclude,
      producer: { select: { id: true, slug: true, name: true, ...contactFields } },
      partner: { select: { id: true, slug: true, name: true, kind: true, ...contactFields } },
    },
  });
  if (!row) throw new AppError("not_found", "error.not_found");
  const view = toView(
    {
      ...row,
      producer: { id: row.producer.id, slug: row.producer.slug, name: row.producer.name },
      partner: row.partner ? { id: row.partner.id, slug: row.partner.slug, name: row.partner.name, kind: row.partner.kind } : null,
    },
    actor.orgId,
  );
  return {
    ...view,
    producerContact: { email: row.producer.email, phone: row.producer.phone, address: row.producer.address },
    partnerContact: row.partner ? { email: row.partner.email, phone: row.partner.phone, address: row.partner.address } : null,
  };
}

/** The choices of the settings form: the producer's groups, and its ACTIVE reps and distributors. */
export async function getRelationSettingsOptions(actor: OrgActor) {
  requirePermission(actor, "relation:update");
  const db = getDb();
  const activePartners = (kind: RelationKind) =>
    db.relation.findMany({
      where: { producerId: actor.orgId, kind, status: "ACTIVE", partnerId: { not: null } },
      select: { partner: orgRef },
    });
  const [groups, reps, distributors] = await Promise.all([
    db.customerGroup.findMany({
      where: { producerId: actor.orgId },
      select: { id: true, name: true, discountBps: true },
      orderBy: { name: "asc" },
    }),
    activePartners("REPRESENTATION"),
    activePartners("DISTRIBUTION"),
  ]);
  const orgs = (rows: { partner: OrgRef | null }[]) =>
    rows.flatMap((r) => (r.partner ? [r.partner] : [])).sort((a, b) => a.name.localeCompare(b.name));
  return { groups, reps: orgs(reps), distributors: orgs(distributors) };
}

// ---------------------------------------------------------------------------------------------
// Inviting (producer side)

export type InviteResult =
  | { relation: { id: string; kind: RelationKind }; via: "email"; email: string }
  | { relation: { id: string; kind: RelationKind }; via: "organization"; partnerName: string };

export async function inviteRelation(actor: OrgActor, input: unknown): Promise<InviteResult> {
  requirePermission(actor, "relation:invite");
  const data = parseInput(inviteRelationSchema, input);
  if (data.slug) return linkOrganization(actor, data.kind, data.slug);
  return inviteByEmail(actor, data.kind, data.email!);
}

/** Links an organization already on Comptoir: PENDING until one of its OWNER/MANAGER answers. */
async function linkOrganization(actor: OrgActor, kind: RelationKind, slug: string): Promise<InviteResult> {
  const db = getDb();
  try {
    return await db.$transaction(async (tx) => {
      const partner = await tx.organization.findUnique({ where: { slug }, select: { id: true, name: true, kind: true } });
      if (!partner) throw validationError({ slug: "relations.orgNotFound" });
      if (partner.id === actor.orgId) throw validationError({ slug: "relations.self" });
      if (partner.kind !== PARTNER_KIND[kind]) throw validationError({ slug: `relations.wrongKind.${kind}` });
      const existing = await tx.relation.findFirst({
        where: { producerId: actor.orgId, partnerId: partner.id, kind },
        select: { id: true, status: true },
      });
      if (existing?.status === "ACTIVE") throw validationError({ slug: "relations.duplicate" });
      if (existing?.status === "PENDING") throw validationError({ slug: "relations.duplicatePending" });
      // A declined or ended relation is asked again: the same row (one per producer, partner and kind)
      // keeps its settings.
      const relation = existing
        ? await tx.relation.update({
            where: { id: existing.id },
            data: { status: "PENDING", acceptedAt: null },
            select: { id: true },
          })
        : await tx.relation.create({
            data: { kind, producerId: actor.orgId, partnerId: partner.id, status: "PENDING" },
            select: { id: true },
          });
      return { relation: { id: relation.id, kind }, via: "organization" as const, partnerName: partner.name };
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw validationError({ slug: "relations.duplicatePending" });
    throw error;
  }
}

/** Invites a person by email: the link lets them accept with one of their organizations (or a new one). */
async function inviteByEmail(actor: OrgActor, kind: RelationKind, email: string): Promise<InviteResult> {
  const db = getDb();
  const [producer, knownUser] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { name: true, locale: true } }),
    db.user.findUnique({ where: { email }, select: { locale: true } }),
  ]);
  // The invitee's own language when they already have an account, else the producer's.
  const language: Language = knownUser?.locale === "en" || knownUser?.locale === "fr" ? knownUser.locale : producer.locale.startsWith("fr") ? "fr" : "en";
  const token = randomToken();
  const rendered = await renderActionLinkEmail({
    kind: "relation-invitation",
    language,
    url: `${getEnv().appUrl}/relation-invitations/${token}`,
    subjectName: producer.name,
    inviterName: actor.userName,
  });
  return db.$transaction(async (tx) => {
    const pending = await tx.relation.findFirst({
      where: { producerId: actor.orgId, kind, invitedEmail: email, partnerId: null, status: "PENDING" },
      select: { createdAt: true },
    });
    if (pending && !isExpired(pending.createdAt)) throw validationError({ email: "relations.alreadyInvited" });
    const relation = await tx.relation.create({
      data: { kind, producerId: actor.orgId, status: "PENDING", invitedEmail: email, inviteTokenHash: hashToken(token) },
      select: { id: true },
    });
    await enqueueEmail(tx, email, rendered);
    return { relation: { id: relation.id, kind }, via: "email" as const, email };
  });
}

// ---------------------------------------------------------------------------------------------
// Answering (partner side)

export async function respondToRelation(actor: OrgActor, relationId: string, answer: "accept" | "decline") {
  requirePermission(actor, "relation:respond");
  return getDb().$transaction(async (tx) => {
    const row = await tx.relation.findFirst({
      where: { id: relationId, partnerId: actor.orgId },
      select: { id: true, producer: orgRef },
    });
    if (!row) throw new AppError("not_found", "error.not_found");
    // The status is part of the condition: of two answers at once, only the first one counts.
    const { count } = await tx.relation.updateMany({
      where: { id: row.id, partnerId: actor.orgId, status: "PENDING" },
      data: answer === "accept" ? { status: "ACTIVE", acceptedAt: new Date() } : { status: "DECLINED" },
    });
    if (count === 0) throw new AppError("invalid_transition", "relations.notPending");
    return { id: row.id, producer: row.producer, status: answer === "accept" ? ("ACTIVE" as const) : ("DECLINED" as const) };
  });
}

export type InvitationLookup =
  | { state: "invalid" }
  | { state: "expired"; producerName: string }
  | {
      state: "valid";
      producer: OrgRef;
      kind: RelationKind;
      partnerKind: OrgKind;
      invitedEmail: string;
      expiresAt: Date;
    };

async function findInvitation(db: Tx, token: string) {
  if (!token || token.length > 200) return null;
  return db.relation.findUnique({
    where: { inviteTokenHash: hashToken(token) },
    select: {
      id: true,
      kind: true,
      status: true,
      partnerId: true,
      invitedEmail: true,
      inviteTokenHash: true,
      createdAt: true,
      producerId: true,
      producer: orgRef,
    },
  });
}

/** The invitation behind a link, for the page that answers it (no login needed to read it). */
export async function lookupRelationInvitation(token: string): Promise<InvitationLookup> {
  const row = await findInvitation(getDb(), token);
  if (!row || row.status !== "PENDING" || row.partnerId) return { state: "invalid" };
  if (isExpired(row.createdAt)) return { state: "expired", producerName: row.producer.name };
  const kind = row.kind as RelationKind;
  return {
    state: "valid",
    producer: row.producer,
    kind,
    partnerKind: PARTNER_KIND[kind],
    invitedEmail: row.invitedEmail ?? "",
    expiresAt: new Date(row.createdAt.getTime() + RELATION_INVITATION_TTL_MS),
  };
}

/**
 * The user's organizations that could accept an invitation of this kind: the right kind, and a role
 * that may answer (OWNER/MANAGER). `alreadyRelated` marks those that already work with the producer.
 */
export async function listInvitationCandidates(userId: string, invitation: { producer: { id: string }; kind: RelationKind }) {
  const db = getDb();
  const memberships = await db.membership.findMany({
    where: { userId, role: { in: ["OWNER", "MANAGER"] }, organization: { kind: PARTNER_KIND[invitation.kind] } },
    select: { organization: { select: { id: true, slug: true, name: true } } },
    orderBy: { organization: { name: "asc" } },
  });
  const orgIds = memberships.map((m) => m.organization.id);
  const related = await db.relation.findMany({
    where: { producerId: invitation.producer.id, kind: invitation.kind, partnerId: { in: orgIds }, status: { in: ["ACTIVE", "PENDING"] } },
    select: { partnerId: true },
  });
  const relatedIds = new Set(related.map((r) => r.partnerId));
  return memberships.map((m) => ({ ...m.organization, alreadyRelated: relatedIds.has(m.organization.id) }));
}

/**
 * Accepts an email invitation with one of the user's organizations (where they are OWNER/MANAGER).
 * Single use: the token is cleared.
 */
export async function acceptRelationInvitation(
  user: { id: string; name: string },
  token: string,
  input: unknown,
): Promise<{ relationId: string; organization: OrgRef; producer: OrgRef }> {
  const { organization: slug } = parseInput(acceptInvitationSchema, input);
  const actor = await loadActor(user, slug).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") throw validationError({ organization: "relations.chooseOrganization" });
    throw error;
  });
  if (!actorCan(actor, "relation:respond")) throw validationError({ organization: "relations.notAllowedToAccept" });
  const db = getDb();
  return db.$transaction(async (tx) => {
    const row = await findInvitation(tx, token);
    if (!row || row.status !== "PENDING" || row.partnerId) throw new AppError("not_found", "relations.invitation.invalid");
    if (isExpired(row.createdAt)) throw new AppError("invalid_transition", "relations.invitation.expired");
    const kind = row.kind as RelationKind;
    if (actor.orgKind !== PARTNER_KIND[kind]) throw validationError({ organization: `relations.wrongKind.${kind}` });
    if (actor.orgId === row.producerId) throw validationError({ organization: "relations.self" });
    const organization = await tx.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { id: true, slug: true, name: true } });
    const existing = await tx.relation.findFirst({
      where: { producerId: row.producerId, partnerId: actor.orgId, kind },
      select: { id: true, status: true },
    });
    if (existing?.status === "ACTIVE" || existing?.status === "PENDING") {
      throw validationError({ organization: "relations.alreadyRelated" });
    }
    // Single use: the invitation is consumed only if it is still unused at this instant.
    const unused = { id: row.id, inviteTokenHash: row.inviteTokenHash, status: "PENDING", partnerId: null };
    const accepted = { status: "ACTIVE", acceptedAt: new Date(), inviteTokenHash: null } as const;
    if (existing) {
      // One row per producer, partner and kind: an ended or declined relation comes back to life
      // (with its settings) and the invitation is used up.
      const { count } = await tx.relation.deleteMany({ where: unused });
      if (count === 0) throw new AppError("not_found", "relations.invitation.invalid");
      await tx.relation.update({ where: { id: existing.id }, data: accepted });
      return { relationId: existing.id, organization, producer: row.producer };
    }
    const { count } = await tx.relation.updateMany({ where: unused, data: { ...accepted, partnerId: actor.orgId } });
    if (count === 0) throw new AppError("not_found", "relations.invitation.invalid");
    return { relationId: row.id, organization, producer: row.producer };
  });
}

// ---------------------------------------------------------------------------------------------
// Settings and ending (producer side)

async function findOwnRelation(tx: Tx, actor: OrgActor, relationId: string) {
  const row = await tx.relation.findFirst({
    where: { id: relationId, producerId: actor.orgId },
    select: { id: true, kind: true, status: true, partnerId: true },
  });
  if (!row) throw new AppError("not_found", "error.not_found");
  return row;
}

export async function updateRelationSettings(actor: OrgActor, relationId: string, input: unknown) {
  requirePermission(actor, "relation:update");
  const db = getDb();
  return db.$transaction(async (tx) => {
    const row = await findOwnRelation(tx, actor, relationId);
    if (row.status === "ENDED" || row.status === "DECLINED") throw new AppError("invalid_transition", "relations.closed");
    if (row.kind !== "RETAIL") {
      const { paymentTermsDays } = parseInput(relationTermsSchema, input);
      return tx.relation.update({ where: { id: row.id }, data: { paymentTermsDays }, select: { id: true } });
    }
    const data = parseInput(retailSettingsSchema, input);
    const fields: Record<string, string> = {};
    if (data.customerGroupId) {
      const group = await tx.customerGroup.findFirst({ where: { id: data.customerGroupId, producerId: actor.orgId }, select: { id: true } });
      // Another producer's group is a foreign id like any other.
      if (!group) throw new AppError("not_found", "error.not_found");
    }
    const activePartner = async (kind: RelationKind, orgId: string) =>
      tx.relation.findFirst({ where: { producerId: actor.orgId, partnerId: orgId, kind, status: "ACTIVE" }, select: { id: true } });
    if (data.repId && !(await activePartner("REPRESENTATION", data.repId))) fields.repId = "relations.repNotActive";
    if (data.defaultDistributorId && !(await activePartner("DISTRIBUTION", data.defaultDistributorId))) {
      fields.defaultDistributorId = "relations.distributorNotActive";
    }
    if (Object.keys(fields).length) throw validationError(fields);
    return tx.relation.update({
      where: { id: row.id },
      data: {
        paymentTermsDays: data.paymentTermsDays,
        customerGroupId: data.customerGroupId ?? null,
        repId: data.repId ?? null,
        defaultDistributorId: data.defaultDistributorId ?? null,
        defaultDistribution: data.defaultDistribution,
        minOrderCents: data.minOrder,
      },
      select: { id: true },
    });
  });
}

/**
 * Ends a relation (or withdraws a pending invitation). Ending a rep's or a distributor's relation
 * also takes them off the producer's retail relations they were assigned to.
 */
export async function endRelation(actor: OrgActor, relationId: string) {
  requirePermission(actor, "relation:update");
  return getDb().$transaction(async (tx) => {
    const row = await findOwnRelation(tx, actor, relationId);
    const { count } = await tx.relation.updateMany({
      where: { id: row.id, producerId: actor.orgId, status: { in: ["ACTIVE", "PENDING"] } },
      data: { status: "ENDED", inviteTokenHash: null },
    });
    if (count === 0) throw new AppError("invalid_transition", "relations.closed");
    if (row.partnerId && row.kind === "REPRESENTATION") {
      await tx.relation.updateMany({ where: { producerId: actor.orgId, kind: "RETAIL", repId: row.partnerId }, data: { repId: null } });
    }
    if (row.partnerId && row.kind === "DISTRIBUTION") {
      const served = { producerId: actor.orgId, kind: "RETAIL", defaultDistributorId: row.partnerId };
      await tx.relation.updateMany({ where: { ...served, defaultDistribution: "DISTRIBUTOR" }, data: { defaultDistribution: "SELF" } });
      await tx.relation.updateMany({ where: served, data: { defaultDistributorId: null } });
    }
    return { id: row.id, wasPending: row.status === "PENDING" };
  });
}
