// Defects the fuzz suite (tests/integration/fuzz.test.ts) found, each pinned by the smallest request
// that showed it.
import { describe, expect, it } from "vitest";
import { api, apiToken, useTestServer } from "../setup/http";

describe("fuzz findings", () => {
  it("answers a write method on a read-only API route with the contract's JSON 405, without a stack", async () => {
    const server = await useTestServer();
    const token = await apiToken(server, "alice@brasserie.test", "brasserie-du-pont");
    for (const pathname of ["/api/v1/me", "/api/v1/openapi.json"]) {
      for (const method of ["PATCH", "POST", "DELETE"]) {
        const res = await api(server, method, pathname, { token, body: {} });
        expect(res.status, `${method} ${pathname}`).toBe(405);
        expect(res.body.error.code, `${method} ${pathname}`).toBe("validation_failed");
        expect(res.headers.get("allow")).toBe("GET");
        expect(JSON.stringify(res.body)).not.toMatch(/stack|at .*\.js/);
      }
    }
  });
});
