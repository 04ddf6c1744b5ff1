// A producer's products and their formats (how each is sold: bottle, case of 24, keg…). Products and
// formats are deactivated, never deleted: orders keep pointing at them.
import type { Prisma } from "@prisma/client";
import { getDb, type Tx } from "~/utils/db.server";
import { AppError, validationError } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import type { OrgActor } from "../org/actor";
import { requireCatalogOwner } from "./access.server";
import { formatInputSchema, productInputSchema, type CatalogFilter } from "./schemas";
import { familiesOf, filterProducts, sortProducts } from "./search";

const formatSelect = {
  id: true,
  name: true,
  unitPrice4: true,
  depositCents: true,
  active: true,
  position: true,
  taxRateId: true,
  taxRate: { select: { name: true, rateBps: true } },
} satisfies Prisma.ProductFormatSelect;

const productSelect = {
  id: true,
  name: true,
  sku: true,
  family: true,
  description: true,
  active: true,
  formats: { select: formatSelect, orderBy: [{ position: "asc" }, { createdAt: "asc" }] },
} satisfies Prisma.ProductSelect;

/** Pages list at most this many products; a search or a family narrows the list. */
export const PAGE_PRODUCT_LIMIT = 300;

/** The producer's catalog (active and inactive), filtered, with the families for the filter. */
export async function listOwnCatalog(actor: OrgActor, filter: CatalogFilter = {}, limit = PAGE_PRODUCT_LIMIT) {
  const producerId = requireCatalogOwner(actor, "catalog:read");
  const all = await getDb().product.findMany({ where: { producerId }, select: productSelect });
  const matched = sortProducts(filterProducts(all, filter));
  return {
    total: all.length,
    matched: matched.length,
    families: familiesOf(all),
    products: matched.slice(0, limit),
  };
}

async function findOwnProduct(tx: Tx, producerId: string, productId: string) {
  const product = await tx.product.findFirst({ where: { id: productId, producerId }, select: { id: true } });
  if (!product) throw new AppError("not_found", "catalog.error.productNotFound");
  return product;
}

/** One product with its formats, plus what its form needs (tax rates, known families). */
export async function getOwnProduct(actor: OrgActor, productId: string) {
  const producerId = requireCatalogOwner(actor, "catalog:read");
  const db = getDb();
  const product = await db.product.findFirst({ where: { id: productId, producerId }, select: productSelect });
  if (!product) throw new AppError("not_found", "catalog.error.productNotFound");
  const [taxRates, families] = await Promise.all([listRateChoices(producerId), listFamilies(producerId)]);
  return { product, taxRates, families };
}

/** What the new-product form needs. */
export async function getProductFormOptions(actor: OrgActor) {
  const producerId = requireCatalogOwner(actor, "catalog:write");
  return { families: await listFamilies(producerId) };
}

function listRateChoices(producerId: string) {
  return getDb().taxRate.findMany({
    where: { producerId },
    select: { id: true, name: true, rateBps: true, isDefault: true },
    orderBy: [{ rateBps: "desc" }, { name: "asc" }],
  });
}

async function listFamilies(producerId: string): Promise<string[]> {
  const rows = await getDb().product.findMany({ where: { producerId, NOT: { family: "" } }, select: { family: true }, distinct: ["family"] });
  return familiesOf(rows);
}

async function assertSkuFree(tx: Tx, producerId: string, sku: string, exceptId?: string) {
  const clash = await tx.product.findFirst({ where: { producerId, sku, ...(exceptId ? { NOT: { id: exceptId } } : {}) }, select: { id: true } });
  if (clash) throw validationError({ sku: "catalog.error.skuTaken" });
}

export async function createProduct(actor: OrgActor, input: unknown) {
  const producerId = requireCatalogOwner(actor, "catalog:write");
  const data = parseInput(productInputSchema, input);
  return getDb().$transaction(async (tx) => {
    await assertSkuFree(tx, producerId, data.sku);
    return tx.product.create({ data: { ...data, producerId }, select: { id: true, name: true } });
  });
}

export async function updateProduct(actor: OrgActor, productId: string, input: unknown) {
  const producerId = requireCatalogOwner(actor, "catalog:write");
  const data = parseInput(productInputSchema, input);
  return getDb().$transaction(async (tx) => {
    const product = await findOwnProduct(tx, producerId, productId);
    await assertSkuFree(tx, producerId, data.sku, product.id);
    return tx.product.update({ where: { id: product.id }, data, select: { id: true, name: true } });
  });
}

/** The tax rate of a format must be one of the producer's: anything else is a field error. */
async function assertOwnRate(tx: Tx, producerId: string, taxRateId: string) {
  const rate = await tx.taxRate.findFirst({ where: { id: taxRateId, producerId }, select: { id: true } });
  if (!rate) throw validationError({ taxRateId: "catalog.error.taxRateUnknown" });
}

async function assertFormatNameFree(tx: Tx, productId: string, name: string, exceptId?: string) {
  const clash = await tx.productFormat.findFirst({
    where: { productId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw validationError({ name: "catalog.error.formatNameTaken" });
}

export async function createFormat(actor: OrgActor, productId: string, input: unknown) {
  const producerId = requireCatalogOwner(actor, "catalog:write");
  const data = parseInput(formatInputSchema, input);
  return getDb().$transaction(async (tx) => {
    const product = await findOwnProduct(tx, producerId, productId);
    await assertOwnRate(tx, producerId, data.taxRateId);
    await assertFormatNameFree(tx, product.id, data.name);
    const last = await tx.productFormat.findFirst({ where: { productId: product.id }, orderBy: { position: "desc" }, select: { position: true } });
    return tx.productFormat.create({
      data: {
        producerId,
        productId: product.id,
        name: data.name,
        unitPrice4: data.unitPrice,
        depositCents: data.deposit,
        taxRateId: data.taxRateId,
        active: data.active,
        position: (last?.position ?? -1) + 1,
      },
      select: { id: true, name: true },
    });
  });
}

async function findOwnFormat(tx: Tx, producerId: string, productId: string, formatId: string) {
  const format = await tx.productFormat.findFirst({ where: { id: formatId, productId, producerId }, select: { id: true, productId: true } });
  if (!format) throw new AppError("not_found", "catalog.error.formatNotFound");
  return format;
}

export async function updateFormat(actor: OrgActor, productId: string, formatId: string, input: unknown) {
  const producerId = requireCatalogOwner(actor, "catalog:write");
  const data = parseInput(formatInputSchema, input);
  return getDb().$transaction(async (tx) => {
    const format = await findOwnFormat(tx, producerId, productId, formatId);
    await assertOwnRate(tx, producerId, data.taxRateId);
    await assertFormatNameFree(tx, format.productId, data.name, format.id);
    return tx.productFormat.update({
      where: { id: format.id },
      data: { name: data.name, unitPrice4: data.unitPrice, depositCents: data.deposit, taxRateId: data.taxRateId, active: data.active },
      select: { id: true, name: true, active: true },
    });
  });
}

export async function setFormatActive(actor: OrgActor, productId: string, formatId: string, active: boolean) {
  const producerId = requireCatalogOwner(actor, "catalog:write");
  return getDb().$transaction(async (tx) => {
    const format = await findOwnFormat(tx, producerId, productId, formatId);
    return tx.productFormat.update({ where: { id: format.id }, data: { active }, select: { id: true, name: true, active: true } });
  });
}
