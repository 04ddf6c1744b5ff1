// The day orders of a date, loaded from the database: standing orders of open customers, replaced
// by an order placed for that date; the customer's and the producer's closures; the version of the
// standing order that applies on the date.
import { beforeAll, describe, expect, it } from "vitest";
import { loadDayOrders } from "~/modules/bakery/day-orders.server";
import { getDb } from "~/utils/db.server";
import { createBakeryCustomer, createBakeryProducer, writeStandingOrder, type BakeryFormat } from "../factories/bakery";
import { insertOrder } from "../setup/insert-order";

const MONDAY = "2027-01-04";
let producerId = "";
let baker = { id: "", name: "" };
let formats: BakeryFormat[] = [];
const customers: Record<string, Awaited<ReturnType<typeof createBakeryCustomer>>> = {};

beforeAll(async () => {
  const bakery = await createBakeryProducer();
  producerId = bakery.producer.id;
  baker = { id: bakery.users[0].user.id, name: bakery.users[0].user.name };
  formats = bakery.formats;
  for (const name of ["Alpha", "Bravo", "Charlie", "Delta"]) customers[name] = await createBakeryCustomer(producerId, { name });
  for (const [i, name] of ["Alpha", "Bravo", "Charlie", "Delta"].entries()) {
    await writeStandingOrder({ relationId: customers[name].relation.id, createdBy: baker, round: 1, roundPosition: 4 - i, weekdays: { 1: [{ formatId: formats[0].id, quantity: 10 + i }] } });
  }
  // Bravo changes its standing order from the Monday after: the old one applies until then.
  await writeStandingOrder({ relationId: customers.Bravo.relation.id, createdBy: baker, effectiveFrom: "2027-01-11", round: 1, roundPosition: 3, weekdays: { 1: [{ formatId: formats[0].id, quantity: 99 }] } });
  // Charlie is closed that week; Delta placed an order on the web for that Monday.
  await getDb().deliveryClosure.create({ data: { producerId, relationId: customers.Charlie.relation.id, from: "2027-01-01", to: "2027-01-05", note: "Congés" } });
  await insertOrder({
    seller: bakery.producer.slug,
    buyer: customers.Delta.org.slug,
    createdBy: customers.Delta.user.email,
    deliveryDate: MONDAY,
    lines: [{ formatId: formats[2].id, description: "Croissant — Pièce", quantity: 7, unitPrice4: formats[2].unitPrice4 }],
  });
});

describe("day orders of a date", () => {
  it("are the standing orders of open customers, in round order, unless an order was placed", async () => {
    const day = await loadDayOrders(getDb(), producerId, MONDAY);
    expect(day.validated).toBe(false);
    expect(day.orders.map((o) => [o.customer.name, o.source, o.lines.map((l) => l.quantity)])).toEqual([
      ["Delta", "WEB", [7]],
      ["Bravo", "STANDING", [11]],
      ["Alpha", "STANDING", [10]],
    ]);
    const next = await loadDayOrders(getDb(), producerId, "2027-01-11");
    expect(next.orders.find((o) => o.customer.name === "Bravo")?.lines[0].quantity).toBe(99);
  });

  it("are empty on a day the producer is closed, but for orders placed for it", async () => {
    await getDb().deliveryClosure.create({ data: { producerId, from: "2027-01-18", to: "2027-01-18", note: "Fermeture" } });
    const day = await loadDayOrders(getDb(), producerId, "2027-01-18");
    expect(day.orders).toEqual([]);
  });

  it("for one buyer, show that buyer's day order only", async () => {
    const day = await loadDayOrders(getDb(), producerId, MONDAY, { buyerId: customers.Alpha.org.id });
    expect(day.orders.map((o) => o.customer.name)).toEqual(["Alpha"]);
  });
});

describe("differences on the day orders", () => {
  it("are applied to the customer's day order until the date is validated, and kept for a customer with nothing standing", async () => {
    const date = "2027-01-25"; // a Monday
    const add = (relationId: string, retailerId: string, lines: { formatId: string; delta: number }[]) =>
      getDb().deliveryDifference.create({ data: { producerId, relationId, retailerId, date, lines: JSON.stringify(lines), createdById: baker.id, createdByName: baker.name } });
    await add(customers.Alpha.relation.id, customers.Alpha.org.id, [{ formatId: formats[0].id, delta: -3 }, { formatId: formats[1].id, delta: 2 }]);
    await add(customers.Charlie.relation.id, customers.Charlie.org.id, [{ formatId: formats[1].id, delta: 4 }]);
    const day = await loadDayOrders(getDb(), producerId, date);
    const alpha = day.orders.find((o) => o.customer.name === "Alpha")!;
    expect(alpha.lines.map((l) => [l.formatId, l.quantity])).toEqual([[formats[0].id, 7], [formats[1].id, 2]]);
    expect(alpha.differences).toHaveLength(1);
    expect(day.orders.find((o) => o.customer.name === "Bravo")?.differences).toEqual([]);
    expect(day.differences).toHaveLength(2);

    await getDb().deliveryDay.create({ data: { producerId, date, validatedAt: new Date(), validatedById: baker.id, validatedByName: baker.name } });
    const validated = await loadDayOrders(getDb(), producerId, date);
    // A validated date's day orders are its real orders (none were made here): nothing is applied twice.
    expect(validated.orders).toEqual([]);
  });
});
