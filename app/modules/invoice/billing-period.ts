// The billing period of a customer relation (Relation.billingPeriod): how its delivered orders are
// invoiced. PER_DELIVERY: an invoice per order (the period is the delivery date itself); WEEKLY: one
// invoice per ISO week, Monday to Sunday (the week belongs to the ISO year of its Thursday); MONTHLY:
// one invoice per calendar month. Pure: dates are YYYY-MM-DD strings, computed in UTC.
import { z } from "zod";

export const BILLING_PERIODS = ["PER_DELIVERY", "WEEKLY", "MONTHLY"] as const;
export type BillingPeriod = (typeof BILLING_PERIODS)[number];
export const billingPeriodSchema = z.enum(BILLING_PERIODS);

/** A period: its first and last dates (inclusive) and its label ("2026-12-04", "2026-W49", "2026-12"). */
export type Period = { from: string; to: string; label: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function toUtc(date: string): Date {
  if (!DATE.test(date)) throw new Error(`Not a YYYY-MM-DD date: ${date}`);
  const [y, m, d] = date.split("-").map(Number);
  const value = new Date(Date.UTC(y, m - 1, d));
  if (value.toISOString().slice(0, 10) !== date) throw new Error(`Not a calendar date: ${date}`);
  return value;
}

function iso(value: Date): string {
  return value.toISOString().slice(0, 10);
}

function plusDays(date: string, days: number): string {
  const value = toUtc(date);
  value.setUTCDate(value.getUTCDate() + days);
  return iso(value);
}

/** ISO weekday, 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  return toUtc(date).getUTCDay() || 7;
}

/** The ISO week of a date: its ISO year (the year of the week's Thursday) and number (1–53). */
export function isoWeek(date: string): { year: number; week: number } {
  const thursday = toUtc(plusDays(date, 4 - isoWeekday(date)));
  const year = thursday.getUTCFullYear();
  const firstDay = Date.UTC(year, 0, 1);
  const week = Math.floor((thursday.getTime() - firstDay) / 86_400_000 / 7) + 1;
  return { year, week };
}

/** The period of `billingPeriod` that contains `date`. */
export function periodOf(date: string, billingPeriod: BillingPeriod): Period {
  toUtc(date);
  if (billingPeriod === "PER_DELIVERY") return { from: date, to: date, label: date };
  if (billingPeriod === "WEEKLY") {
    const from = plusDays(date, 1 - isoWeekday(date));
    const { year, week } = isoWeek(date);
    return { from, to: plusDays(from, 6), label: `${year}-W${String(week).padStart(2, "0")}` };
  }
  const [y, m] = date.split("-").map(Number);
  const to = iso(new Date(Date.UTC(y, m, 0)));
  return { from: `${date.slice(0, 7)}-01`, to, label: date.slice(0, 7) };
}

/** The periods that meet [from, to], in date order (the first may start before `from`, the last end after `to`). */
export function periodsBetween(from: string, to: string, billingPeriod: BillingPeriod): Period[] {
  if (toUtc(from) > toUtc(to)) return [];
  const periods: Period[] = [];
  for (let period = periodOf(from, billingPeriod); period.from <= to; period = periodOf(plusDays(period.to, 1), billingPeriod)) {
    periods.push(period);
  }
  return periods;
}

/** The period before the one containing `date` (the usual one to invoice: the week or month just ended). */
export function previousPeriod(date: string, billingPeriod: BillingPeriod): Period {
  return periodOf(plusDays(periodOf(date, billingPeriod).from, -1), billingPeriod);
}
