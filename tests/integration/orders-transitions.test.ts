// Status changes through the JSON API: the way an order goes (accept, ship, deliver), the ways out
// (reject, cancel, expiry), who may do what from which status, delivery differences (an order for the
// extra, received quantities kept), Restore, and the live update each change publishes.
import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { expireOverdueOrders } from "~/modules/order/expire.server";
import { onOrderUpdated, type OrderUpdated } from "~/modules/order/order-events";
import { computeTotals } from "~/modules/pricing/totals";
import { getDb } from "~/utils/db.server";
import { useTestServer, type TestServer } from "../setup/http";
import { daysFromToday, loadDemo, ordersClient, placed, type Demo, type OrdersClient } from "../setup/orders-api";

let server: TestServer;
let client: OrdersClient;
let demo: Demo;
let bottle: string;
let keg: string;

beforeAll(async () => {
  server = await useTestServer();
  client = ordersClient(server);
  demo = await loadDemo();
  bottle = demo.format("BDP-BLO", "Bouteille 33 cl");
  keg = demo.format("BDP-AMB", "Fût 30 L");
});

/** An order of Épicerie Martin, through Distribution Nord (the relation's default). */
function newOrder(lines = [{ formatId: bottle, quantity: 24 }, { formatId: keg, quantity: 2 }], extra: Record<string, unknown> = {}) {
  return placed(client, "marc", { seller: demo.org["brasserie-du-pont"], deliveryDate: daysFromToday(2), lines, ...extra });
}

async function moveTo(order: { id: string }, steps: [string, "alice" | "dan" | "marc"][]) {
  let version = (await client.get("alice", order.id)).body.version;
  for (const [action, who] of steps) {
    const res = await client.act(who, order.id, action, { version });
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    version = res.body.version;
  }
  return (await client.get("alice", order.id)).body;
}

describe("the way of an order", () => {
  it("goes PENDING → ACCEPTED → SHIPPED → DELIVERED, each step in the history and told to the other parties", async () => {
    const order = await newOrder();
    const updates: OrderUpdated[] = [];
    const stop = onOrderUpdated((u) => u.orderId === order.id && updates.push(u));

    const accepted = await client.act("sam", order.id, "accept", { version: 1 });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: "ACCEPTED", version: 2, extraOrderId: null, viewerSide: "seller" });
    expect(accepted.body.actions).toEqual(["cancel", "amend", "restore", "ship"]);
    // The distributor carries and ships; the buyer confirms the delivery.
    const shipped = await client.act("dan", order.id, "ship", { version: 2 });
    expect(shipped.body).toMatchObject({ status: "SHIPPED", version: 3 });
    expect((await client.get("marc", order.id)).body.actions).toEqual(["deliver"]);
    const delivered = await client.act("marc", order.id, "deliver", { version: 3 });
    expect(delivered.body).toMatchObject({ status: "DELIVERED", version: 4, extraOrderId: null });
    expect(delivered.body.lines.map((l: any) => l.receivedQuantity)).toEqual([24, 2]);
    stop();

    const { body } = await client.history("rita", order.id);
    expect(body.events.map((e: any) => [e.type, e.actor.name, e.organization.name])).toEqual([
      ["CREATED", "Marc Martin", "Épicerie Martin"],
      ["ACCEPTED", "Sam Leroy", "Brasserie du Pont"],
      ["SHIPPED", "Dan Morel", "Distribution Nord"],
      ["DELIVERED", "Marc Martin", "Épicerie Martin"],
    ]);
    expect(body.events[1].changes).toEqual({ status: { before: "PENDING", after: "ACCEPTED" } });
    // Every party's screens are told, after each saved change.
    expect(updates.map((u) => [u.status, u.version])).toEqual([["ACCEPTED", 2], ["SHIPPED", 3], ["DELIVERED", 4]]);
    expect(new Set(updates[0].partyOrgIds)).toEqual(
      new Set([demo.org["brasserie-du-pont"], demo.org["epicerie-martin"], demo.org["agence-rep"], demo.org["distribution-nord"]]),
    );
    // The buyer's people heard of the acceptance by email.
    const mails = await getDb().outboxEmail.count({ where: { to: "marc@martin.test", createdAt: { gte: new Date(order.createdAt) } } });
    expect(mails).toBeGreaterThan(0);
  });

  it("rejects or cancels with a reason kept in the history", async () => {
    const rejected = await newOrder();
    const res = await client.act("alice", rejected.id, "reject", { version: 1, reason: "Rupture de stock" });
    expect(res.body).toMatchObject({ status: "REJECTED", actions: [] });
    const history = await client.history("marc", rejected.id);
    expect(history.body.events[1]).toMatchObject({ type: "REJECTED", changes: { reason: "Rupture de stock", status: { before: "PENDING", after: "REJECTED" } } });

    const cancelled = await moveTo(await newOrder(), [["accept", "alice"]]);
    const res2 = await client.act("rita", cancelled.id, "cancel", { version: cancelled.version, reason: "Client fermé" });
    expect(res2.body.status).toBe("CANCELLED");
  });
});

describe("refusals", () => {
  it.each([
    ["accept", [["accept", "alice"]]],
    ["reject", [["accept", "alice"]]],
    ["ship", []],
    ["deliver", [["accept", "alice"]]],
    ["cancel", [["accept", "alice"], ["ship", "alice"]]],
    ["restore", [["accept", "alice"], ["ship", "alice"]]],
    ["accept", [["reject", "alice"]]],
    ["ship", [["cancel", "alice"]]],
  ] as [string, [string, "alice"][]][])("%s after %j answers 409 invalid_transition", async (action, steps) => {
    const order = await moveTo(await newOrder(), steps);
    const res = await client.act("alice", order.id, action, { version: order.version });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("invalid_transition");
    expect((await client.get("alice", order.id)).body.version).toBe(order.version);
  });

  it("answers 409 frozen on an invoiced or paid order", async () => {
    const order = await moveTo(await newOrder(), [["accept", "alice"], ["ship", "alice"], ["deliver", "alice"]]);
    for (const status of ["INVOICED", "PAID"]) {
      await getDb().order.update({ where: { id: order.id }, data: { status } });
      for (const action of ["cancel", "restore", "deliver"]) {
        const res = await client.act("alice", order.id, action, { version: order.version });
        expect(res.status).toBe(409);
        expect(res.body.error.code).toBe("frozen");
      }
    }
  });

  it("answers 403 to the buyer deciding, to an ACCOUNTANT, and to the rep shipping", async () => {
    const order = await newOrder();
    for (const action of ["accept", "reject", "cancel", "restore"]) {
      const res = await client.act("marc", order.id, action, { version: 1 });
      expect(res.status, action).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
    expect((await client.act("anna", order.id, "accept", { version: 1 })).status).toBe(403);
    const accepted = await moveTo(order, [["accept", "alice"]]);
    expect((await client.act("rita", order.id, "ship", { version: accepted.version })).status).toBe(403);
    expect((await client.act("marc", order.id, "ship", { version: accepted.version })).status).toBe(403);
    expect((await client.get("alice", order.id)).body.status).toBe("ACCEPTED");
  });

  it("answers 409 conflict on a stale version, 400 without one, 404 on an unknown action", async () => {
    const order = await moveTo(await newOrder(), [["accept", "alice"]]);
    const stale = await client.act("alice", order.id, "ship", { version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "conflict", message: "The order was modified on another workstation." });
    const noVersion = await client.act("alice", order.id, "ship", {});
    expect(noVersion.status).toBe(400);
    expect(Object.keys(noVersion.body.error.details.fields)).toEqual(["version"]);
    const unknown = await client.act("alice", order.id, "teleport", { version: 2 });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    expect((await client.call("alice", "GET", `/api/v1/orders/${order.id}/accept`)).status).toBe(405);
  });
});

describe("delivery differences", () => {
  it("creates a DELIVERED order for quantities received above the ordered ones, at the same prices and discounts", async () => {
    const order = await moveTo(await newOrder(), [["accept", "alice"], ["ship", "dan"]]);
    const [bottles, kegs] = order.lines;
    const res = await client.act("dan", order.id, "deliver", { version: order.version, received: [{ lineId: bottles.id, quantity: 30 }] });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("DELIVERED");
    expect(res.body.lines.map((l: any) => [l.quantity, l.receivedQuantity])).toEqual([[24, 30], [2, 2]]);
    const extraId = res.body.extraOrderId;
    expect(extraId).toEqual(expect.any(String));

    const extra = (await client.get("marc", extraId)).body;
    expect(extra).toMatchObject({
      status: "DELIVERED",
      number: order.number + 1,
      parentOrderId: order.id,
      seller: { id: demo.org["brasserie-du-pont"] },
      buyer: { id: demo.org["epicerie-martin"] },
      rep: { slug: "agence-rep" },
      distributor: { slug: "distribution-nord" },
      deliveryDate: order.deliveryDate,
      actions: [],
    });
    expect(extra.lines).toMatchObject([
      { formatId: bottle, description: bottles.description, quantity: 6, receivedQuantity: 6, unitPrice4: 18_500, discountBps: 500, taxRateBps: 2000, depositCents: 10 },
    ]);
    expect(extra.totalCents).toBe(computeTotals(extra.lines, { taxesEnabled: true, depositsEnabled: true }).totals.totalCents);
    expect(kegs.receivedQuantity).toBeNull();

    const history = await client.history("alice", extraId);
    expect(history.body.events).toMatchObject([{ type: "CREATED", actor: { name: "Dan Morel" }, changes: { extraOf: { orderId: order.id, number: order.number } } }]);
    const first = await client.history("alice", order.id);
    expect(first.body.events.at(-1).changes).toMatchObject({
      received: [{ lineId: bottles.id, ordered: 24, received: 30 }],
      extraOrder: { orderId: extraId, number: order.number + 1 },
    });
  });

  it("keeps a smaller received quantity on the line (for a credit note later), without another order", async () => {
    const order = await moveTo(await newOrder(), [["accept", "alice"], ["ship", "alice"]]);
    const [bottles, kegs] = order.lines;
    const before = await getDb().order.count();
    const res = await client.act("marc", order.id, "deliver", {
      version: order.version,
      received: [{ lineId: bottles.id, quantity: 20 }, { lineId: kegs.id, quantity: 0 }],
    });
    expect(res.body).toMatchObject({ status: "DELIVERED", extraOrderId: null });
    expect(res.body.lines.map((l: any) => [l.quantity, l.receivedQuantity])).toEqual([[24, 20], [2, 0]]);
    expect(res.body.totalCents).toBe(order.totalCents);
    expect(await getDb().order.count()).toBe(before);
  });

  it("answers 400 naming received lines that are not the order's or quantities out of range", async () => {
    const order = await moveTo(await newOrder(), [["accept", "alice"], ["ship", "alice"]]);
    const other = await newOrder();
    const bad = await client.act("alice", order.id, "deliver", { version: order.version, received: [{ lineId: other.lines[0].id, quantity: 1 }] });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details.fields)).toEqual(["received.0.lineId"]);
    const range = await client.act("alice", order.id, "deliver", { version: order.version, received: [{ lineId: order.lines[0].id, quantity: 1_000_001 }] });
    expect(Object.keys(range.body.error.details.fields)).toEqual(["received.0.quantity"]);
    expect((await client.get("alice", order.id)).body.status).toBe("SHIPPED");
  });
});

describe("restore", () => {
  it("brings back the lines, flags, note and date the buyer submitted", async () => {
    const order = await newOrder(undefined, { note: "Comme d’habitude" });
    const [bottles, kegs] = order.lines;
    const amended = await client.patch("alice", order.id, {
      version: 1,
      note: "Modifiée",
      deliveryDate: daysFromToday(4),
      taxesEnabled: false,
      lines: [{ id: bottles.id, quantity: 100, unitPrice4: 15_000 }, { kind: "FEE", description: "Transport", quantity: 1, unitPrice4: 20_0000 }],
    });
    expect(amended.status).toBe(200);
    const res = await client.act("sam", order.id, "restore", { version: 2 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "PENDING", version: 3, note: "Comme d’habitude", deliveryDate: order.deliveryDate, taxesEnabled: true, totalCents: order.totalCents });
    expect(res.body.lines.map((l: any) => [l.id, l.quantity, l.unitPrice4, l.kind])).toEqual([
      [bottles.id, 24, 18_500, "ITEM"],
      [kegs.id, 2, 1_290_000, "ITEM"],
    ]);
    const { body } = await client.history("marc", order.id);
    const restored = body.events.at(-1);
    expect(restored).toMatchObject({ type: "RESTORED", actor: { name: "Sam Leroy" } });
    expect(restored.changes.lines.changed).toEqual([
      { id: bottles.id, description: bottles.description, changes: { quantity: { before: 100, after: 24 }, unitPrice4: { before: 15_000, after: 18_500 } } },
    ]);
    expect(restored.changes.lines.removed.map((l: any) => l.description)).toEqual(["Transport"]);
    expect(restored.changes.lines.added.map((l: any) => l.id)).toEqual([kegs.id]);
  });
});

describe("expiry", () => {
  it("expires PENDING orders whose delivery date has passed, by the Comptoir system", async () => {
    const pending = await newOrder(undefined, { deliveryDate: daysFromToday(1) });
    const accepted = await moveTo(await newOrder(undefined, { deliveryDate: daysFromToday(1) }), [["accept", "alice"]]);
    const later = await newOrder(undefined, { deliveryDate: daysFromToday(30) });
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000);

    const count = await expireOverdueOrders(inTwoDays);
    expect(count).toBeGreaterThanOrEqual(1);
    const expired = (await client.get("marc", pending.id)).body;
    expect(expired).toMatchObject({ status: "EXPIRED", version: 2, actions: [] });
    expect((await client.get("marc", accepted.id)).body.status).toBe("ACCEPTED");
    expect((await client.get("marc", later.id)).body.status).toBe("PENDING");
    const { body } = await client.history("alice", pending.id);
    expect(body.events.at(-1)).toEqual({
      at: expect.any(String),
      type: "EXPIRED",
      actor: { id: null, name: "Comptoir" },
      organization: { id: null, name: "Comptoir" },
      changes: { status: { before: "PENDING", after: "EXPIRED" } },
    });
    expect(await expireOverdueOrders(inTwoDays)).toBe(0);
  });

  it("runs once from the jobs:expire script, which prints the count", async () => {
    const order = await newOrder(undefined, { deliveryDate: daysFromToday(0) });
    await getDb().order.update({ where: { id: order.id }, data: { deliveryDate: daysFromToday(-1) } });
    const run = spawnSync(process.execPath, ["--import", "tsx", "server/jobs/expire.ts"], { env: process.env, encoding: "utf8", timeout: 60_000 });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Expired \d+ overdue pending orders?\.\n$/);
    expect((await client.get("alice", order.id)).body.status).toBe("EXPIRED");
  });
});
