import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { api, apiToken, useTestServer } from "../setup/http";

describe("API tokens", () => {
  it("creates a token bound to one membership and answers /me with it", async () => {
    const server = await useTestServer();
    const res = await api(server, "POST", "/api/v1/auth/token", {
      body: { email: "sam@brasserie.test", password: "comptoir-demo", organization: "brasserie-du-pont" },
    });
    expect(res.status).toBe(201);
    expect(res.body.organization).toMatchObject({ slug: "brasserie-du-pont", name: "Brasserie du Pont", kind: "PRODUCER" });
    expect(res.body.role).toBe("SALES");
    const me = await api(server, "GET", "/api/v1/me", { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { email: "sam@brasserie.test", name: "Sam Leroy" }, role: "SALES" });
  });

  it("answers 401 on wrong credentials or an organization the user is not in", async () => {
    const server = await useTestServer();
    const wrong = await api(server, "POST", "/api/v1/auth/token", {
      body: { email: "sam@brasserie.test", password: "nope-nope", organization: "brasserie-du-pont" },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("unauthenticated");
    const foreign = await api(server, "POST", "/api/v1/auth/token", {
      body: { email: "sam@brasserie.test", password: "comptoir-demo", organization: "cafe-central" },
    });
    expect(foreign.status).toBe(401);
  });

  it("answers 400 validation_failed naming the fields for a bad body, and for a body that is not JSON", async () => {
    const server = await useTestServer();
    const bad = await api(server, "POST", "/api/v1/auth/token", { body: { email: "not-an-email", organization: 42 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation_failed");
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(["email", "organization", "password"]);
    const notJson = await api(server, "POST", "/api/v1/auth/token", { rawBody: "{email:" });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe("validation_failed");
  });

  it("revokes the current token with DELETE: it then answers 401", async () => {
    const server = await useTestServer();
    const token = await apiToken(server, "chloe@central.test", "cafe-central");
    expect((await api(server, "DELETE", "/api/v1/auth/token", { token })).status).toBe(204);
    const after = await api(server, "GET", "/api/v1/me", { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("unauthenticated");
  });

  it("answers 401 without a token and a JSON 404 on an unknown API path", async () => {
    const server = await useTestServer();
    expect((await api(server, "GET", "/api/v1/me")).status).toBe(401);
    const unknown = await api(server, "GET", "/api/v1/nothing-here");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
  });

  it("rate-limits the token endpoint after 10 failures for one email (429)", async () => {
    const server = await useTestServer();
    const body = { email: "gaston@gare.test", password: "wrong-password", organization: "bistro-gare" };
    for (let i = 0; i < 10; i++) expect((await api(server, "POST", "/api/v1/auth/token", { body })).status).toBe(401);
    const blocked = await api(server, "POST", "/api/v1/auth/token", { body: { ...body, password: "comptoir-demo" } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe("rate_limited");
  });
});

describe("OpenAPI document", () => {
  it("lists every route file of the API", async () => {
    const server = await useTestServer();
    const res = await api(server, "GET", "/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    const documented = Object.keys(res.body.paths);
    const routeFiles = fs.readdirSync(path.resolve("app/routes")).filter((f) => f.startsWith("api.v1.") && !f.startsWith("api.v1.$"));
    expect(routeFiles.length).toBeGreaterThan(0);
    for (const file of routeFiles) {
      const apiPath =
        "/" +
        file
          .replace(/\.tsx?$/, "")
          .replace(/\[\.\]/g, "\u0000")
          .split(".")
          .map((segment) => (segment.startsWith("$") ? `{${segment.slice(1)}}` : segment))
          .join("/")
          .replace(/\u0000/g, ".")
          .replace(/\/_index$/, "");
      expect(documented, `${file} → ${apiPath}`).toContain(apiPath);
    }
  });

  it("describes request bodies from the zod schemas", async () => {
    const server = await useTestServer();
    const res = await api(server, "GET", "/api/v1/openapi.json");
    const schema = res.body.paths["/api/v1/auth/token"].post.requestBody.content["application/json"].schema;
    expect(schema.required).toEqual(expect.arrayContaining(["email", "password", "organization"]));
  });
});
