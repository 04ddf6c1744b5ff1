// A producer's tax rates. Exactly one is the default (new formats, fees and rebates use it); a rate
// that formats use cannot be deleted.
import { getDb, type Tx } from "~/utils/db.server";
import { AppError, validationError } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import type { OrgActor } from "../org/actor";
import { requireCatalogOwner } from "./access.server";
import { taxRateInputSchema } from "./schemas";

export async function listTaxRates(actor: OrgActor) {
  const producerId = requireCatalogOwner(actor, "catalog:read");
  const rates = await getDb().taxRate.findMany({
    where: { producerId },
    select: { id: true, name: true, rateBps: true, isDefault: true, _count: { select: { formats: true } } },
    orderBy: [{ rateBps: "desc" }, { name: "asc" }],
  });
  return rates.map(({ _count, ...rate }) => ({ ...rate, formatCount: _count.formats }));
}

async function findOwnRate(tx: Tx, producerId: string, id: string) {
  const rate = await tx.taxRate.findFirst({ where: { id, producerId } });
  if (!rate) throw new AppError("not_found", "catalog.error.taxRateNotFound");
  return rate;
}

async function assertNameFree(tx: Tx, producerId: string, name: string, exceptId?: string) {
  const clash = await tx.taxRate.findFirst({ where: { producerId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) }, select: { id: true } });
  if (clash) throw validationError({ name: "catalog.error.taxRateNameTaken" });
}

export async function createTaxRate(actor: OrgActor, input: unknown) {
  const producerId = requireCatalogOwner(actor, "catalog:write");
  const data = parseInput(taxRateInputSchema, input);
  return getDb().$transaction(async (tx) => {
    await assertNameFree(tx, producerId, data.name);
    const hasDefault = (await tx.taxRate.count({ where: { producerId, isDefault: true } })) > 0;
    const isDefault = data.isDefault || !hasDefault;
    if (isDefault) await tx.taxRate.updateMany({ where: { producerId, isDefault: true }, data: { isDefault: false } });
    return tx.taxRate.create({ data: { producerId, name: data.name, rateBps: data.rate, isDefault } });
  });
}

export async function updateTaxRate(actor: OrgActor, id: string, input: unknown) {
  const producerId = requireCatalogOwner(actor, "catalog:write");
  const data = parseInput(taxRateInputSchema, input);
  return getDb().$transaction(async (tx) => {
    const rate = await findOwnRate(tx, producerId, id);
    await assertNameFree(tx, producerId, data.name, id);
    // The default moves by choosing another rate as default, never by unticking the current one.
    if (rate.isDefault && !data.isDefault) throw validationError({ isDefault: "catalog.error.keepOneDefault" });
    if (data.isDefault && !rate.isDefault) {
      await tx.taxRate.updateMany({ where: { producerId, isDefault: true }, data: { isDefault: false } });
    }
    return tx.taxRate.update({ where: { id: rate.id }, data: { name: data.name, rateBps: data.rate, isDefault: data.isDefault } });
  });
}

export async function deleteTaxRate(actor: OrgActor, id: string) {
  const producerId = requireCatalogOwner(actor, "catalog:write");
  return getDb().$transaction(async (tx) => {
    const rate = await findOwnRate(tx, producerId, id);
    const used = await tx.productFormat.count({ where: { producerId, taxRateId: rate.id } });
    if (used > 0) throw new AppError("validation_failed", "catalog.error.taxRateInUse", { count: used });
    if (rate.isDefault) throw new AppError("validation_failed", "catalog.error.taxRateIsDefault");
    await tx.taxRate.delete({ where: { id: rate.id } });
    return rate;
  });
}
