// What a shop has left at closing for a date (the seed's "Reste J+"): deducted from the production of
// the day J + BakerySettings.leftoverOffsetDays, for the families the settings name
// (./production.ts). A PUT replaces that shop's leftovers of that date in one transaction.
import { getDb, type Tx } from "~/utils/db.server";
import { validationError } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import { requireBakeryProducer } from "./access.server";
import type { OrgActor } from "../org/actor";
import { parseDateParam } from "../bakery/date-param.server";
import { leftoversInputSchema, leftoversQuerySchema, type LeftoversView } from "./schemas";
import { loadCatalogFormats, loadShop } from "./shops.server";


async function view(tx: Tx, producerId: string, shop: { id: string; name: string }, date: string): Promise<LeftoversView> {
  const rows = await tx.leftover.findMany({ where: { producerId, shopId: shop.id, date }, select: { formatId: true, quantity: true } });
  const formats = await loadCatalogFormats(tx, producerId, rows.map((r) => r.formatId));
  const lines = rows
    .map((row) => ({ formatId: row.formatId, description: formats.get(row.formatId)?.description ?? "", quantity: row.quantity }))
    .sort((a, b) => a.description.localeCompare(b.description) || a.formatId.localeCompare(b.formatId));
  return { date, shop, lines };
}

export async function getLeftovers(actor: OrgActor, date: string, query: unknown): Promise<LeftoversView> {
  const producerId = await requireBakeryProducer(getDb(), actor, "production:read");
  const day = parseDateParam(date);
  const { shop: shopId } = parseInput(leftoversQuerySchema, query);
  const db = getDb();
  return view(db, producerId, await loadShop(db, producerId, shopId), day);
}

/** Replaces the shop's leftovers of the date: the lines given are what is left; a quantity of 0 (or a format left out) removes it. */
export async function putLeftovers(actor: OrgActor, date: string, input: unknown): Promise<LeftoversView> {
  const producerId = await requireBakeryProducer(getDb(), actor, "shop:write");
  const day = parseDateParam(date);
  const data = parseInput(leftoversInputSchema, input);
  const seen = new Set<string>();
  data.lines.forEach((line, i) => {
    if (seen.has(line.formatId)) throw validationError({ [`lines.${i}.formatId`]: "production.error.duplicateFormat" });
    seen.add(line.formatId);
  });
  return getDb().$transaction(async (tx) => {
    const shop = await loadShop(tx, producerId, data.shop);
    const kept = data.lines.filter((line) => line.quantity > 0);
    const formats = await loadCatalogFormats(tx, producerId, kept.map((l) => l.formatId));
    kept.forEach((line) => {
      if (!formats.has(line.formatId)) throw validationError({ [`lines.${data.lines.indexOf(line)}.formatId`]: "production.error.unknownFormat" });
    });
    await tx.leftover.deleteMany({ where: { producerId, shopId: shop.id, date: day } });
    if (kept.length) await tx.leftover.createMany({ data: kept.map((line) => ({ producerId, shopId: shop.id, date: day, formatId: line.formatId, quantity: line.quantity })) });
    return view(tx, producerId, shop, day);
  });
}
