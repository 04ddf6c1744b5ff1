// The bakery's calendar rules, pure and isomorphic (pages, services and PDFs share them): ISO
// weekdays of YYYY-MM-DD dates, date arithmetic, and whether a delivery happens on a date.
// Dates are calendar dates (no time zone): arithmetic runs in UTC so that no DST shift moves a day.

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];

function utc(date: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** ISO weekday of a YYYY-MM-DD date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): Weekday {
  const day = utc(date).getUTCDay();
  return (day === 0 ? 7 : day) as Weekday;
}

/** The date `days` later (earlier when negative). */
export function addDays(date: string, days: number): string {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

/** Weekdays are stored as a string of ISO digits ("123456" = Monday to Saturday). */
export function parseWeekdays(digits: string): Weekday[] {
  return WEEKDAYS.filter((day) => digits.includes(String(day)));
}

export function formatWeekdays(days: readonly number[]): string {
  return WEEKDAYS.filter((day) => days.includes(day)).join("");
}

export type DateRange = { from: string; to: string };

/** Whether a date falls in one of the ranges (both ends included). */
export function inAnyRange(date: string, ranges: readonly DateRange[]): boolean {
  return ranges.some((range) => range.from <= date && date <= range.to);
}

/**
 * A standing order counts for a date only if the customer is open that weekday and not closed that
 * day, and the producer is not closed that day (the product's own planning is checked per line).
 */
export function deliversOn(
  date: string,
  customer: { openWeekdays: string; closures: readonly DateRange[] },
  producerClosures: readonly DateRange[],
): boolean {
  return customer.openWeekdays.includes(String(isoWeekday(date))) && !inAnyRange(date, customer.closures) && !inAnyRange(date, producerClosures);
}

/** Whether a product is made on the date's weekday (its production planning). */
export function madeOn(date: string, productionWeekdays: string): boolean {
  return madeOnDate(date)(productionWeekdays);
}

/** The same check for many products of one date (the weekday computed once). */
export function madeOnDate(date: string): (productionWeekdays: string) => boolean {
  const weekday = String(isoWeekday(date));
  return (productionWeekdays) => productionWeekdays.includes(weekday);
}
