// Publishing invoices through the JSON API: the frozen copy, the gapless numbers under concurrent
// publications, the freeze (409 frozen in the services, triggers in the database), who may publish and
// read, automatic publication on delivery, and the hash chain checked by `npm run verify-ledger`.
import { spawnSync } from "node:child_process";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { sqliteFilePath } from "~/utils/migrate.server";
import { getDb } from "~/utils/db.server";
import { createOrderRecords, type OrderRecordInput } from "../factories/orders";
import { useTestServer, type TestServer } from "../setup/http";
import { daysFromToday, loadDemo, ordersClient, type Demo, type OrdersClient } from "../setup/orders-api";

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

/** Delivered orders of Épicerie Martin (rep Agence Rep, distributor Distribution Nord) at the brasserie. */
async function deliveredOrders(count: number, lines: OrderRecordInput["lines"] = [{ format: bottle, quantity: 24 }, { format: keg, quantity: 2 }]) {
  const inputs: OrderRecordInput[] = Array.from({ length: count }, () => ({
    sellerId: demo.org["brasserie-du-pont"],
    buyerId: demo.org["epicerie-martin"],
    status: "DELIVERED",
    distribution: "DISTRIBUTOR",
    deliveryDate: daysFromToday(-1),
    lines,
  }));
  return createOrderRecords(getDb(), inputs);
}

function publish(who: Parameters<OrdersClient["call"]>[0], order: { id: string; version?: number }) {
  return client.call(who, "POST", `/api/v1/orders/${order.id}/invoice`, { version: order.version ?? 1 });
}

function verifyLedger() {
  const run = spawnSync(process.execPath, ["--import", "tsx", "server/jobs/verify-ledger.ts"], { env: { ...process.env }, encoding: "utf8" });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

describe("publishing an invoice", () => {
  it("copies the delivered order into a numbered invoice, freezes the order and records it", async () => {
    const [order] = await deliveredOrders(1, [{ format: bottle, quantity: 24, receivedQuantity: 20 }, { format: keg, quantity: 2 }]);
    const before = (await client.get("alice", order.id)).body;
    expect(before).toMatchObject({ status: "DELIVERED", invoice: null });

    const res = await publish("anna", before);
    expect(res.status).toBe(201);
    const invoice = res.body;
    const year = new Date().getFullYear();
    expect(invoice).toMatchObject({
      orderId: order.id,
      status: "ISSUED",
      totalCents: before.totalCents,
      creditedCents: 0,
      paidCents: 0,
      balanceCents: before.totalCents,
      subtotalCents: before.subtotalCents,
      discountCents: before.discountCents,
      taxCents: before.taxCents,
      depositCents: before.depositCents,
      paymentTermsDays: 30,
      chainPosition: expect.any(Number),
    });
    expect(invoice.number).toMatch(new RegExp(`^F-${year}-\\d{6}$`));
    // The frozen lines keep the ids of the order lines, their prices and the received quantities.
    expect(invoice.lines.map((l: any) => [l.id, l.quantity, l.unitPrice4, l.discountBps, l.totalCents, l.receivedQuantity])).toEqual(
      before.lines.map((l: any) => [l.id, l.quantity, l.unitPrice4, l.discountBps, l.totalCents, l.receivedQuantity]),
    );
    // Due date: today + the relation's 30 days; the parties as they are now.
    const due = new Date(`${daysFromToday(0)}T00:00:00Z`);
    due.setUTCDate(due.getUTCDate() + 30);
    expect(invoice.dueDate).toBe(due.toISOString().slice(0, 10));
    expect(invoice.seller).toMatchObject({ id: demo.org["brasserie-du-pont"], name: "Brasserie du Pont" });
    expect(invoice.buyer).toMatchObject({ id: demo.org["epicerie-martin"], name: "Épicerie Martin" });
    expect(invoice.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const after = (await client.get("alice", order.id)).body;
    expect(after).toMatchObject({
      status: "INVOICED",
      version: before.version + 1,
      invoice: { id: invoice.id, number: invoice.number, status: "ISSUED", totalCents: invoice.totalCents, balanceCents: invoice.totalCents },
    });
    const history = (await client.history("alice", order.id)).body.events;
    expect(history.find((e: any) => e.type === "INVOICED")).toMatchObject({
      type: "INVOICED",
      organization: { name: "Brasserie du Pont" },
      changes: { status: { before: "DELIVERED", after: "INVOICED" }, invoice: { id: invoice.id, number: invoice.number } },
    });
    // The retailer's owner reads it; publishing again is no transition.
    expect((await client.call("marc", "GET", `/api/v1/invoices/${invoice.id}`)).body).toMatchObject({ id: invoice.id, viewerSide: "buyer", actions: [] });
    const again = await publish("anna", after);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("invalid_transition");
  });

  it("emails the retailer's owner with the PDF attached, and the seller's accountant when the rep publishes", async () => {
    const [order] = await deliveredOrders(1);
    const res = await client.call("rita", "POST", `/api/v1/orders/${order.id}/invoice`, { version: order.version ?? 1 });
    expect(res.status).toBe(201);
    const mails = await getDb().outboxEmail.findMany({ where: { template: "invoice-published", props: { contains: res.body.number } } });
    // The retailer's STAFF does not follow the bills; the brasserie's OWNER and ACCOUNTANT do, since its rep acted.
    expect(mails.map((m) => m.to).sort()).toEqual(["alice@brasserie.test", "anna@brasserie.test", "marc@martin.test"]);
    const marc = mails.find((m) => m.to === "marc@martin.test")!;
    expect(marc.subject).toContain(res.body.number);
    expect(JSON.parse(marc.props ?? "{}")).toMatchObject({ orderNumber: order.number, $attachments: [{ kind: "invoice-pdf", id: res.body.id }] });
  });

  it("settles an invoice of nothing to pay at once: the invoice and its order are PAID", async () => {
    const [order] = await deliveredOrders(1, [{ format: bottle, quantity: 0 }]);
    const res = await publish("alice", order);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ totalCents: 0, balanceCents: 0, status: "PAID" });
    const after = (await client.get("alice", order.id)).body;
    expect(after).toMatchObject({ status: "PAID", version: (order.version ?? 1) + 2 });
    const types = (await client.history("alice", order.id)).body.events.map((e: any) => e.type);
    expect(types).toEqual(expect.arrayContaining(["INVOICED", "PAID"]));
  });

  it("gives 20 orders published at once 20 consecutive numbers, without a gap or a duplicate", async () => {
    const orders = await deliveredOrders(20);
    const results = await Promise.all(orders.map((o) => publish("alice", { id: o.id, version: o.version })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const sequences = results.map((r) => Number(r.body.number.slice(-6))).sort((a, b) => a - b);
    expect(new Set(sequences).size).toBe(20);
    expect(sequences.at(-1)! - sequences[0]).toBe(19);
    // The chain positions are consecutive too, each linked to the one before.
    const positions = results.map((r) => r.body.chainPosition).sort((a, b) => a - b);
    expect(positions.at(-1) - positions[0]).toBe(19);
  });

  it("refuses what is not a delivered order, a stale version, the edit lock and the wrong people", async () => {
    const [order] = await deliveredOrders(1);
    expect((await publish("alice", { id: order.id, version: (order.version ?? 1) + 5 })).body.error.code).toBe("conflict");
    // The retailer, a retailer's staff and the brasserie's sales person may not publish; a stranger does not see the order.
    expect((await publish("marc", order)).status).toBe(403);
    expect((await publish("sam", order)).status).toBe(403);
    expect((await publish("gaston", order)).status).toBe(404);
    expect((await publish("alice", { id: "no-such-order", version: 1 })).status).toBe(404);
    expect((await client.call("alice", "POST", `/api/v1/orders/${order.id}/invoice`, { version: "x" })).body.error.code).toBe("validation_failed");

    const shipped = await createOrderRecords(getDb(), [
      { sellerId: demo.org["brasserie-du-pont"], buyerId: demo.org["epicerie-martin"], status: "SHIPPED", deliveryDate: daysFromToday(0), lines: [{ format: bottle, quantity: 6 }] },
    ]);
    const early = await publish("alice", shipped[0]);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("invalid_transition");

    // The distributor's owner takes part on the seller side: it may publish, by role.
    expect((await publish("dan", order)).status).toBe(201);
  });

  it("waits for the holder of the edit lock", async () => {
    const [order] = await createOrderRecords(getDb(), [
      { sellerId: demo.org["brasserie-du-pont"], buyerId: demo.org["epicerie-martin"], status: "DELIVERED", deliveryDate: daysFromToday(-1), lines: [{ format: bottle, quantity: 6 }] },
    ]);
    await getDb().order.update({ where: { id: order.id }, data: { lockedById: (await getDb().user.findUniqueOrThrow({ where: { email: "sam@brasserie.test" } })).id, lockedUntil: new Date(Date.now() + 60_000) } });
    const res = await publish("alice", order);
    expect(res.status).toBe(423);
    expect(res.body.error.details.lockedBy.name).toBeTruthy();
  });
});

describe("the invoice freezes the order", () => {
  it("answers 409 frozen to changes, transitions and the edit lock", async () => {
    const [order] = await deliveredOrders(1);
    const invoice = (await publish("alice", order)).body;
    const current = (await client.get("alice", order.id)).body;
    const patch = await client.patch("alice", order.id, { version: current.version, note: "changed" });
    expect(patch.status).toBe(409);
    expect(patch.body.error.code).toBe("frozen");
    for (const action of ["cancel", "restore", "deliver"]) {
      const res = await client.act("alice", order.id, action, { version: current.version });
      expect([res.status, res.body.error.code]).toEqual([409, "frozen"]);
    }
    const lock = await client.lock("alice", order.id);
    expect([lock.status, lock.body.error.code]).toEqual([409, "frozen"]);
    expect((await client.get("alice", order.id)).body.invoice.id).toBe(invoice.id);
  });

  it("is enforced by the database itself", async () => {
    const [order] = await deliveredOrders(1);
    const invoice = (await publish("alice", order)).body;
    const sqlite = new Database(sqliteFilePath(process.env.DATABASE_URL!));
    try {
      const refused = (sql: string, ...args: unknown[]) => expect(() => sqlite.prepare(sql).run(...args)).toThrow(/frozen/);
      refused(`UPDATE "Order" SET "note" = 'x' WHERE "id" = ?`, order.id);
      refused(`UPDATE "Order" SET "totalCents" = 1 WHERE "id" = ?`, order.id);
      refused(`UPDATE "Order" SET "status" = 'CANCELLED' WHERE "id" = ?`, order.id);
      refused(`UPDATE "OrderLine" SET "quantity" = 1 WHERE "orderId" = ?`, order.id);
      refused(`DELETE FROM "OrderLine" WHERE "orderId" = ?`, order.id);
      refused(
        `INSERT INTO "OrderLine" ("id", "orderId", "position", "kind", "description", "quantity", "unitPrice4") VALUES ('x', ?, 9, 'FEE', 'x', 1, 100)`,
        order.id,
      );
      refused(`UPDATE "Invoice" SET "totalCents" = 1 WHERE "id" = ?`, invoice.id);
      refused(`UPDATE "Invoice" SET "seller" = '{}' WHERE "id" = ?`, invoice.id);
      refused(`DELETE FROM "Invoice" WHERE "id" = ?`, invoice.id);
      refused(`UPDATE "InvoiceLine" SET "quantity" = 1 WHERE "invoiceId" = ?`, invoice.id);
      refused(`DELETE FROM "InvoiceLine" WHERE "invoiceId" = ?`, invoice.id);
      // What settlement and the lease need still moves.
      sqlite.prepare(`UPDATE "Invoice" SET "paidCents" = "paidCents", "balanceCents" = "balanceCents", "updatedAt" = "updatedAt" WHERE "id" = ?`).run(invoice.id);
      sqlite.prepare(`UPDATE "Order" SET "version" = "version" + 1, "lockedById" = NULL WHERE "id" = ?`).run(order.id);
      sqlite.prepare(`UPDATE "Order" SET "status" = 'PAID' WHERE "id" = ?`).run(order.id);
      sqlite.prepare(`UPDATE "Order" SET "status" = 'INVOICED' WHERE "id" = ?`).run(order.id);
    } finally {
      sqlite.close();
    }
  });
});

describe("automatic publication on delivery", () => {
  it("publishes the invoice when the seller asks for it, in the delivery's transaction", async () => {
    const seller = demo.org["brasserie-du-pont"];
    await getDb().organization.update({ where: { id: seller }, data: { autoInvoiceOnDelivery: true } });
    try {
      const [order] = await createOrderRecords(getDb(), [
        { sellerId: seller, buyerId: demo.org["epicerie-martin"], status: "SHIPPED", distribution: "DISTRIBUTOR", deliveryDate: daysFromToday(0), lines: [{ format: bottle, quantity: 12 }] },
      ]);
      const delivered = await client.act("marc", order.id, "deliver", { version: order.version, received: [{ lineId: order.lines[0].id, quantity: 10 }] });
      expect(delivered.status).toBe(200);
      expect(delivered.body).toMatchObject({ status: "INVOICED", invoice: { status: "ISSUED" } });
      const invoice = (await client.call("alice", "GET", `/api/v1/invoices/${delivered.body.invoice.id}`)).body;
      expect(invoice.lines[0]).toMatchObject({ quantity: 12, receivedQuantity: 10 });
      const types = (await client.history("alice", order.id)).body.events.map((e: any) => e.type);
      expect(types).toEqual(expect.arrayContaining(["DELIVERED", "INVOICED"]));
    } finally {
      await getDb().organization.update({ where: { id: seller }, data: { autoInvoiceOnDelivery: false } });
    }
  });
});

describe("reading an invoice", () => {
  it("is for the seller side and the retailer's owner and accountant; 404 for others", async () => {
    const [order] = await deliveredOrders(1);
    const invoice = (await publish("alice", order)).body;
    const path = `/api/v1/invoices/${invoice.id}`;
    expect((await client.call("alice", "GET", path)).body.actions).toEqual(["cancel", "creditNote", "recordPayment"]);
    expect((await client.call("rita", "GET", path)).body.viewerSide).toBe("rep");
    expect((await client.call("dan", "GET", path)).body.viewerSide).toBe("distributor");
    expect((await client.call("sophie", "GET", path)).status).toBe(403);
    expect((await client.call("chloe", "GET", path)).status).toBe(404);
    expect((await client.call("bruno", "GET", path)).status).toBe(404);
    expect((await client.call("alice", "GET", "/api/v1/invoices/nope")).status).toBe(404);
  });

  it("shows the invoice's summary on the order and in the lists, except to those who may not read invoices", async () => {
    const [order] = await deliveredOrders(1);
    const invoice = (await publish("alice", order)).body;
    const summary = { id: invoice.id, number: invoice.number, status: "ISSUED", totalCents: invoice.totalCents, balanceCents: invoice.totalCents };
    expect((await client.get("alice", order.id)).body.invoice).toEqual(summary);
    const listed = (await client.list("marc", { view: "unpaid", limit: "200" })).body.orders.find((o: any) => o.id === order.id);
    expect(listed.invoice).toEqual(summary);
    // Sophie (STAFF at the retailer) follows the order, not its invoice.
    expect((await client.get("sophie", order.id)).body).toMatchObject({ status: "INVOICED", invoice: null });
    const hers = (await client.list("sophie", { view: "unpaid", limit: "200" })).body.orders.find((o: any) => o.id === order.id);
    expect(hers).toMatchObject({ status: "INVOICED", invoice: null });
  });
});

describe("npm run verify-ledger", () => {
  it("says OK on an untouched chain and names the first altered document", async () => {
    const [a, b] = await deliveredOrders(2);
    await publish("alice", a);
    const second = (await publish("alice", b)).body;
    const ok = verifyLedger();
    expect(ok.status, ok.out).toBe(0);
    expect(ok.out).toMatch(/^OK: \d+ seller chains?, \d+ invoices?, \d+ credit notes? verified\./m);

    // Someone with the database file rewrites an amount behind the application's back.
    const sqlite = new Database(sqliteFilePath(process.env.DATABASE_URL!));
    const trigger = sqlite.prepare(`SELECT "sql" FROM sqlite_master WHERE "name" = 'Invoice_frozen_update'`).get() as { sql: string };
    try {
      sqlite.exec(`DROP TRIGGER "Invoice_frozen_update"`);
      sqlite.prepare(`UPDATE "Invoice" SET "totalCents" = "totalCents" - 100 WHERE "id" = ?`).run(second.id);
    } finally {
      sqlite.exec(trigger.sql);
      sqlite.close();
    }
    const broken = verifyLedger();
    expect(broken.status).toBe(1);
    expect(broken.out).toContain("Brasserie du Pont");
    expect(broken.out).toContain(`position ${second.chainPosition}`);
    expect(broken.out).toContain(second.number);
    expect(broken.out).toMatch(/content differs/);
  });
});
