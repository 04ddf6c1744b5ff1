// Factories shared by the demo seed and the tests: each builds one consistent thing through Prisma.
import { hashPassword } from "~/modules/auth/password.server";
import { createDefaultTaxRates } from "~/modules/org/organization.server";
import { getDb } from "~/utils/db.server";
import type { OrgKind, Role } from "~/utils/permissions";

let passwordCache: { password: string; hash: Promise<string> } | null = null;
function hashOnce(password: string): Promise<string> {
  // argon2 is deliberately slow: hash the shared demo/test password once per process.
  if (passwordCache?.password !== password) passwordCache = { password, hash: hashPassword(password) };
  return passwordCache.hash;
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export const TEST_PASSWORD = "comptoir-demo";

export async function createUser(input: { email?: string; name?: string; password?: string; locale?: string | null } = {}) {
  return getDb().user.create({
    data: {
      email: input.email ?? `user-${unique()}@example.test`,
      name: input.name ?? "Test User",
      passwordHash: await hashOnce(input.password ?? TEST_PASSWORD),
      locale: input.locale ?? null,
    },
  });
}

export async function createOrganization(input: {
  kind: OrgKind;
  slug?: string;
  name?: string;
  locale?: string;
  currency?: string;
  members?: { userId: string; role: Role }[];
  address?: string;
  taxNumber?: string;
  email?: string;
}) {
  const db = getDb();
  const slug = input.slug ?? `org-${unique()}`;
  const org = await db.organization.create({
    data: {
      slug,
      name: input.name ?? slug,
      kind: input.kind,
      locale: input.locale ?? "fr-FR",
      currency: input.currency ?? "EUR",
      address: input.address,
      taxNumber: input.taxNumber,
      email: input.email,
    },
  });
  for (const m of input.members ?? []) {
    await db.membership.create({ data: { userId: m.userId, organizationId: org.id, role: m.role } });
  }
  if (org.kind === "PRODUCER") await db.$transaction((tx) => createDefaultTaxRates(tx, org.id));
  return org;
}

/** A user and an organization where they hold `role` (OWNER by default). */
export async function createMember(kind: OrgKind, role: Role = "OWNER", extra: { email?: string; name?: string } = {}) {
  const user = await createUser(extra);
  const org = await createOrganization({ kind, members: [{ userId: user.id, role }] });
  return { user, org };
}

export async function createCustomerGroup(producerId: string, name: string, discountBps = 0) {
  return getDb().customerGroup.create({ data: { producerId, name, discountBps } });
}

export async function createRelation(input: {
  producerId: string;
  partnerId: string;
  kind: "RETAIL" | "DISTRIBUTION" | "REPRESENTATION";
  status?: "PENDING" | "ACTIVE";
  customerGroupId?: string | null;
  paymentTermsDays?: number;
  repId?: string | null;
  defaultDistributorId?: string | null;
  defaultDistribution?: "SELF" | "SHIPPED" | "PICKUP" | "DISTRIBUTOR";
  minOrderCents?: number;
}) {
  const status = input.status ?? "ACTIVE";
  return getDb().relation.create({
    data: { ...input, status, acceptedAt: status === "ACTIVE" ? new Date() : null },
  });
}

export async function defaultTaxRate(producerId: string) {
  return getDb().taxRate.findFirstOrThrow({ where: { producerId, isDefault: true } });
}

export async function createProduct(input: {
  producerId: string;
  name?: string;
  sku?: string;
  family?: string;
  description?: string;
  formats?: { name: string; unitPrice4: number; depositCents?: number; taxRateBps?: number }[];
}) {
  const db = getDb();
  const rates = await db.taxRate.findMany({ where: { producerId: input.producerId } });
  const fallback = rates.find((r) => r.isDefault) ?? rates[0];
  const product = await db.product.create({
    data: {
      producerId: input.producerId,
      name: input.name ?? `Product ${unique()}`,
      sku: input.sku ?? `SKU-${unique()}`,
      family: input.family ?? "",
      description: input.description ?? "",
    },
  });
  const formats = input.formats ?? [{ name: "Unité", unitPrice4: 10_000 }];
  for (const [position, f] of formats.entries()) {
    let rate = f.taxRateBps === undefined ? fallback : rates.find((r) => r.rateBps === f.taxRateBps);
    rate ??= await db.taxRate.create({
      data: { producerId: input.producerId, name: `TVA ${f.taxRateBps! / 100} %`, rateBps: f.taxRateBps! },
    });
    await db.productFormat.create({
      data: {
        producerId: input.producerId,
        productId: product.id,
        name: f.name,
        unitPrice4: f.unitPrice4,
        depositCents: f.depositCents ?? 0,
        taxRateId: rate.id,
        position,
      },
    });
  }
  return db.product.findUniqueOrThrow({ where: { id: product.id }, include: { formats: true } });
}
