// GET /api/v1/production/:date: loads what ./production.ts needs — the day orders' totals
// (loadDayOrders, the rule the intake board and the delivery notes share, kept while their
// fingerprint is unchanged: ./day-totals.server.ts), the shops' counter orders for that pickup date
// and the leftovers of date − offset, read on every request.
import { getDb, type Tx } from "~/utils/db.server";
import { validationError } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import { requireBakeryProducer } from "./access.server";
import { addDays } from "../bakery/calendar";
import { loadBakerySettings, parseFamilies, type BakerySettingsView } from "../bakery/settings.server";
import type { OrgActor } from "../org/actor";
import { dayTotals } from "./day-totals.server";
import { buildProductionList, type ProductionFormat, type QuantityLine } from "./production";
import { isoDateSchema, productionQuerySchema, type ProductionList } from "./schemas";

export function parseDateParam(date: string | undefined): string {
  const parsed = isoDateSchema.safeParse(date ?? "");
  if (!parsed.success) throw validationError({ date: "field.invalidDate" });
  return parsed.data;
}

/** The producer's formats (active or not: an old order may name one) with their product and family. */
export async function loadProductionFormats(tx: Tx, producerId: string): Promise<Map<string, ProductionFormat>> {
  const rows = await tx.productFormat.findMany({
    where: { producerId },
    select: { id: true, name: true, product: { select: { id: true, name: true, family: true } } },
  });
  return new Map(rows.map((f) => [f.id, { formatId: f.id, formatName: f.name, productId: f.product.id, productName: f.product.name, family: f.product.family }]));
}

/** The quantities of the shops' live counter orders to pick up on the date, per format. */
export async function loadShopLines(tx: Tx, producerId: string, date: string): Promise<QuantityLine[]> {
  const rows = await tx.shopOrderLine.groupBy({
    by: ["formatId"],
    where: { shopOrder: { producerId, pickupDate: date, status: { in: ["OPEN", "PICKED_UP"] } } },
    _sum: { quantity: true },
  });
  return rows.map((row) => ({ formatId: row.formatId, quantity: row._sum.quantity ?? 0 }));
}

export async function loadLeftoverLines(tx: Tx, producerId: string, date: string): Promise<QuantityLine[]> {
  const rows = await tx.leftover.groupBy({ by: ["formatId"], where: { producerId, date }, _sum: { quantity: true } });
  return rows.map((row) => ({ formatId: row.formatId, quantity: row._sum.quantity ?? 0 }));
}

export async function computeProductionList(tx: Tx, producerId: string, date: string, settings: BakerySettingsView, families: readonly string[]): Promise<ProductionList> {
  const leftoverDate = addDays(date, -settings.leftoverOffsetDays);
  const day = await dayTotals(tx, producerId, date);
  const formats = await loadProductionFormats(tx, producerId);
  const shopLines = await loadShopLines(tx, producerId, date);
  const leftovers = await loadLeftoverLines(tx, producerId, leftoverDate);
  return buildProductionList({
    date,
    validated: day.validated,
    leftoverDate,
    formats,
    orderLines: day.lines,
    shopLines,
    leftovers,
    families,
    leftoverFamilies: settings.leftoverFamilies,
  });
}

/** The list for a date; `families` as typed ("3 8 9"), absent: the producer's default families, empty: all. */
export async function getProductionList(actor: OrgActor, date: string | undefined, query: unknown): Promise<ProductionList> {
  const producerId = await requireBakeryProducer(getDb(), actor, "production:read");
  const day = parseDateParam(date);
  const { families } = parseInput(productionQuerySchema, query);
  // Reads only: no transaction (it would wait for the one write lock of SQLite).
  const db = getDb();
  const settings = await loadBakerySettings(db, producerId);
  const filter = families === undefined ? settings.productionFamilies : parseFamilies(families);
  return computeProductionList(db, producerId, day, settings, filter);
}
