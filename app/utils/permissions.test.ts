import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES, ORG_KINDS } from "./permissions";

describe("permission matrix", () => {
  it("lets an owner do everything its kind of organization does", () => {
    for (const action of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
      const rule = PERMISSIONS[action] as { kinds?: readonly string[] };
      const kind = rule.kinds?.[0] ?? "PRODUCER";
      expect(can({ role: "OWNER", kind: kind as never }, action), action).toBe(true);
    }
  });

  it("keeps the catalog in producers' hands", () => {
    expect(can({ role: "SALES", kind: "PRODUCER" }, "catalog:write")).toBe(true);
    expect(can({ role: "ACCOUNTANT", kind: "PRODUCER" }, "catalog:write")).toBe(false);
    expect(can({ role: "OWNER", kind: "RETAILER" }, "catalog:write")).toBe(false);
    expect(can({ role: "STAFF", kind: "RETAILER" }, "catalog:read")).toBe(true);
  });

  it("shows invoices on the retailer side to OWNER and ACCOUNTANT only", () => {
    const retailerRoles = ROLES.filter((role) => can({ role, kind: "RETAILER" }, "invoice:read"));
    expect(retailerRoles).toEqual(["OWNER", "ACCOUNTANT"]);
    expect(can({ role: "SALES", kind: "PRODUCER" }, "invoice:read")).toBe(true);
  });

  it("lets only owners and managers manage members, in every kind", () => {
    for (const kind of ORG_KINDS) {
      expect(ROLES.filter((role) => can({ role, kind }, "member:invite"))).toEqual(["OWNER", "MANAGER"]);
    }
  });

  it("never lets the buyer side amend orders or issue credit notes", () => {
    for (const role of ROLES) {
      expect(can({ role, kind: "RETAILER" }, "order:amend")).toBe(false);
      expect(can({ role, kind: "RETAILER" }, "credit-note:create")).toBe(false);
    }
  });
});
