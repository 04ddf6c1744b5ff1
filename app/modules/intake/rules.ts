// The morning intake's pure rules (unit-tested beside): which orders conflict, when taken-in orders
// leave the intake lists (retention), and what a customer's delivered history of a date holds.
import { addDays } from "../bakery/calendar";

/**
 * The customers with more than one live order for the date, each with its orders (oldest first): the
 * user keeps one explicitly; a batch take-in leaves them alone.
 */
export function conflictingRelations<T extends { relationId: string }>(placed: readonly T[]): Map<string, T[]> {
  const byRelation = new Map<string, T[]>();
  for (const order of placed) byRelation.set(order.relationId, [...(byRelation.get(order.relationId) ?? []), order]);
  for (const [relationId, orders] of byRelation) if (orders.length < 2) byRelation.delete(relationId);
  return byRelation;
}

/**
 * Taken-in orders stay in the intake lists `retentionDays` after their delivery date (the seed: keep
 * them 3 to 4 days to answer a dispute or a difference), then leave the lists. Nothing is deleted:
 * they stay in the order lists, the documents and the invoices.
 */
export function purgedFromIntake(date: string, today: string, retentionDays: number): boolean {
  return date < addDays(today, -retentionDays);
}

export type HistoryOrder = {
  id: string;
  parentOrderId: string | null;
  status: string;
  totalCents: number;
  lines: { kind: string; formatId: string | null; description: string; quantity: number; receivedQuantity: number | null; unitPrice4: number; totalCents: number }[];
};

export type HistoryLine = { formatId: string | null; description: string; ordered: number; quantity: number; unitPrice4: number; totalCents: number };

/**
 * What a customer was delivered on a date, from its orders of that date (the day's order and the
 * extras made at delivery): per line, what the delivery note said (`ordered`) and what was delivered
 * (the received quantity once confirmed). The order the history points to is the first main order.
 */
export function historyEntry(orders: readonly HistoryOrder[]): { orderId: string | null; lines: HistoryLine[]; totalCents: number } {
  const main = orders.find((o) => !o.parentOrderId) ?? orders[0] ?? null;
  const lines: HistoryLine[] = [];
  for (const order of orders) {
    const extra = order.parentOrderId !== null;
    for (const line of order.lines) {
      const delivered = line.receivedQuantity ?? line.quantity;
      const same = lines.find((l) => l.formatId === line.formatId && l.description === line.description && l.unitPrice4 === line.unitPrice4);
      // An extra order holds what came on top of the note: delivered, never ordered.
      const ordered = extra ? 0 : line.quantity;
      if (same) {
        same.ordered += ordered;
        same.quantity += extra ? line.quantity : delivered;
        same.totalCents += line.totalCents;
      } else {
        lines.push({ formatId: line.formatId, description: line.description, ordered, quantity: extra ? line.quantity : delivered, unitPrice4: line.unitPrice4, totalCents: line.totalCents });
      }
    }
  }
  return { orderId: main?.id ?? null, lines, totalCents: orders.reduce((sum, o) => sum + o.totalCents, 0) };
}
