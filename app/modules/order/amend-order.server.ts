// Amending an order (PATCH /api/v1/orders/:id): the seller side changes lines, prices, discounts,
// taxes and deposits, the note, the delivery date and the distribution until the order ships.
// `lines` is the full new list: an `id` keeps a line (fields left out keep their value), a line without
// id is added, a line whose id is missing is removed. Every change is in the history, before → after.
// PATCH neither takes nor renews the edit lock; `releaseLock: true` releases the caller's own lock
// with the change (the page's Save).
import { connectDb, getDb, type Tx } from "~/utils/db.server";
import { isAppError, validationError, type FieldErrors } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import type { OrgActor } from "../org/actor";
import { requireChargesKept, resolveDistribution } from "./create-order.server";
import { todayIso } from "./dates";
import { partyOrgIdsOf, publishOrderUpdated } from "./order-events";
import { eventActorOf, loadOrderForChange, recordOrderEvent, saveNextVersion, TX_OPTIONS } from "./order-guard.server";
import {
  defaultTaxRateBps,
  diffLines,
  draftsOf,
  loadSellerFormats,
  parseSubmitted,
  priceDrafts,
  storedLinesOf,
  writeLines,
  type CatalogFormat,
  type LineDraft,
} from "./order-lines.server";
import { loadOrderView, type OrderRow } from "./order-view.server";
import { amendOrderSchema, type AmendLineInput } from "./schemas";
import type { Distribution, OrderView } from "./types";

type Change = { before: unknown; after: unknown };

/** The new line list from the PATCH body, or field errors naming `lines.N.field`. */
async function buildLines(tx: Tx, order: OrderRow, input: readonly AmendLineInput[], fields: FieldErrors): Promise<LineDraft[]> {
  const existing = new Map(draftsOf(order.lines).map((l) => [l.id, l]));
  const formatIds = input.flatMap((l) => (l.formatId && (!l.id || existing.get(l.id)?.formatId !== l.formatId) ? [l.formatId] : []));
  const formats = loadSellerFormats(await connectDb(), order.sellerId, formatIds);
  const needsDefaultTax = input.some((l) => !l.id && l.kind && l.kind !== "ITEM" && l.taxRateBps === undefined);
  const defaultTax = needsDefaultTax ? await defaultTaxRateBps(tx, order.sellerId) : 0;
  // New ITEM lines get the customer group's discount unless it was removed when the order was placed.
  const submitted = parseSubmitted(order.submitted);
  const groupDiscount = submitted.applyGroupDiscount === false ? 0 : order.groupDiscountBps;

  const format = (i: number, id: string): CatalogFormat | null => {
    const found = formats.get(id);
    if (!found) fields[`lines.${i}.formatId`] = "orders.error.formatUnavailable";
    return found ?? null;
  };

  return input.flatMap((line, i): LineDraft[] => {
    if (line.id) {
      const old = existing.get(line.id);
      if (!old) {
        fields[`lines.${i}.id`] = "orders.error.lineNotFound";
        return [];
      }
      if (line.kind && line.kind !== old.kind) fields[`lines.${i}.kind`] = "field.invalid";
      let base: LineDraft = old;
      if (line.formatId !== undefined && line.formatId !== old.formatId) {
        if (old.kind !== "ITEM" || line.formatId === null) {
          fields[`lines.${i}.formatId`] = "field.invalid";
          return [];
        }
        // Another product: the catalog's values, unless given.
        const f = format(i, line.formatId);
        if (!f) return [];
        base = { ...old, formatId: f.id, description: f.description, unitPrice4: f.unitPrice4, taxRateBps: f.taxRateBps, depositCents: f.depositCents };
      }
      return [
        {
          ...base,
          description: line.description ?? base.description,
          quantity: line.quantity ?? base.quantity,
          unitPrice4: line.unitPrice4 ?? base.unitPrice4,
          discountBps: line.discountBps ?? base.discountBps,
          taxRateBps: line.taxRateBps ?? base.taxRateBps,
          depositCents: line.depositCents ?? base.depositCents,
        },
      ];
    }
    const kind = line.kind ?? "ITEM";
    if (kind === "ITEM") {
      const f = format(i, line.formatId!);
      if (!f) return [];
      return [
        {
          kind,
          formatId: f.id,
          description: line.description ?? f.description,
          quantity: line.quantity!,
          unitPrice4: line.unitPrice4 ?? f.unitPrice4,
          discountBps: line.discountBps ?? groupDiscount,
          taxRateBps: line.taxRateBps ?? f.taxRateBps,
          depositCents: line.depositCents ?? f.depositCents,
        },
      ];
    }
    return [
      {
        kind,
        formatId: null,
        description: line.description!,
        quantity: line.quantity!,
        unitPrice4: line.unitPrice4 ?? 0,
        discountBps: line.discountBps ?? 0,
        taxRateBps: line.taxRateBps ?? defaultTax,
        depositCents: line.depositCents ?? 0,
      },
    ];
  });
}

export async function amendOrder(actor: OrgActor, orderId: string, input: unknown): Promise<OrderView> {
  const data = parseInput(amendOrderSchema, input);
  requireChargesKept(actor, data);
  const db = getDb();
  const now = new Date();
  const saved = await db.$transaction(async (tx) => {
    const { order } = await loadOrderForChange(tx, actor, orderId, "amend", data.version, now);
    const fields: FieldErrors = {};
    const changes: Record<string, unknown> = {};
    const update: Record<string, unknown> = {};
    const change = (field: string, before: unknown, after: unknown) => {
      if (after === undefined || before === after) return;
      (changes as Record<string, Change>)[field] = { before, after };
      update[field] = after;
    };

    if (data.deliveryDate !== undefined && data.deliveryDate !== order.deliveryDate && data.deliveryDate < todayIso(now)) {
      fields.deliveryDate = "orders.error.pastDate";
    }
    change("note", order.note, data.note);
    change("deliveryDate", order.deliveryDate, data.deliveryDate);
    change("taxesEnabled", order.taxesEnabled, data.taxesEnabled);
    change("depositsEnabled", order.depositsEnabled, data.depositsEnabled);

    if (data.distribution !== undefined || data.distributor !== undefined) {
      const wanted = (data.distribution ?? order.distribution) as Distribution;
      const fallbackDistributorId = order.distributorId ?? (await relationDefaultDistributor(tx, order));
      let resolved: ReturnType<typeof resolveDistribution> | null = null;
      try {
        resolved = resolveDistribution(await connectDb(), actor, order.sellerId, { distribution: wanted, distributor: data.distributor, fallbackDistributorId });
      } catch (error) {
        // Reported together with the lines' errors below.
        if (!isAppError(error) || error.code !== "validation_failed") throw error;
        Object.assign(fields, (error.details?.fields ?? {}) as FieldErrors);
      }
      if (resolved) change("distribution", order.distribution, resolved.distribution);
      if (resolved && resolved.distributorId !== order.distributorId) {
        const names = await orgNames(tx, [order.distributorId, resolved.distributorId]);
        changes.distributor = { before: names.get(order.distributorId ?? "") ?? null, after: names.get(resolved.distributorId ?? "") ?? null };
        update.distributorId = resolved.distributorId;
      }
    }

    const before = draftsOf(order.lines);
    const lines = data.lines ? await buildLines(tx, order, data.lines, fields) : before;
    if (Object.keys(fields).length) throw validationError(fields);

    const taxesEnabled = data.taxesEnabled ?? order.taxesEnabled;
    const depositsEnabled = data.depositsEnabled ?? order.depositsEnabled;
    // A line too large is reported on the value the request changed: its price, its deposit, else its quantity.
    const priced = priceDrafts(lines, { taxesEnabled, depositsEnabled }, ({ index, cause }) => {
      const given = data.lines?.[index];
      if (cause === "price" && given?.unitPrice4 !== undefined) return `lines.${index}.unitPrice4`;
      if (cause === "deposit" && given?.depositCents !== undefined) return `lines.${index}.depositCents`;
      return `lines.${index}.quantity`;
    });
    if (data.lines) {
      const lineChanges = diffLines(before, lines);
      if (lineChanges) changes.lines = lineChanges;
      await writeLines(tx, order.id, storedLinesOf(order.lines), priced.lines);
    }
    if (priced.totals.totalCents !== order.totalCents) changes.totalCents = { before: order.totalCents, after: priced.totals.totalCents };

    const releaseLock = data.releaseLock && order.lockedById === actor.userId;
    const version = await saveNextVersion(tx, order, {
      ...update,
      ...priced.totals,
      ...(releaseLock ? { lockedById: null, lockedUntil: null } : {}),
    });
    if (Object.keys(changes).length) {
      await recordOrderEvent(tx, { orderId: order.id, type: "AMENDED", actor: eventActorOf(actor, order), changes });
    }
    return { order, version };
  }, TX_OPTIONS);

  const view = await loadOrderView(db, actor, saved.order.id);
  // A distributor taken off the order is told too: its page of the order closes.
  const parties = new Set([...partyOrgIdsOf(saved.order), ...(view.distributor ? [view.distributor.id] : [])]);
  publishOrderUpdated({ orderId: view.id, version: saved.version, status: view.status, partyOrgIds: [...parties] });
  return view;
}

async function relationDefaultDistributor(tx: Tx, order: { relationId: string }): Promise<string | null> {
  const relation = await tx.relation.findUnique({ where: { id: order.relationId }, select: { defaultDistributorId: true } });
  return relation?.defaultDistributorId ?? null;
}

async function orgNames(tx: Tx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = ids.filter((id): id is string => Boolean(id));
  if (!wanted.length) return new Map();
  const rows = await tx.organization.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}
