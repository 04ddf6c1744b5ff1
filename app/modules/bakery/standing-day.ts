// How a standing order's weekday is stored (StandingOrderDay.lines): one JSON list per version and
// weekday. Written only by the standing-order services (formats checked, quantities 1–1,000,000);
// read back through this one parser so that a row is typed, never cast.
import { z } from "zod";

export const storedDayLinesSchema = z.array(z.object({ formatId: z.string().min(1), quantity: z.number().int().min(1).max(1_000_000) }));
export type StoredDayLine = z.output<typeof storedDayLinesSchema>[number];

export function serializeDayLines(lines: readonly StoredDayLine[]): string {
  return JSON.stringify(lines.map(({ formatId, quantity }) => ({ formatId, quantity })));
}

/** The lines of a stored weekday; a row that does not parse is a corrupt database, not user input. */
export function parseDayLines(text: string): StoredDayLine[] {
  const parsed = storedDayLinesSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`Corrupt standing-order day: ${parsed.error.message}`);
  return parsed.data;
}
