// GET|PUT /api/v1/bakery/settings and the settings page: the producer's slicing fee, unit price
// decimals, intake retention, leftover offset (J+n) and families, the production list's default
// families. One BakerySettings row per producer, upserted (loadBakerySettings reads it everywhere).
import { getDb } from "~/utils/db.server";
import { parseInput } from "~/utils/validation";
import { requireProducerAction } from "../bakery/access.server";
import { requireBakeryProducer } from "./access.server";
import { loadBakerySettings, parseFamilies, type BakerySettingsView } from "../bakery/settings.server";
import type { OrgActor } from "../org/actor";
import { joinFamilies } from "./production";
import { bakerySettingsInputSchema, type BakerySettingsResponse } from "./schemas";

function toResponse({ enabled: _enabled, ...settings }: BakerySettingsView): BakerySettingsResponse {
  return settings;
}

export async function getBakerySettings(actor: OrgActor): Promise<BakerySettingsResponse> {
  const producerId = await requireBakeryProducer(getDb(), actor, "production:read");
  return toResponse(await loadBakerySettings(getDb(), producerId));
}

export async function updateBakerySettings(actor: OrgActor, input: unknown): Promise<BakerySettingsResponse> {
  // Saving the settings is also how a producer starts running the bakery module (the row is upserted).
  const producerId = requireProducerAction(actor, "bakery:settings");
  const data = parseInput(bakerySettingsInputSchema, input);
  const row = {
    slicingFee4: data.slicingFee4,
    unitPriceDecimals: data.unitPriceDecimals,
    intakeRetentionDays: data.intakeRetentionDays,
    leftoverOffsetDays: data.leftoverOffsetDays,
    // Stored as typed once normalized: "3 8 9", or "Viennoiseries, Pâtisseries" for names with spaces.
    leftoverFamilies: joinFamilies(parseFamilies(data.leftoverFamilies)),
    productionFamilies: joinFamilies(parseFamilies(data.productionFamilies)),
  };
  return getDb().$transaction(async (tx) => {
    await tx.bakerySettings.upsert({ where: { producerId }, create: { producerId, ...row }, update: row });
    return toResponse(await loadBakerySettings(tx, producerId));
  });
}
