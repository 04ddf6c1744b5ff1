import { describe, expect, it } from "vitest";
import { resolveDayOrders, type CustomerInput, type FormatInfo, type PlacedOrderInput } from "./day-orders";

const formats = new Map<string, FormatInfo>([
  ["baguette", { productId: "p-baguette", description: "Baguette — Pièce", unitPrice4: 12_000, productionWeekdays: "1234567", sliced: false, active: true }],
  ["croissant", { productId: "p-croissant", description: "Croissant — Pièce", unitPrice4: 9_000, productionWeekdays: "67", sliced: false, active: true }],
  ["old", { productId: "p-old", description: "Old — Pièce", unitPrice4: 1, productionWeekdays: "1234567", sliced: false, active: false }],
]);
const MONDAY = "2026-12-07";
const SATURDAY = "2026-12-12";

function customer(name: string, overrides: Partial<CustomerInput> = {}): CustomerInput {
  return {
    relationId: `rel-${name}`,
    customer: { id: `org-${name}`, slug: name, name },
    openWeekdays: "1234567",
    closures: [],
    standing: {
      id: `so-${name}`,
      round: 1,
      roundPosition: 1,
      // The lines of the date's weekday (the loader reads that weekday only).
      lines: [
        { formatId: "baguette", quantity: 10 },
        { formatId: "croissant", quantity: 20 },
        { formatId: "old", quantity: 5 },
      ],
      prices: new Map([["baguette", 11_000]]),
    },
    ...overrides,
  };
}

function placed(name: string, id: string, status: string, createdByOrgId = `org-${name}`): PlacedOrderInput {
  return {
    id, number: 1, status, version: 1, relationId: `rel-${name}`, customer: { id: `org-${name}`, slug: name, name },
    sellerId: "bakery", createdByOrgId, standingOrderId: null,
    lines: [{ formatId: "baguette", description: "Baguette — Pièce", quantity: 3, unitPrice4: 12_000 }],
  };
}

const base = { validated: false, producerClosures: [], placedOrders: [], formats };

describe("resolveDayOrders", () => {
  it("gives each open customer its standing order of the weekday, at its special prices, products made that day only", () => {
    const { orders } = resolveDayOrders({ ...base, date: MONDAY, customers: [customer("anna")] });
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ source: "STANDING", intake: "STANDING", order: null, standingOrderId: "so-anna" });
    // Croissants are made on weekends only; the inactive format is left out.
    expect(orders[0].lines).toEqual([expect.objectContaining({ formatId: "baguette", quantity: 10, unitPrice4: 11_000 })]);
    const saturday = resolveDayOrders({ ...base, date: SATURDAY, customers: [customer("anna")] });
    expect(saturday.orders[0].lines.map((l) => l.formatId)).toEqual(["baguette", "croissant"]);
  });

  it("leaves out closed customers, closed days of the customer and of the producer, and empty weekdays", () => {
    const customers = [
      customer("closed-weekday", { openWeekdays: "23456" }),
      customer("on-holiday", { closures: [{ from: "2026-12-01", to: "2026-12-08" }] }),
      customer("open"),
    ];
    expect(resolveDayOrders({ ...base, date: MONDAY, customers }).orders.map((o) => o.customer.name)).toEqual(["open"]);
    expect(resolveDayOrders({ ...base, date: MONDAY, customers, producerClosures: [{ from: MONDAY, to: MONDAY }] }).orders).toEqual([]);
    const nothingThatDay = customer("open", { standing: { ...customer("open").standing!, lines: [] } });
    expect(resolveDayOrders({ ...base, date: "2026-12-08", customers: [nothingThatDay] }).orders).toEqual([]);
  });

  it("replaces the standing order by an order placed for the date, and names where it comes from", () => {
    const customers = [customer("web"), customer("staff"), customer("rep")];
    const placedOrders = [placed("web", "o1", "PENDING"), placed("staff", "o2", "ACCEPTED", "bakery"), placed("rep", "o3", "PENDING", "rep-agency")];
    const { orders, conflicts } = resolveDayOrders({ ...base, date: MONDAY, customers, placedOrders });
    expect(conflicts).toEqual([]);
    expect(orders.map((o) => [o.customer.name, o.source, o.intake, o.lines[0].quantity])).toEqual([
      ["rep", "REP", "TO_TAKE_IN", 3],
      ["staff", "STAFF", "TAKEN_IN", 3],
      ["web", "WEB", "TO_TAKE_IN", 3],
    ]);
  });

  it("keeps a placed order even on a day the customer is closed", () => {
    const { orders } = resolveDayOrders({ ...base, date: MONDAY, customers: [customer("x", { openWeekdays: "6" })], placedOrders: [placed("x", "o1", "PENDING")] });
    expect(orders.map((o) => o.order?.id)).toEqual(["o1"]);
  });

  it("shows both orders of a customer as a conflict, the taken-in one standing for the day until one is kept", () => {
    const placedOrders = [placed("anna", "first", "ACCEPTED"), placed("anna", "second", "PENDING")];
    const { orders, conflicts } = resolveDayOrders({ ...base, date: MONDAY, customers: [customer("anna")], placedOrders });
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0].orders.map((o) => [o.id, o.intake])).toEqual([["first", "TAKEN_IN"], ["second", "TO_TAKE_IN"]]);
    expect(orders.map((o) => o.order?.id)).toEqual(["first"]);
  });

  it("on a validated date lists the real orders only: no standing order is computed any more", () => {
    const made = { ...placed("anna", "made", "ACCEPTED", "bakery"), standingOrderId: "so-anna" };
    const { orders } = resolveDayOrders({ ...base, validated: true, date: MONDAY, customers: [customer("anna"), customer("bob")], placedOrders: [made] });
    expect(orders.map((o) => [o.customer.name, o.source, o.order?.id])).toEqual([["anna", "STANDING", "made"]]);
  });

  it("sorts by round, then place in the round, then name", () => {
    const customers = [
      customer("c", { standing: { ...customer("c").standing!, round: 0, roundPosition: 5 } }),
      customer("b", { standing: { ...customer("b").standing!, round: 0, roundPosition: 2 } }),
      customer("a", { standing: { ...customer("a").standing!, round: 2, roundPosition: 1 } }),
    ];
    expect(resolveDayOrders({ ...base, date: MONDAY, customers }).orders.map((o) => o.customer.name)).toEqual(["b", "c", "a"]);
  });
});
