// The order history (GET /api/v1/orders/:id/history): who (user and organization), when, what changed
// (before → after), oldest first. The expiry job appears as "Comptoir", without ids.
import { getDb } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { orderVisibleTo } from "./visibility.server";

export type OrderHistoryEvent = {
  at: string;
  actor: { id: string | null; name: string };
  organization: { id: string | null; name: string };
  type: string;
  changes: Record<string, unknown>;
};

function parseChanges(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function getOrderHistory(actor: OrgActor, orderId: string): Promise<{ events: OrderHistoryEvent[] }> {
  requirePermission(actor, "order:read");
  const db = getDb();
  const visible = orderVisibleTo(actor.orgId);
  const order = await db.order.findFirst({ where: { AND: [{ id: orderId }, visible] }, select: { id: true } });
  if (!order) throw new AppError("not_found", "error.not_found");
  const rows = await db.orderEvent.findMany({
    where: { orderId: order.id, order: visible },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return {
    events: rows.map((e) => ({
      at: e.createdAt.toISOString(),
      actor: { id: e.actorId, name: e.actorName },
      organization: { id: e.actorOrgId, name: e.actorOrgName },
      type: e.type,
      changes: parseChanges(e.changes),
    })),
  };
}
