// A delivery date given in a URL (/api/v1/intake/:date, /production/:date, /leftovers/:date…): the
// one parse every bakery route shares, with the orders' date rule (YYYY-MM-DD, a real calendar day).
import { validationError } from "~/utils/errors";
import { dateSchema } from "../order/schemas";

export function parseDateParam(date: unknown): string {
  const parsed = dateSchema.safeParse(date ?? "");
  if (!parsed.success) throw validationError({ date: "orders.error.date" });
  return parsed.data;
}
