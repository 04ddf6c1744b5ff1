// Money is integers, never floats (DESIGN, "Catalog and pricing"):
// - amounts in minor units (cents), `*Cents`;
// - unit prices in 1/10,000 of the currency unit, `unitPrice4` (3 displayed decimals stay exact);
// - rates in basis points, `*Bps` (550 = 5.5 %).
// The single rounding rule: round half away from zero ("commercial rounding"), applied once per
// computed amount (per line). Every conversion and all formatting live here.

export const UNIT_PRICE_SCALE = 10_000n; // unitPrice4 per currency unit
export const CENTS_PER_UNIT = 100n;
export const BPS_SCALE = 10_000n;
/** Largest unit price accepted anywhere: 1,000,000.000 currency units. */
export const MAX_UNIT_PRICE4 = 10_000_000_000;
/** Largest cents amount accepted in inputs: 10,000,000.00. */
export const MAX_CENTS = 1_000_000_000;
/**
 * Largest amount of one line (its gross, discount, tax or deposit): 1,000,000,000.00 currency units.
 * Inputs within their own ranges can multiply past it (price 1,000,000 × quantity 1,000,000), so it is
 * checked on the computed amounts, before anything is written.
 */
export const MAX_LINE_CENTS = 100_000_000_000;
/**
 * Largest amount of a document (an order's, invoice's or credit note's subtotal, discount, tax, deposit
 * and total; a payment): 10,000,000,000.00 currency units. Far inside 2^53, where every sum of a
 * document stays an exact JavaScript number and every stored amount reads back (the SQLite INTEGER
 * columns are 64-bit; Prisma refuses to read beyond 2^53).
 */
export const MAX_DOCUMENT_CENTS = 1_000_000_000_000;

/** numerator / denominator rounded half away from zero. denominator > 0. */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError("denominator must be positive");
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const q = n / denominator;
  const r = n % denominator;
  const rounded = r * 2n >= denominator ? q + 1n : q;
  return negative ? -rounded : rounded;
}

function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError("amount out of range");
  }
  return Number(value);
}

/** Gross amount of a line in cents: unit price × quantity, rounded once. */
export function lineAmountCents(unitPrice4: number, quantity: number): number {
  return toSafeNumber(divRound(BigInt(unitPrice4) * BigInt(quantity), UNIT_PRICE_SCALE / CENTS_PER_UNIT));
}

/** A rate in basis points applied to an amount in cents (discounts, taxes), rounded once. */
export function applyBps(cents: number, bps: number): number {
  return toSafeNumber(divRound(BigInt(cents) * BigInt(bps), BPS_SCALE));
}

/** A unit price after a discount in basis points, still in 1/10,000 units. */
export function discountedUnitPrice4(unitPrice4: number, discountBps: number): number {
  return unitPrice4 - toSafeNumber(divRound(BigInt(unitPrice4) * BigInt(discountBps), BPS_SCALE));
}

// ---- Parsing user input ("12,5", "12.50", "1 234,567") into integers, exactly (no float on the way).

/**
 * Parses a decimal number written by a person (comma or dot as the decimal mark, spaces as group
 * separators) into an integer scaled by 10^decimals. Returns null when the text is not a number with
 * at most `decimals` decimals.
 */
export function parseDecimal(text: string, decimals: number): number | null {
  const cleaned = text.trim().replace(/[\s\u00a0\u202f]/g, "").replace(/[€$£]/g, "");
  const m = /^(-)?(\d+)(?:[.,](\d*))?$/.exec(cleaned) ?? /^(-)?()[.,](\d+)$/.exec(cleaned);
  if (!m) return null;
  const [, sign, whole, frac = ""] = m;
  if (frac.length > decimals) return null;
  const digits = (whole || "0") + frac.padEnd(decimals, "0");
  const value = Number(BigInt(digits));
  if (!Number.isSafeInteger(value)) return null;
  return sign ? -value : value;
}

/** "12,345" → 123450 (unitPrice4). Up to 4 decimals are accepted (3 are displayed). */
export function parseUnitPrice4(text: string): number | null {
  return parseDecimal(text, 4);
}

/** "1,50" → 150 (cents). */
export function parseCents(text: string): number | null {
  return parseDecimal(text, 2);
}

/** "5,5" (%) → 550 (bps). */
export function parsePercentBps(text: string): number | null {
  return parseDecimal(text, 2);
}

/** Plain decimal text of a scaled integer, with a dot: (123450, 4) → "12.345" (trailing zeros trimmed to minDecimals). */
export function toDecimalString(value: number, decimals: number, minDecimals = 0): string {
  const negative = value < 0;
  const digits = Math.abs(value).toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  let frac = digits.slice(digits.length - decimals);
  while (frac.length > minDecimals && frac.endsWith("0")) frac = frac.slice(0, -1);
  return `${negative ? "-" : ""}${whole}${frac ? `.${frac}` : ""}`;
}

// ---- Formatting with Intl, for the organization's locale and currency.

const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/** Formats a decimal string exactly (Intl accepts strings, so no float rounding sneaks in). */
function formatDecimalString(value: string, locale: string, options: Intl.NumberFormatOptions): string {
  return numberFormat(locale, options).format(value as unknown as number);
}

export function formatCents(cents: number, currency: string, locale: string): string {
  return formatDecimalString(toDecimalString(cents, 2, 2), locale, { style: "currency", currency });
}

/** Unit prices show between 2 and `decimals` (default 3) decimals. */
export function formatUnitPrice4(unitPrice4: number, currency: string, locale: string, decimals = 3): string {
  const exact = divRound(BigInt(unitPrice4), 10n ** BigInt(4 - decimals));
  return formatDecimalString(toDecimalString(Number(exact), decimals, 2), locale, {
    style: "currency",
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: decimals,
  });
}

export function formatBps(bps: number, locale: string): string {
  return formatDecimalString(toDecimalString(bps, 4), locale, {
    style: "percent",
    maximumFractionDigits: 2,
  });
}

export function formatNumber(value: number, locale: string): string {
  return numberFormat(locale, {}).format(value);
}
