// Reading and writing standing-order versions, with the executor given (a transaction when writing).
// A change never edits a version: it writes the next one with who, when and what changed.
import type { Tx } from "~/utils/db.server";
import { validationError, type FieldErrors } from "~/utils/errors";
import { parseDayLines, serializeDayLines } from "../bakery/standing-day";
import { applicableStandingOrders } from "../bakery/day-orders.server";
import { diffVersions, emptyWeekdays, type VersionContent } from "./changes";
import { WEEKDAY_KEYS, type SpecialPrice, type WeekdayKey, type Weekdays } from "./schemas";

export type StoredVersion = VersionContent & { id: string; version: number; effectiveFrom: string };

/** The days and prices of versions, by id. */
export async function readVersions(
  tx: Tx,
  rows: readonly { id: string; version: number; effectiveFrom: string; round: number; roundPosition: number }[],
): Promise<Map<string, StoredVersion>> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return new Map();
  const [days, prices] = [
    await tx.standingOrderDay.findMany({ where: { standingOrderId: { in: ids } }, select: { standingOrderId: true, weekday: true, lines: true } }),
    await tx.standingOrderPrice.findMany({ where: { standingOrderId: { in: ids } }, select: { standingOrderId: true, formatId: true, unitPrice4: true }, orderBy: { formatId: "asc" } }),
  ];
  const result = new Map<string, StoredVersion>();
  for (const row of rows) result.set(row.id, { id: row.id, version: row.version, effectiveFrom: row.effectiveFrom, round: row.round, roundPosition: row.roundPosition, weekdays: emptyWeekdays(), prices: [] });
  for (const day of days) {
    const key = String(day.weekday) as WeekdayKey;
    const version = result.get(day.standingOrderId);
    if (version && WEEKDAY_KEYS.includes(key)) version.weekdays[key] = parseDayLines(day.lines);
  }
  for (const price of prices) result.get(price.standingOrderId)?.prices.push({ formatId: price.formatId, unitPrice4: price.unitPrice4 });
  return result;
}

/** The version of a relation that applies on `date` (null: none yet). */
export async function applicableVersion(tx: Tx, producerId: string, relationId: string, date: string): Promise<StoredVersion | null> {
  const row = (await applicableStandingOrders(tx, producerId, date, { relationId })).get(relationId);
  if (!row) return null;
  return (await readVersions(tx, [row])).get(row.id) ?? null;
}

/** The last version written for a relation (the head of its chain), if any. */
export async function latestVersion(tx: Tx, relationId: string): Promise<StoredVersion | null> {
  const row = await tx.standingOrder.findFirst({
    where: { relationId },
    orderBy: { version: "desc" },
    select: { id: true, version: true, effectiveFrom: true, round: true, roundPosition: true },
  });
  if (!row) return null;
  return (await readVersions(tx, [row])).get(row.id) ?? null;
}

/** The producer's formats a standing order may name: active, of an active product. */
export async function activeFormatIds(tx: Tx, producerId: string): Promise<Set<string>> {
  const formats = await tx.productFormat.findMany({ where: { producerId, active: true, product: { active: true } }, select: { id: true } });
  return new Set(formats.map((f) => f.id));
}

/** 400 naming every line (`weekdays.3.0.formatId`, `prices.1.formatId`) whose format is not one of `allowed`. */
export function assertFormats(allowed: ReadonlySet<string>, weekdays: Weekdays, prices: readonly SpecialPrice[] = [], prefix = "weekdays"): void {
  const fields: FieldErrors = {};
  for (const day of WEEKDAY_KEYS) {
    weekdays[day].forEach((line, i) => {
      if (!allowed.has(line.formatId)) fields[`${prefix}.${day}.${i}.formatId`] = "standing.error.unknownFormat";
    });
  }
  prices.forEach((price, i) => {
    if (!allowed.has(price.formatId)) fields[`prices.${i}.formatId`] = "standing.error.unknownFormat";
  });
  if (Object.keys(fields).length) throw validationError(fields);
}

/** Writes the next version of the relation's standing order; returns its id. */
export async function writeNextVersion(
  tx: Tx,
  input: {
    producerId: string;
    relationId: string;
    effectiveFrom: string;
    content: VersionContent;
    createdBy: { id: string; name: string };
    proposalId?: string;
  },
): Promise<string> {
  const previous = await latestVersion(tx, input.relationId);
  const changes = { ...diffVersions(previous, input.content), ...(previous?.effectiveFrom !== input.effectiveFrom ? { effectiveFrom: input.effectiveFrom } : {}) };
  const created = await tx.standingOrder.create({
    data: {
      producerId: input.producerId,
      relationId: input.relationId,
      version: (previous?.version ?? 0) + 1,
      effectiveFrom: input.effectiveFrom,
      round: input.content.round,
      roundPosition: input.content.roundPosition,
      changes: JSON.stringify(changes),
      proposalId: input.proposalId ?? null,
      createdById: input.createdBy.id,
      createdByName: input.createdBy.name,
      days: {
        create: WEEKDAY_KEYS.flatMap((day) => (input.content.weekdays[day].length ? [{ weekday: Number(day), lines: serializeDayLines(input.content.weekdays[day]) }] : [])),
      },
      prices: { create: input.content.prices.map((p) => ({ formatId: p.formatId, unitPrice4: p.unitPrice4 })) },
    },
    select: { id: true },
  });
  return created.id;
}
