// GET /api/v1/production/:date: loads what ./production.ts needs — the day orders' totals
// (loadDayOrders, the rule the intake board and the delivery notes share, kept while their
// fingerprint is unchanged: ./day-totals.server.ts), the shops' counter orders for that pickup date
// and the leftovers of date − offset, read on every request.
import { getDb, type Tx } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import { requireProducerAction } from "../bakery/access.server";
import { addDays } from "../bakery/calendar";
import { loadBakerySettings, parseFamilies, type BakerySettingsView } from "../bakery/settings.server";
import type { OrgActor } from "../org/actor";
import { dayTotals } from "./day-totals.server";
import { buildProductionList, type QuantityLine } from "./production";
import { parseDateParam } from "../bakery/date-param.server";
import { productionQuerySchema, type ProductionList } from "./schemas";


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
  const shopLines = await loadShopLines(tx, producerId, date);
  const leftovers = await loadLeftoverLines(tx, producerId, leftoverDate);
  return buildProductionList({
    date,
    validated: day.validated,
    leftoverDate,
    formats: day.formats,
    orderLines: day.lines,
    shopLines,
    leftovers,
    families,
    leftoverFamilies: settings.leftoverFamilies,
  });
}

/** The list for a date; `families` as typed ("3 8 9"), absent: the producer's default families, empty: all. */
export async function getProductionList(actor: OrgActor, date: string | undefined, query: unknown): Promise<ProductionList> {
  const producerId = requireProducerAction(actor, "production:read");
  const day = parseDateParam(date);
  const { families } = parseInput(productionQuerySchema, query);
  // Reads only: no transaction (it would wait for the one write lock of SQLite).
  const db = getDb();
  const settings = await loadBakerySettings(db, producerId);
  if (!settings.enabled) throw new AppError("not_found", "error.not_found"); // as requireBakeryProducer, with the row it reads anyway
  const filter = families === undefined ? settings.productionFamilies : parseFamilies(families);
  return computeProductionList(db, producerId, day, settings, filter);
}
