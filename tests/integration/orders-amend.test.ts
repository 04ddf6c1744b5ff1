// Amending orders (PATCH) and the edit lock: the full line list semantics, the history before → after,
// who may amend and when, stale versions ("modified on another workstation"), concurrent saves, and the
// lease that names the editor.
import { beforeAll, describe, expect, it } from "vitest";
import { computeTotals } from "~/modules/pricing/totals";
import { getDb } from "~/utils/db.server";
import { useTestServer, type TestServer } from "../setup/http";
import { daysFromToday, loadDemo, ordersClient, placed, type Demo, type OrdersClient } from "../setup/orders-api";

let server: TestServer;
let client: OrdersClient;
let demo: Demo;
let bottle: string;
let keg: string;
let lemonade: string;
let blancheKeg: string;

beforeAll(async () => {
  server = await useTestServer();
  client = ordersClient(server);
  demo = await loadDemo();
  bottle = demo.format("BDP-BLO", "Bouteille 33 cl");
  keg = demo.format("BDP-AMB", "Fût 30 L");
  lemonade = demo.format("BDP-LIM", "Caisse de 24 × 25 cl");
  blancheKeg = demo.format("BDP-BLA", "Fût 20 L");
});

function newOrder(lines = [{ formatId: bottle, quantity: 48 }, { formatId: keg, quantity: 2 }, { formatId: lemonade, quantity: 3 }]) {
  return placed(client, "marc", { seller: demo.org["brasserie-du-pont"], distribution: "SELF", deliveryDate: daysFromToday(3), lines });
}

const totalsOf = (order: any) => computeTotals(order.lines, { taxesEnabled: order.taxesEnabled, depositsEnabled: order.depositsEnabled }).totals;

describe("PATCH /api/v1/orders/:id", () => {
  it("keeps, changes, adds and removes lines; what a kept line leaves out keeps its value", async () => {
    // New fees take the producer's default tax rate: make it 10 % to tell it from the beers' 20 %.
    const db = getDb();
    await db.taxRate.updateMany({ where: { producerId: demo.org["brasserie-du-pont"] }, data: { isDefault: false } });
    await db.taxRate.updateMany({ where: { producerId: demo.org["brasserie-du-pont"], rateBps: 1000 }, data: { isDefault: true } });

    const order = await newOrder();
    const [bottles, kegs, lemonades] = order.lines;
    const res = await client.patch("sam", order.id, {
      version: 1,
      note: "Livrer avant 9 h",
      deliveryDate: daysFromToday(5),
      lines: [
        { id: bottles.id, quantity: 60 },
        { id: lemonades.id },
        { kind: "ITEM", formatId: blancheKeg, quantity: 1 },
        { kind: "FEE", description: "Livraison express", quantity: 1, unitPrice4: 15_0000 },
        { kind: "REBATE", description: "Geste commercial", quantity: 1, unitPrice4: 5_0000, taxRateBps: 0 },
      ],
    });
    expect(res.status).toBe(200);
    const amended = res.body;
    expect(amended).toMatchObject({ version: 2, note: "Livrer avant 9 h", deliveryDate: daysFromToday(5), status: "PENDING" });
    expect(amended.lines).toMatchObject([
      { id: bottles.id, kind: "ITEM", quantity: 60, unitPrice4: 18_500, discountBps: 500, taxRateBps: 2000, depositCents: 10, totalCents: 10_545 },
      { id: lemonades.id, quantity: 3, unitPrice4: 216_000, discountBps: 500, taxRateBps: 550, depositCents: 480 },
      { kind: "ITEM", formatId: blancheKeg, description: "Blanche de l’Écluse — Fût 20 L", quantity: 1, unitPrice4: 840_000, discountBps: 500, taxRateBps: 2000, depositCents: 3000 },
      { kind: "FEE", formatId: null, description: "Livraison express", quantity: 1, unitPrice4: 150_000, discountBps: 0, taxRateBps: 1000, depositCents: 0, totalCents: 1500 },
      { kind: "REBATE", description: "Geste commercial", unitPrice4: 50_000, taxRateBps: 0, totalCents: -500 },
    ]);
    expect(amended.lines.some((l: any) => l.id === kegs.id)).toBe(false);
    expect(totalsOf(amended)).toMatchObject({ subtotalCents: amended.subtotalCents, taxCents: amended.taxCents, totalCents: amended.totalCents });

    // The history reads before → after, line by line.
    const { body } = await client.history("marc", order.id);
    expect(body.events.map((e: any) => e.type)).toEqual(["CREATED", "AMENDED"]);
    const event = body.events[1];
    expect(event).toMatchObject({ actor: { name: "Sam Leroy" }, organization: { name: "Brasserie du Pont" } });
    expect(event.changes.note).toEqual({ before: "", after: "Livrer avant 9 h" });
    expect(event.changes.deliveryDate).toEqual({ before: daysFromToday(3), after: daysFromToday(5) });
    expect(event.changes.totalCents).toEqual({ before: order.totalCents, after: amended.totalCents });
    expect(event.changes.lines.changed).toEqual([{ id: bottles.id, description: "Blonde du Pont — Bouteille 33 cl", changes: { quantity: { before: 48, after: 60 } } }]);
    expect(event.changes.lines.removed).toMatchObject([{ id: kegs.id, description: "Ambrée des Quais — Fût 30 L", quantity: 2 }]);
    expect(event.changes.lines.added.map((l: any) => l.description)).toEqual(["Blanche de l’Écluse — Fût 20 L", "Livraison express", "Geste commercial"]);
  });

  it("changes prices and discounts of kept lines, and removes taxes and deposits from the order", async () => {
    const order = await newOrder([{ formatId: bottle, quantity: 100 }]);
    const res = await client.patch("alice", order.id, { version: 1, lines: [{ id: order.lines[0].id, unitPrice4: 17_000, discountBps: 1000 }], taxesEnabled: false, depositsEnabled: false });
    expect(res.status).toBe(200);
    expect(res.body.lines[0]).toMatchObject({ quantity: 100, unitPrice4: 17_000, discountBps: 1000, totalCents: 15_300 });
    expect(res.body).toMatchObject({ taxesEnabled: false, depositsEnabled: false, subtotalCents: 17_000, discountCents: 1700, taxCents: 0, depositCents: 0, totalCents: 15_300 });
    const { body } = await client.history("alice", order.id);
    expect(body.events[1].changes).toMatchObject({
      taxesEnabled: { before: true, after: false },
      depositsEnabled: { before: true, after: false },
      lines: { changed: [{ changes: { unitPrice4: { before: 18_500, after: 17_000 }, discountBps: { before: 500, after: 1000 } } }] },
    });
  });

  it("lets the rep amend, and the distributor carrying the order switch it to the producer's own delivery", async () => {
    const order = await placed(client, "marc", { seller: demo.org["brasserie-du-pont"], deliveryDate: daysFromToday(3), lines: [{ formatId: bottle, quantity: 24 }] });
    expect(order.distributor?.slug).toBe("distribution-nord");
    const rep = await client.patch("rita", order.id, { version: 1, lines: [{ id: order.lines[0].id, quantity: 48 }] });
    expect(rep.status).toBe(200);
    const producer = await client.patch("alice", order.id, { version: 2, distribution: "SELF" });
    expect(producer.body).toMatchObject({ distribution: "SELF", distributor: null, version: 3 });
    expect((await client.get("dan", order.id)).status).toBe(404);
    const { body } = await client.history("alice", order.id);
    expect(body.events[2].changes).toMatchObject({ distribution: { before: "DISTRIBUTOR", after: "SELF" }, distributor: { before: "Distribution Nord", after: null } });
  });

  it("refuses the buyer (403), an ACCOUNTANT (403), a shipped order (409 invalid_transition) and an invoiced one (409 frozen)", async () => {
    const order = await newOrder([{ formatId: bottle, quantity: 10 }]);
    const change = { version: 1, note: "Changed" };
    const buyer = await client.patch("marc", order.id, change);
    expect(buyer.status).toBe(403);
    expect(buyer.body.error.code).toBe("forbidden");
    expect((await client.patch("anna", order.id, change)).status).toBe(403);

    const db = getDb();
    await db.order.update({ where: { id: order.id }, data: { status: "SHIPPED" } });
    const shipped = await client.patch("alice", order.id, change);
    expect(shipped.status).toBe(409);
    expect(shipped.body.error.code).toBe("invalid_transition");
    await db.order.update({ where: { id: order.id }, data: { status: "INVOICED" } });
    const invoiced = await client.patch("alice", order.id, change);
    expect(invoiced.status).toBe(409);
    expect(invoiced.body.error.code).toBe("frozen");
    expect((await client.get("alice", order.id)).body).toMatchObject({ note: "", version: 1 });
  });

  it("answers 409 conflict on a stale version: “The order was modified on another workstation”, in French on the page", async () => {
    const order = await newOrder([{ formatId: bottle, quantity: 10 }]);
    expect((await client.patch("alice", order.id, { version: 1, note: "First" })).status).toBe(200);
    const stale = await client.patch("sam", order.id, { version: 1, note: "Second" });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "conflict", message: "The order was modified on another workstation.", details: { currentVersion: 2 } });
    expect((await client.get("sam", order.id)).body.note).toBe("First");
    const { translateMaybe } = await import("~/utils/i18n");
    expect(translateMaybe("fr", "error.conflict")).toBe("Le document a été modifié sur un autre poste de travail.");
  });

  it("saves exactly one of 20 changes sent at once on the same version; the 19 others answer 409", async () => {
    const order = await newOrder([{ formatId: bottle, quantity: 10 }]);
    await client.token("alice");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => client.patch(i % 2 ? "alice" : "sam", order.id, { version: 1, lines: [{ id: order.lines[0].id, quantity: 11 + i }] })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const winner = results.find((r) => r.status === 200)!;
    const now = await client.get("alice", order.id);
    expect(now.body).toMatchObject({ version: 2, lines: [{ quantity: winner.body.lines[0].quantity }] });
    expect((await client.history("alice", order.id)).body.events.filter((e: any) => e.type === "AMENDED")).toHaveLength(1);
  });

  it("answers 400 naming the line for an unknown line id, a fee without description, or another producer's format", async () => {
    const order = await newOrder([{ formatId: bottle, quantity: 10 }]);
    const res = await client.patch("alice", order.id, {
      version: 1,
      lines: [
        { id: "not-a-line", quantity: 2 },
        { kind: "FEE", quantity: 1, unitPrice4: 100 },
        { kind: "ITEM", formatId: demo.format("AUR-BAG", "Pièce"), quantity: 1 },
        { kind: "ITEM", quantity: 0, formatId: bottle },
      ],
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details.fields).sort()).toEqual(["lines.1.description", "lines.3.quantity"]);
    const semantic = await client.patch("alice", order.id, {
      version: 1,
      lines: [{ id: "not-a-line", quantity: 2 }, { kind: "ITEM", formatId: demo.format("AUR-BAG", "Pièce"), quantity: 1 }],
    });
    expect(Object.keys(semantic.body.error.details.fields).sort()).toEqual(["lines.0.id", "lines.1.formatId"]);
    const noVersion = await client.patch("alice", order.id, { note: "x" });
    expect(Object.keys(noVersion.body.error.details.fields)).toEqual(["version"]);
    expect((await client.get("alice", order.id)).body.version).toBe(1);
  });
});

describe("the edit lock", () => {
  it("names the editor; others get 423 with lockedBy until it is released; the holder renews it", async () => {
    const order = await newOrder([{ formatId: bottle, quantity: 10 }]);
    const lock = await client.lock("sam", order.id);
    expect(lock.status).toBe(200);
    expect(lock.body.lockedBy).toMatchObject({ name: "Sam Leroy" });
    const expires = Date.parse(lock.body.expiresAt);
    expect(expires - Date.now()).toBeGreaterThan(110_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(120_000);

    const seen = await client.get("marc", order.id);
    expect(seen.body.lockedBy).toEqual({ id: lock.body.lockedBy.id, name: "Sam Leroy" });

    for (const res of [
      await client.patch("alice", order.id, { version: 1, note: "Alice" }),
      await client.act("alice", order.id, "accept", { version: 1 }),
      await client.lock("alice", order.id),
    ]) {
      expect(res.status).toBe(423);
      expect(res.body.error.code).toBe("locked");
      expect(res.body.error.details.lockedBy).toEqual({ id: lock.body.lockedBy.id, name: "Sam Leroy" });
    }
    // Others still read it; the holder changes it (PATCH does not renew the lease) and renews it.
    const own = await client.patch("sam", order.id, { version: 1, note: "Sam" });
    expect(own.status).toBe(200);
    expect(own.body.lockExpiresAt).toBe(lock.body.expiresAt);
    await new Promise((r) => setTimeout(r, 5));
    const renewed = await client.lock("sam", order.id);
    expect(Date.parse(renewed.body.expiresAt)).toBeGreaterThan(expires);

    expect((await client.unlock("alice", order.id)).status).toBe(204); // not hers: nothing happens
    expect((await client.patch("alice", order.id, { version: 2, note: "Alice" })).status).toBe(423);
    expect((await client.unlock("sam", order.id)).status).toBe(204);
    expect((await client.unlock("sam", order.id)).status).toBe(204);
    const after = await client.patch("alice", order.id, { version: 2, note: "Alice" });
    expect(after.status).toBe(200);
    expect(after.body.lockedBy).toBeNull();
  });

  it("runs out after 2 minutes: others may then change the order and take the lock", async () => {
    const order = await newOrder([{ formatId: bottle, quantity: 10 }]);
    expect((await client.lock("sam", order.id)).status).toBe(200);
    // Two minutes later (the lease's end moved back rather than waiting).
    await getDb().order.update({ where: { id: order.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect((await client.get("marc", order.id)).body.lockedBy).toBeNull();
    expect((await client.patch("alice", order.id, { version: 1, note: "Alice" })).status).toBe(200);
    const taken = await client.lock("alice", order.id);
    expect(taken.status).toBe(200);
    expect(taken.body.lockedBy.name).toBe("Alice Dupont");
    expect((await client.patch("sam", order.id, { version: 2, note: "Sam" })).status).toBe(423);
  });

  it("is released by the holder's save with releaseLock, and by a status change", async () => {
    const order = await newOrder([{ formatId: bottle, quantity: 10 }]);
    await client.lock("sam", order.id);
    const saved = await client.patch("sam", order.id, { version: 1, note: "Saved", releaseLock: true });
    expect(saved.body.lockedBy).toBeNull();
    await client.lock("sam", order.id);
    const accepted = await client.act("sam", order.id, "accept", { version: 2 });
    expect(accepted.status).toBe(200);
    expect(accepted.body.lockedBy).toBeNull();
    expect((await client.patch("alice", order.id, { version: 3, note: "Alice" })).status).toBe(200);
  });

  it("is only for seller-side users who may amend, on orders that can still change", async () => {
    const order = await newOrder([{ formatId: bottle, quantity: 10 }]);
    expect((await client.lock("marc", order.id)).status).toBe(403);
    expect((await client.lock("anna", order.id)).status).toBe(403);
    expect((await client.lock("rita", order.id)).status).toBe(200);
    await client.unlock("rita", order.id);
    await getDb().order.update({ where: { id: order.id }, data: { status: "SHIPPED" } });
    const shipped = await client.lock("alice", order.id);
    expect(shipped.status).toBe(409);
    expect(shipped.body.error.code).toBe("invalid_transition");
  });
});
