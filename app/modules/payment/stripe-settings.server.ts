// A producer's payment settings: the Stripe Connect account its customers' online payments go to.
// Every member of the producer reads them; only its OWNER changes them (payment-settings:update).
import { getDb } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { stripeConfigured } from "./stripe-client.server";
import { paymentSettingsSchema } from "./stripe-schemas";

export type PaymentSettings = {
  stripeAccountId: string | null;
  /** The server has Stripe keys: without them no online payment, whatever the account. */
  stripeConfigured: boolean;
};

function requireProducer(actor: OrgActor): void {
  if (actor.orgKind !== "PRODUCER") throw new AppError("not_found", "error.not_found");
}

export async function getPaymentSettings(actor: OrgActor): Promise<PaymentSettings> {
  requireProducer(actor);
  requirePermission(actor, "org:read");
  const org = await getDb().organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { stripeAccountId: true } });
  return { stripeAccountId: org.stripeAccountId, stripeConfigured: stripeConfigured() };
}

export async function updatePaymentSettings(actor: OrgActor, input: unknown): Promise<PaymentSettings> {
  requireProducer(actor);
  requirePermission(actor, "payment-settings:update");
  const { stripeAccountId } = parseInput(paymentSettingsSchema, input);
  await getDb().organization.update({ where: { id: actor.orgId }, data: { stripeAccountId: stripeAccountId || null } });
  return getPaymentSettings(actor);
}
