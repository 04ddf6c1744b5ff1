// A producer's customer groups: a name and a discount applied to the orders of the retailers in it.
// Deleting a group detaches its retailers (they keep ordering, at list price) — the page says how many.
import { getDb, type Tx } from "~/utils/db.server";
import { AppError, validationError } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import type { OrgActor } from "../org/actor";
import { requireCatalogOwner } from "./access.server";
import { customerGroupInputSchema } from "./schemas";

export async function listCustomerGroups(actor: OrgActor) {
  const producerId = requireCatalogOwner(actor, "catalog:read");
  const groups = await getDb().customerGroup.findMany({
    where: { producerId },
    select: { id: true, name: true, discountBps: true, _count: { select: { relations: { where: { producerId } } } } },
    orderBy: { name: "asc" },
  });
  return groups.map(({ _count, ...group }) => ({ ...group, relationCount: _count.relations }));
}

async function findOwnGroup(tx: Tx, producerId: string, id: string) {
  const group = await tx.customerGroup.findFirst({ where: { id, producerId } });
  if (!group) throw new AppError("not_found", "catalog.error.groupNotFound");
  return group;
}

async function assertNameFree(tx: Tx, producerId: string, name: string, exceptId?: string) {
  const clash = await tx.customerGroup.findFirst({
    where: { producerId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw validationError({ name: "catalog.error.groupNameTaken" });
}

export async function createCustomerGroup(actor: OrgActor, input: unknown) {
  const producerId = requireCatalogOwner(actor, "catalog:write");
  const data = parseInput(customerGroupInputSchema, input);
  return getDb().$transaction(async (tx) => {
    await assertNameFree(tx, producerId, data.name);
    return tx.customerGroup.create({ data: { producerId, name: data.name, discountBps: data.discount } });
  });
}

export async function updateCustomerGroup(actor: OrgActor, id: string, input: unknown) {
  const producerId = requireCatalogOwner(actor, "catalog:write");
  const data = parseInput(customerGroupInputSchema, input);
  return getDb().$transaction(async (tx) => {
    const group = await findOwnGroup(tx, producerId, id);
    await assertNameFree(tx, producerId, data.name, id);
    return tx.customerGroup.update({ where: { id: group.id }, data: { name: data.name, discountBps: data.discount } });
  });
}

/** Deletes the group; its relations stay, without a group. Returns how many relations were detached. */
export async function deleteCustomerGroup(actor: OrgActor, id: string): Promise<{ name: string; detached: number }> {
  const producerId = requireCatalogOwner(actor, "catalog:write");
  return getDb().$transaction(async (tx) => {
    const group = await findOwnGroup(tx, producerId, id);
    const { count } = await tx.relation.updateMany({
      where: { producerId, customerGroupId: group.id },
      data: { customerGroupId: null },
    });
    await tx.customerGroup.delete({ where: { id: group.id } });
    return { name: group.name, detached: count };
  });
}
