// What changed from one standing-order version to the next, kept with the new version
// (StandingOrder.changes) so that its history says who changed what, and when, without recomputing.
import { WEEKDAY_KEYS, type DayLine, type SpecialPrice, type WeekdayKey, type Weekdays } from "./schemas";

export type VersionContent = { round: number; roundPosition: number; weekdays: Weekdays; prices: SpecialPrice[] };

/** A quantity or price before → after; null where there was none (added) or is none (removed). */
export type Change = { formatId: string; from: number | null; to: number | null };

export type VersionChanges = {
  weekdays?: Partial<Record<WeekdayKey, Change[]>>;
  round?: { from: number; to: number };
  roundPosition?: { from: number; to: number };
  prices?: Change[];
  effectiveFrom?: string;
};

export function emptyWeekdays(): Weekdays {
  return { "1": [], "2": [], "3": [], "4": [], "5": [], "6": [], "7": [] };
}

function diffByFormat(before: readonly { formatId: string; value: number }[], after: readonly { formatId: string; value: number }[]): Change[] {
  const old = new Map(before.map((b) => [b.formatId, b.value]));
  const next = new Map(after.map((a) => [a.formatId, a.value]));
  const changes: Change[] = [];
  for (const [formatId, to] of next) {
    const from = old.get(formatId) ?? null;
    if (from !== to) changes.push({ formatId, from, to });
  }
  for (const [formatId, from] of old) if (!next.has(formatId)) changes.push({ formatId, from, to: null });
  return changes;
}

const quantities = (lines: readonly DayLine[]) => lines.map((l) => ({ formatId: l.formatId, value: l.quantity }));

/** The changes from `before` (null: the first version) to `after`. */
export function diffVersions(before: VersionContent | null, after: VersionContent): VersionChanges {
  const base = before ?? { round: after.round, roundPosition: after.roundPosition, weekdays: emptyWeekdays(), prices: [] };
  const changes: VersionChanges = {};
  for (const day of WEEKDAY_KEYS) {
    const dayChanges = diffByFormat(quantities(base.weekdays[day]), quantities(after.weekdays[day]));
    if (dayChanges.length) (changes.weekdays ??= {})[day] = dayChanges;
  }
  if (before && before.round !== after.round) changes.round = { from: before.round, to: after.round };
  if (before && before.roundPosition !== after.roundPosition) changes.roundPosition = { from: before.roundPosition, to: after.roundPosition };
  const priceChanges = diffByFormat(
    base.prices.map((p) => ({ formatId: p.formatId, value: p.unitPrice4 })),
    after.prices.map((p) => ({ formatId: p.formatId, value: p.unitPrice4 })),
  );
  if (priceChanges.length) changes.prices = priceChanges;
  return changes;
}

/** Whether two versions hold the same lines, round, place and prices. */
export function sameContent(before: VersionContent | null, after: VersionContent): boolean {
  if (!before) return false;
  const changes = diffVersions(before, after);
  return !changes.weekdays && !changes.round && !changes.roundPosition && !changes.prices;
}
