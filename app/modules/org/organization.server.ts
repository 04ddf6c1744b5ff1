// Organizations (tenants): creation by a user who becomes its OWNER, details, the user's list.
import type { Organization } from "@prisma/client";
import { connectDb, getDb, statement, type Tx } from "~/utils/db.server";
import { AppError, notFound, validationError } from "~/utils/errors";
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

/** The organizations the user belongs to, with the user's role in each (every organization page's switcher). */
export async function listMyOrganizations(userId: string): Promise<{ id: string; slug: string; name: string; kind: string; role: string }[]> {
  return statement(
    await connectDb(),
    `SELECT o.id, o.slug, o.name, o.kind, m.role
       FROM "Membership" m JOIN "Organization" o ON o.id = m.organizationId
      WHERE m.userId = ?
      ORDER BY o.name ASC`,
  ).all(userId) as { id: string; slug: string; name: string; kind: string; role: string }[];
}

type OrganizationRow = Omit<Organization, "createdAt" | "updatedAt" | "autoInvoiceOnDelivery"> & {
  createdAt: string;
  updatedAt: string;
  autoInvoiceOnDelivery: 0 | 1;
};

/**
 * The actor's organization as Prisma returns it (dates as Date, flags as booleans). The columns are
 * named one by one and the result is built field by field so that a column added to the model is a
 * type error here rather than a value of the wrong type.
 */
export async function getOrganization(actor: OrgActor): Promise<Organization> {
  const row = statement(
    await connectDb(),
    `SELECT id, slug, name, kind, locale, currency, email, phone, address, taxNumber, createdAt, updatedAt, autoInvoiceOnDelivery, stripeAccountId
       FROM "Organization" WHERE id = ?`,
  ).get(actor.orgId) as OrganizationRow | undefined;
  if (!row) throw notFound("error.not_found");
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    locale: row.locale,
    currency: row.currency,
    email: row.email,
    phone: row.phone,
    address: row.address,
    taxNumber: row.taxNumber,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
    autoInvoiceOnDelivery: row.autoInvoiceOnDelivery === 1,
    stripeAccountId: row.stripeAccountId,
  };
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
