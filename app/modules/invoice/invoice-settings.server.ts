// The producer's invoicing setting: publish the invoice automatically when an order is delivered
// (see publishOnDelivery in ./publish-invoice.server.ts). Changed by the organization's leads.
import { z } from "zod";
import { getDb } from "~/utils/db.server";
import { forbidden } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";

const settingsSchema = z.object({
  // An unchecked checkbox sends nothing.
  autoInvoiceOnDelivery: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
});

export async function getInvoicingSettings(actor: OrgActor): Promise<{ autoInvoiceOnDelivery: boolean } | null> {
  if (actor.orgKind !== "PRODUCER") return null;
  const org = await getDb().organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { autoInvoiceOnDelivery: true } });
  return org;
}

export async function updateInvoicingSettings(actor: OrgActor, input: unknown): Promise<void> {
  requirePermission(actor, "org:update");
  if (actor.orgKind !== "PRODUCER") throw forbidden();
  const data = parseInput(settingsSchema, input);
  await getDb().organization.update({ where: { id: actor.orgId }, data: { autoInvoiceOnDelivery: data.autoInvoiceOnDelivery } });
}
