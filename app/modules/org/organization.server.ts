// Organizations (tenants): creation by a user who becomes its OWNER, details, the user's list.
import { getDb, type Tx } from "~/utils/db.server";
import { AppError, validationError } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import type { OrgActor } from "./actor";
import { requirePermission } from "./access.server";
import { createOrganizationSchema, updateOrganizationSchema } from "./schemas";

/** A new producer starts with the usual French VAT rates so that its first product can be priced at once. */
const DEFAULT_TAX_RATES = [
  { name: "TVA 20 %", rateBps: 2000, isDefault: true },
  { name: "TVA 10 %", rateBps: 1000, isDefault: false },
  { name: "TVA 5,5 %", rateBps: 550, isDefault: false },
];

export async function createOrganization(userId: string, input: unknown) {
  const data = parseInput(createOrganizationSchema, input);
  const db = getDb();
  return db.$transaction(async (tx) => {
    if (await tx.organization.findUnique({ where: { slug: data.slug }, select: { id: true } })) {
      throw validationError({ slug: "org.slugTaken" });
    }
    const org = await tx.organization.create({ data });
    await tx.membership.create({ data: { userId, organizationId: org.id, role: "OWNER" } });
    if (org.kind === "PRODUCER") await createDefaultTaxRates(tx, org.id);
    return org;
  });
}

export async function createDefaultTaxRates(tx: Tx, producerId: string) {
  await tx.taxRate.createMany({ data: DEFAULT_TAX_RATES.map((r) => ({ ...r, producerId })) });
}

export async function listMyOrganizations(userId: string) {
  const memberships = await getDb().membership.findMany({
    where: { userId },
    include: { organization: { select: { id: true, slug: true, name: true, kind: true } } },
    orderBy: { organization: { name: "asc" } },
  });
  return memberships.map((m) => ({ ...m.organization, role: m.role }));
}

export async function getOrganization(actor: OrgActor) {
  return getDb().organization.findUniqueOrThrow({ where: { id: actor.orgId } });
}

export async function updateOrganization(actor: OrgActor, input: unknown) {
  requirePermission(actor, "org:update");
  const data = parseInput(updateOrganizationSchema, input);
  return getDb().organization.update({
    where: { id: actor.orgId },
    data: { ...data, email: data.email || null, phone: data.phone || null, address: data.address || null, taxNumber: data.taxNumber || null },
  });
}

export async function suggestSlug(name: string): Promise<string> {
  const base =
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "organisation";
  const padded = base.length < 3 ? `${base}-org` : base;
  const db = getDb();
  for (let i = 0; i < 50; i++) {
    const candidate = i === 0 ? padded : `${padded}-${i + 1}`;
    if (!(await db.organization.findUnique({ where: { slug: candidate }, select: { id: true } }))) return candidate;
  }
  throw new AppError("conflict", "org.slugTaken");
}
