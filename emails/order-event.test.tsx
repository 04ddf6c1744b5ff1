import { render } from "@react-email/render";
import { describe, expect, it } from "vitest";
import OrderEventEmail, { orderEventSubject, type OrderEventEmailProps, type OrderEventType } from "./order-event";

const TYPES: OrderEventType[] = ["PLACED", "ACCEPTED", "REJECTED", "SHIPPED", "DELIVERED"];
const base: Omit<OrderEventEmailProps, "type" | "language"> = {
  orderNumber: 12,
  sellerName: "Brasserie du Pont",
  buyerName: "Épicerie Martin",
  actorOrgName: "Agence Rep",
  deliveryDate: "15 juin 2030",
  total: "1 234,56 €",
  url: "http://localhost:3000/o/agence-rep/orders/abc",
};

describe("order event email", () => {
  it.each(TYPES.flatMap((type) => (["fr", "en"] as const).map((language) => [type, language] as const)))("%s in %s", async (type, language) => {
    const props = { ...base, type, language };
    const text = await render(OrderEventEmail(props), { plainText: true });
    expect(orderEventSubject(props)).toContain("12");
    for (const expected of ["Brasserie du Pont", "Épicerie Martin", "15 juin 2030", "1 234,56 €", base.url]) expect(text).toContain(expected);
    expect(text).toContain(language === "fr" ? "Voir la commande" : "See the order");
  });

  it("has a different subject per event and language", () => {
    const subjects = TYPES.flatMap((type) => (["fr", "en"] as const).map((language) => orderEventSubject({ ...base, type, language })));
    expect(new Set(subjects).size).toBe(subjects.length);
  });
});
