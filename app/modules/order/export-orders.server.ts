// GET /api/v1/orders/export.csv: the orders a list shows (same filters), every page of it up to
// 50,000 rows, newest first. Amounts are plain decimals with a dot ("1234.50"), dates YYYY-MM-DD.
import { protectFormula, serializeCsv } from "~/utils/csv";
import { getDb } from "~/utils/db.server";
import { toDecimalString } from "~/utils/money";
import { parseInput } from "~/utils/validation";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { todayIso } from "./dates";
import { findOrderPage, listWhere } from "./order-list.server";
import { listOrdersQuerySchema } from "./schemas";

export const EXPORT_MAX_ROWS = 50_000;
const PAGE = 2_000;

export const ORDER_CSV_COLUMNS = [
  "number",
  "date",
  "customer",
  "seller",
  "status",
  "delivery_date",
  "distribution",
  "subtotal",
  "discount",
  "tax",
  "deposit",
  "total",
  "currency",
] as const;

const EXPORT_COLUMNS = `o."id", o."number", o."createdAt", o."buyerName", o."sellerId", o."status", o."deliveryDate", o."distribution",
  o."subtotalCents", o."discountCents", o."taxCents", o."depositCents", o."totalCents", o."currency"`;
type ExportRow = {
  id: string;
  number: number;
  createdAt: string;
  buyerName: string;
  sellerId: string;
  status: string;
  deliveryDate: string;
  distribution: string;
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  depositCents: number;
  totalCents: number;
  currency: string;
};

export async function exportOrdersCsv(actor: OrgActor, query: unknown): Promise<string> {
  requirePermission(actor, "order:read");
  const data = parseInput(listOrdersQuerySchema, query);
  const where = listWhere(actor, data);
  const rows: ExportRow[] = [];
  let cursor: string | undefined;
  while (rows.length < EXPORT_MAX_ROWS) {
    const page = await findOrderPage<ExportRow>(where, cursor, Math.min(PAGE, EXPORT_MAX_ROWS - rows.length), EXPORT_COLUMNS);
    rows.push(...page.rows);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const sellerIds = [...new Set(rows.map((r) => r.sellerId))];
  const sellers = sellerIds.length
    ? await getDb().organization.findMany({ where: { id: { in: sellerIds } }, select: { id: true, name: true } })
    : [];
  const sellerName = new Map(sellers.map((s) => [s.id, s.name]));
  const money = (cents: number) => toDecimalString(cents, 2, 2);
  const lines: string[][] = [[...ORDER_CSV_COLUMNS]];
  for (const r of rows) {
    lines.push([
      String(r.number),
      todayIso(new Date(r.createdAt)),
      protectFormula(r.buyerName),
      protectFormula(sellerName.get(r.sellerId) ?? ""),
      r.status,
      r.deliveryDate,
      r.distribution,
      money(r.subtotalCents),
      money(r.discountCents),
      money(r.taxCents),
      money(r.depositCents),
      money(r.totalCents),
      r.currency,
    ]);
  }
  return serializeCsv(lines);
}
