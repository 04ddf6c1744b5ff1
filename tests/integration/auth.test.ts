import { describe, expect, it } from "vitest";
import { PageClient, useTestServer } from "../setup/http";

describe("log-in, log-out and the session cookie", () => {
  it("logs in with the demo password and lands on the organization's home", async () => {
    const server = await useTestServer();
    const client = new PageClient(server);
    const res = await client.post("/login", { email: "alice@brasserie.test", password: "comptoir-demo" });
    expect(res.status).toBe(302);
    const home = await client.get("/");
    expect(home.location).toBe("/o/brasserie-du-pont");
    const page = await client.get("/o/brasserie-du-pont");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Alice Dupont");
  });

  it("sets an httpOnly, SameSite=Lax session cookie", async () => {
    const server = await useTestServer();
    const res = await fetch(`${server.baseUrl}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=marc%40martin.test&password=comptoir-demo",
      redirect: "manual",
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("comptoir_session="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("shows an inline error on a wrong password and keeps the email typed", async () => {
    const server = await useTestServer();
    const client = new PageClient(server);
    const res = await client.post("/login", { email: "chloe@central.test", password: "wrong-password" }, { "Accept-Language": "en" });
    expect(res.status).toBe(401);
    expect(res.html).toContain("Wrong email or password.");
    expect(res.html).toContain('value="chloe@central.test"');
  });

  it("refuses a cross-origin form post", async () => {
    const server = await useTestServer();
    const res = await fetch(`${server.baseUrl}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
      body: "email=alice%40brasserie.test&password=comptoir-demo",
      redirect: "manual",
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("logs out: the old cookie no longer opens pages", async () => {
    const server = await useTestServer();
    const client = new PageClient(server);
    await client.login("dan@nord.test");
    expect((await client.get("/o/distribution-nord")).status).toBe(200);
    await client.post("/logout", {});
    const after = await client.get("/o/distribution-nord");
    expect(after.status).toBe(302);
    expect(after.location).toMatch(/^\/login/);
  });

  it("answers 429 on the log-in page after 10 failures for one email, even with the right password", async () => {
    const server = await useTestServer();
    const client = new PageClient(server);
    for (let i = 0; i < 10; i++) {
      const res = await client.post("/login", { email: "rita@rep.test", password: `wrong-${i}` });
      expect(res.status).toBe(401);
    }
    const blocked = await client.post("/login", { email: "rita@rep.test", password: "comptoir-demo" }, { "Accept-Language": "fr" });
    expect(blocked.status).toBe(429);
    expect(blocked.html).toContain("Trop de tentatives échouées");
    // Another account from the same address is not blocked by it.
    expect((await client.post("/login", { email: "dan@nord.test", password: "comptoir-demo" })).status).toBe(302);
  });
});
