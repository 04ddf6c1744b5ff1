import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "~/utils/permissions";
import { availableActions, isAllowedFrom, mayAct, ORDER_STATUSES } from "./status-machine";

const P = (role: Role) => ({ role, kind: "PRODUCER" as const });

describe("order status machine", () => {
  it("follows PENDING → ACCEPTED → SHIPPED → DELIVERED", () => {
    expect(availableActions("PENDING", "seller", P("OWNER"))).toEqual(["accept", "reject", "cancel", "amend", "restore"]);
    expect(availableActions("ACCEPTED", "seller", P("OWNER"))).toEqual(["cancel", "amend", "restore", "ship"]);
    expect(availableActions("SHIPPED", "seller", P("OWNER"))).toEqual(["deliver"]);
    expect(availableActions("DELIVERED", "seller", P("OWNER"))).toEqual([]);
  });

  it("never lets the buyer change or cancel an order; it may confirm the delivery", () => {
    for (const status of ORDER_STATUSES) {
      for (const role of ROLES) {
        const actions = availableActions(status, "buyer", { role, kind: "RETAILER" });
        expect(actions.filter((a) => a !== "deliver")).toEqual([]);
      }
    }
    expect(availableActions("SHIPPED", "buyer", { role: "STAFF", kind: "RETAILER" })).toEqual(["deliver"]);
  });

  it("keeps decisions with OWNER, MANAGER and SALES of the seller side", () => {
    expect(ROLES.filter((r) => mayAct("accept", "seller", P(r)))).toEqual(["OWNER", "MANAGER", "SALES"]);
    expect(mayAct("accept", "rep", { role: "SALES", kind: "REP_AGENCY" })).toBe(true);
    expect(mayAct("accept", "seller", P("ACCOUNTANT"))).toBe(false);
    expect(mayAct("ship", "rep", { role: "OWNER", kind: "REP_AGENCY" })).toBe(false);
    expect(mayAct("ship", "distributor", { role: "STAFF", kind: "DISTRIBUTOR" })).toBe(true);
  });

  it("closes final statuses", () => {
    for (const status of ["REJECTED", "CANCELLED", "EXPIRED", "INVOICED", "PAID"]) {
      for (const action of ["accept", "reject", "cancel", "ship", "deliver", "amend", "restore", "expire"] as const) {
        expect(isAllowedFrom(action, status)).toBe(false);
      }
    }
    expect(isAllowedFrom("expire", "PENDING")).toBe(true);
    expect(isAllowedFrom("expire", "ACCEPTED")).toBe(false);
  });
});
