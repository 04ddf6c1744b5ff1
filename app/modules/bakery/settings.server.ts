// The producer's bakery settings (slicing fee, price decimals, intake retention, leftovers): one row
// per producer; a producer without one gets the defaults of prisma/schema.prisma.
import type { Tx } from "~/utils/db.server";

export type BakerySettingsView = {
  enabled: boolean;
  slicingFee4: number;
  unitPriceDecimals: number;
  intakeRetentionDays: number;
  leftoverOffsetDays: number;
  /** Families leftovers are deducted from (empty: every family). */
  leftoverFamilies: string[];
  /** The production list's default family filter (empty: every family). */
  productionFamilies: string[];
};

export const DEFAULT_BAKERY_SETTINGS: Omit<BakerySettingsView, "enabled"> = {
  slicingFee4: 2000,
  unitPriceDecimals: 3,
  intakeRetentionDays: 4,
  leftoverOffsetDays: 1,
  leftoverFamilies: [],
  productionFamilies: [],
};

/**
 * A list of families as a user types it: "3 8 9" (the seed's codes) or, when it holds a comma or a
 * semicolon, "Viennoiseries, Pâtisseries fines" (names with spaces).
 */
export function parseFamilies(text: string): string[] {
  const separator = /[,;]/.test(text) ? /[,;]+/ : /\s+/;
  return [...new Set(text.split(separator).map((f) => f.trim()).filter(Boolean))];
}

export async function loadBakerySettings(tx: Tx, producerId: string): Promise<BakerySettingsView> {
  const row = await tx.bakerySettings.findUnique({ where: { producerId } });
  if (!row) return { enabled: false, ...DEFAULT_BAKERY_SETTINGS };
  return {
    enabled: true,
    slicingFee4: row.slicingFee4,
    unitPriceDecimals: row.unitPriceDecimals,
    intakeRetentionDays: row.intakeRetentionDays,
    leftoverOffsetDays: row.leftoverOffsetDays,
    leftoverFamilies: parseFamilies(row.leftoverFamilies),
    productionFamilies: parseFamilies(row.productionFamilies),
  };
}

/**
 * Whether the organization sees the bakery pages: a producer that runs the module, or a retailer
 * with an active relation with one.
 */
export async function bakeryAvailable(tx: Tx, actor: { orgId: string; orgKind: string }): Promise<boolean> {
  if (actor.orgKind === "PRODUCER") return (await tx.bakerySettings.count({ where: { producerId: actor.orgId } })) > 0;
  if (actor.orgKind !== "RETAILER") return false;
  const relation = await tx.relation.findFirst({
    where: { partnerId: actor.orgId, kind: "RETAIL", status: "ACTIVE", producer: { bakerySettings: { isNot: null } } },
    select: { id: true },
  });
  return relation !== null;
}
