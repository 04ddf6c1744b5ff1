// Tests only: an order written straight into the database (no order service involved), priced with
// computeTotals like the services price it. Enough for documents and notifications; the full-featured
// factory is tests/factories/orders.ts.
import { computeTotals, type LineKind } from "~/modules/pricing/totals";
import { getDb } from "~/utils/db.server";

export type InsertLine = {
  kind?: LineKind;
  description: string;
  quantity: number;
  unitPrice4: number;
  discountBps?: number;
  taxRateBps?: number;
  depositCents?: number;
  formatId?: string | null;
};

export async function insertOrder(input: {
  seller: string; // slugs
  buyer: string;
  rep?: string | null;
  distributor?: string | null;
  createdBy: string; // email of the user who placed it
  createdByOrg?: string; // slug; the buyer by default
  status?: string;
  distribution?: "SELF" | "SHIPPED" | "PICKUP" | "DISTRIBUTOR";
  deliveryDate?: string;
  note?: string;
  lines: InsertLine[];
  taxesEnabled?: boolean;
  depositsEnabled?: boolean;
}) {
  const db = getDb();
  const org = (slug: string) => db.organization.findUniqueOrThrow({ where: { slug } });
  const seller = await org(input.seller);
  const buyer = await org(input.buyer);
  const rep = input.rep ? await org(input.rep) : null;
  const distributor = input.distributor ? await org(input.distributor) : null;
  const creatorOrg = await org(input.createdByOrg ?? input.buyer);
  const user = await db.user.findUniqueOrThrow({ where: { email: input.createdBy } });
  const relation = await db.relation.findFirstOrThrow({ where: { producerId: seller.id, partnerId: buyer.id } });
  const options = { taxesEnabled: input.taxesEnabled ?? true, depositsEnabled: input.depositsEnabled ?? true };
  const lines = input.lines.map((l) => ({
    kind: l.kind ?? ("ITEM" as LineKind),
    description: l.description,
    quantity: l.quantity,
    unitPrice4: l.unitPrice4,
    discountBps: l.discountBps ?? 0,
    taxRateBps: l.taxRateBps ?? 0,
    depositCents: l.depositCents ?? 0,
    formatId: l.formatId ?? null,
  }));
  const { lines: amounts, totals } = computeTotals(lines, options);
  return db.$transaction(async (tx) => {
    const seq = await tx.sellerSequence.upsert({
      where: { sellerId_kind: { sellerId: seller.id, kind: "ORDER" } },
      create: { sellerId: seller.id, kind: "ORDER", next: 2 },
      update: { next: { increment: 1 } },
    });
    return tx.order.create({
      data: {
        sellerId: seller.id,
        buyerId: buyer.id,
        repId: rep?.id ?? null,
        distributorId: distributor?.id ?? null,
        relationId: relation.id,
        number: seq.next - 1,
        status: input.status ?? "PENDING",
        distribution: input.distribution ?? (distributor ? "DISTRIBUTOR" : "SELF"),
        deliveryDate: input.deliveryDate ?? "2030-06-15",
        note: input.note ?? "",
        currency: seller.currency,
        ...options,
        ...totals,
        buyerName: buyer.name,
        submitted: JSON.stringify({ lines, ...options }),
        createdById: user.id,
        createdByOrgId: creatorOrg.id,
        lines: { create: lines.map((l, position) => ({ ...l, position, totalCents: amounts[position].totalCents })) },
      },
      include: { lines: true },
    });
  });
}
