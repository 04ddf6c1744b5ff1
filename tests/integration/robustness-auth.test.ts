// Issue 10, accounts: the mail viewer is a local development tool, demo data only when DEMO_DATA is on,
// rate limits on password reset / sign-up / the token endpoint (shared by instances), no account
// enumeration by timing, and session ids stored as their SHA-256.
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { logIn } from "~/modules/auth/auth.server";
import { RATE_LIMITS } from "~/modules/auth/rate-limit.server";
import { isLoopbackAddress } from "~/modules/notify/dev-mail.server";
import { getDb } from "~/utils/db.server";
import { ConfigError, demoDataByDefault, getEnv, parseEnv } from "~/utils/env.server";
import { createServer } from "../../server/app";
import { SERVER_BUILD } from "../../server/build";
import { createUser } from "../factories";
import { api, apiToken, PageClient, useTestServer, type TestServer } from "../setup/http";
import { startServerProcess, type StartedServer } from "../setup/server-process";

function tmpDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), "comptoir-auth-"));
}

beforeEach(async () => {
  // Every request of this file comes from 127.0.0.1: start each test with no count against it.
  await getDb().rateLimitHit.deleteMany();
});

describe("mail viewer (/dev/mail)", () => {
  it("is off unless NODE_ENV=development or MAIL_VIEWER=on (on/off/true/false/1/0)", () => {
    expect(parseEnv({ DATA_DIR: tmpDir() }).mailViewer).toBe(false);
    expect(parseEnv({ DATA_DIR: tmpDir(), NODE_ENV: "production" }).mailViewer).toBe(false);
    expect(parseEnv({ DATA_DIR: tmpDir(), NODE_ENV: "development" }).mailViewer).toBe(true);
    expect(parseEnv({ DATA_DIR: tmpDir(), MAIL_VIEWER: "on" }).mailViewer).toBe(true);
    expect(parseEnv({ DATA_DIR: tmpDir(), MAIL_VIEWER: "1" }).mailViewer).toBe(true);
    expect(parseEnv({ DATA_DIR: tmpDir(), NODE_ENV: "development", MAIL_VIEWER: "off" }).mailViewer).toBe(false);
    expect(() => parseEnv({ DATA_DIR: tmpDir(), MAIL_VIEWER: "maybe" })).toThrow(ConfigError);
    expect(() => parseEnv({ DATA_DIR: tmpDir(), MAIL_VIEWER: "maybe" })).toThrow(/MAIL_VIEWER/);
  });

  it("answers 404 to a logged-in user when it is off (the default outside npm run dev), and the .eml files stay under DATA_DIR/mail", async () => {
    const server = await useTestServer();
    const user = await createUser();
    const victim = await createUser();
    expect((await new PageClient(server).post("/forgot-password", { email: victim.email })).status).toBe(200);
    const { deliverOutbox, mailDir } = await import("~/modules/notify/outbox.server");
    await deliverOutbox();
    expect(mailDir()).toBe(path.join(getEnv().dataDir, "mail"));
    expect(fs.readdirSync(mailDir()).some((f) => f.includes(victim.email))).toBe(true);

    const client = await new PageClient(server).login(user.email);
    const page = await client.get("/dev/mail");
    expect(page.status).toBe(404);
    expect(page.html).not.toContain("reset-password/");
    expect((await client.get(`/dev/mail?file=${fs.readdirSync(mailDir())[0]}`)).status).toBe(404);
  });

  it("when on, serves requests from this machine only: a forwarded remote client is refused", async () => {
    const server = await useTestServer();
    const user = await createUser();
    const client = await new PageClient(server).login(user.email);
    const env = getEnv();
    env.mailViewer = true;
    try {
      const local = await client.get("/dev/mail");
      expect(local.status).toBe(200);
      expect(local.html).toContain(path.join(env.dataDir, "mail"));
      // Through a proxy on this machine (trusted for X-Forwarded-For), a remote client is remote.
      const forwarded = await client.download("/dev/mail", { "X-Forwarded-For": "203.0.113.7" });
      expect(forwarded.status).toBe(404);
      expect(await forwarded.text()).not.toContain(path.join(env.dataDir, "mail"));
    } finally {
      env.mailViewer = false;
    }
  });

  it("knows which addresses are this machine", () => {
    for (const ip of ["127.0.0.1", "127.10.0.3", "::1", "::ffff:127.0.0.1"]) expect(isLoopbackAddress(ip), ip).toBe(true);
    for (const ip of ["203.0.113.7", "::ffff:203.0.113.7", "10.0.0.1", "unknown", "", "::", "fe80::1", "128.0.0.1"]) {
      expect(isLoopbackAddress(ip), ip).toBe(false);
    }
  });
});

describe("demo data", () => {
  it("is on by default for the embedded SQLite database, off for PostgreSQL, and DEMO_DATA decides", () => {
    expect(parseEnv({ DATA_DIR: tmpDir() }).demoData).toBe(true);
    expect(demoDataByDefault("file:./data/comptoir.db")).toBe(true);
    expect(demoDataByDefault("postgres://db.internal/comptoir")).toBe(false);
    expect(demoDataByDefault("postgresql://db.internal/comptoir")).toBe(false);
    for (const [value, expected] of [["on", true], ["off", false], ["true", true], ["false", false], ["1", true], ["0", false], ["OFF", false]] as const) {
      expect(parseEnv({ DATA_DIR: tmpDir(), DEMO_DATA: value }).demoData, value).toBe(expected);
    }
    expect(() => parseEnv({ DATA_DIR: tmpDir(), DEMO_DATA: "yes please" })).toThrow(/DEMO_DATA/);
  });

  const started: StartedServer[] = [];
  afterAll(async () => {
    await Promise.all(started.map((s) => s.stop()));
  });

  /** `npm start` on a new data directory, as a user runs it. */
  async function npmStart(env: Record<string, string>): Promise<StartedServer> {
    const server = await startServerProcess({ dataDir: tmpDir(), env, readyTimeoutMs: 90_000 });
    started.push(server);
    return server;
  }

  it("DEMO_DATA=off: a new database starts empty, without the public accounts", async () => {
    const server = await npmStart({ DEMO_DATA: "off" });
    const res = await fetch(`${server.baseUrl}/api/v1/auth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "alice@brasserie.test", password: "comptoir-demo", organization: "brasserie-du-pont" }),
    });
    expect(res.status).toBe(401);
    expect(server.log()).not.toMatch(/seeding/i);
    expect(server.log()).not.toMatch(/DEMO ACCOUNTS/);
  }, 120_000);

  it("npm start in production with the demo says so in one loud line, and never serves the mail viewer", async () => {
    const server = await npmStart({});
    const loud = server.log().split("\n").filter((line) => /DEMO ACCOUNTS/.test(line));
    expect(loud).toHaveLength(1);
    expect(loud[0]).toMatch(/WARNING/);
    expect(loud[0]).toContain("alice@brasserie.test");

    const client = await new PageClient({ baseUrl: server.baseUrl, close: async () => {} }).login("alice@brasserie.test");
    expect((await client.get("/dev/mail")).status).toBe(404);
  }, 120_000);
});

describe("rate limits", () => {
  it("limits password-reset requests per email the same way whether the account exists or not", async () => {
    const server = await useTestServer();
    const existing = await createUser();
    const unknown = `nobody-${crypto.randomUUID()}@example.test`;
    const answers = async (email: string) => {
      const statuses: number[] = [];
      let last = "";
      for (let i = 0; i < RATE_LIMITS.passwordResetByEmail.max + 1; i++) {
        const res = await new PageClient(server).post("/forgot-password", { email });
        statuses.push(res.status);
        last = res.html;
      }
      return { statuses, last };
    };
    const forExisting = await answers(existing.email);
    const forUnknown = await answers(unknown);
    const expected = [...Array(RATE_LIMITS.passwordResetByEmail.max).fill(200), 429];
    expect(forExisting.statuses).toEqual(expected);
    expect(forUnknown.statuses).toEqual(expected);
    expect(forExisting.last).toContain("Trop de demandes de réinitialisation");
    expect(forUnknown.last).toContain("Trop de demandes de réinitialisation");
    // The mailbox got the allowed links, not one more.
    const sent = await getDb().outboxEmail.count({ where: { to: existing.email } });
    expect(sent).toBe(RATE_LIMITS.passwordResetByEmail.max);
  });

  it("limits password-reset requests per address, in English too", async () => {
    const server = await useTestServer();
    for (let i = 0; i < RATE_LIMITS.passwordResetByAddress.max; i++) {
      expect((await new PageClient(server).post("/forgot-password", { email: `flood-${i}@example.test` })).status).toBe(200);
    }
    const refused = await new PageClient(server).post("/forgot-password", { email: "one-more@example.test" }, { "Accept-Language": "en" });
    expect(refused.status).toBe(429);
    expect(refused.html).toContain("Too many reset requests");
  });

  it("limits sign-ups per address", async () => {
    const server = await useTestServer();
    for (let i = 0; i < RATE_LIMITS.signUpByAddress.max; i++) {
      const res = await new PageClient(server).post("/signup", { name: "Flood", email: `signup-${i}-${crypto.randomUUID()}@example.test`, password: "long enough password" });
      expect(res.status, `sign-up ${i}`).toBe(302);
    }
    const email = `signup-last-${crypto.randomUUID()}@example.test`;
    const refused = await new PageClient(server).post("/signup", { name: "Flood", email, password: "long enough password" }, { "Accept-Language": "en" });
    expect(refused.status).toBe(429);
    expect(refused.html).toContain("Too many accounts were created from your network");
    expect(await getDb().user.count({ where: { email } })).toBe(0);
  });

  it("limits the token endpoint: failures like the log-in, and tokens minted per account", async () => {
    const server = await useTestServer();
    const user = await createUser();
    const { createOrganization } = await import("../factories");
    const org = await createOrganization({ kind: "RETAILER", members: [{ userId: user.id, role: "OWNER" }] });
    const slug = (await getDb().organization.findUniqueOrThrow({ where: { id: org.id } })).slug;

    for (let i = 0; i < RATE_LIMITS.apiTokenByEmail.max; i++) await apiToken(server, user.email, slug);
    const capped = await api(server, "POST", "/api/v1/auth/token", { body: { email: user.email, password: "comptoir-demo", organization: slug } });
    expect(capped.status).toBe(429);
    expect(capped.body.error.code).toBe("rate_limited");
    expect(await getDb().apiToken.count({ where: { userId: user.id } })).toBe(RATE_LIMITS.apiTokenByEmail.max);

    const other = await createUser();
    for (let i = 0; i < RATE_LIMITS.loginFailureByEmail.max; i++) {
      const res = await api(server, "POST", "/api/v1/auth/token", { body: { email: other.email, password: "wrong password", organization: slug } });
      expect(res.status).toBe(401);
    }
    const locked = await api(server, "POST", "/api/v1/auth/token", { body: { email: other.email, password: "comptoir-demo", organization: slug } });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe("rate_limited");
  });

  it("is shared by instances: what one server counted, another refuses", async () => {
    const first = await useTestServer();
    const build = (await import(pathToFileURL(path.resolve(SERVER_BUILD)).href)) as ServerBuild;
    const { httpServer, io } = await createServer(build);
    await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
    const second: TestServer = { baseUrl: `http://127.0.0.1:${(httpServer.address() as net.AddressInfo).port}`, close: async () => {} };
    try {
      const email = `shared-${crypto.randomUUID()}@example.test`;
      for (let i = 0; i < RATE_LIMITS.passwordResetByEmail.max; i++) {
        expect((await new PageClient(i % 2 ? first : second).post("/forgot-password", { email })).status).toBe(200);
      }
      expect((await new PageClient(first).post("/forgot-password", { email })).status).toBe(429);
      expect((await new PageClient(second).post("/forgot-password", { email })).status).toBe(429);
    } finally {
      io.close();
      await new Promise((r) => httpServer.close(r));
    }
  });
});

describe("account enumeration by timing", () => {
  it("spends as long on an unknown email as on a wrong password for an existing account", async () => {
    const existing = await createUser();
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const timeFailure = async (email: string, ip: string) => {
      const start = performance.now();
      await expect(logIn({ email, password: "not the password" }, ip)).rejects.toMatchObject({ code: "unauthenticated" });
      return performance.now() - start;
    };
    // Warm-up (the dummy hash is made once per process).
    await timeFailure(`warm-${crypto.randomUUID()}@example.test`, "192.0.2.1");
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 9; i++) {
      known.push(await timeFailure(existing.email, "192.0.2.2"));
      unknown.push(await timeFailure(`nobody-${i}-${crypto.randomUUID()}@example.test`, "192.0.2.3"));
    }
    expect(median(unknown)).toBeGreaterThanOrEqual(0.6 * median(known));
  });
});

describe("sessions", () => {
  it("stores the SHA-256 of the session id, never the id the cookie carries", async () => {
    const server = await useTestServer();
    const user = await createUser();
    const login = await fetch(`${server.baseUrl}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: user.email, password: "comptoir-demo" }),
      redirect: "manual",
    });
    const cookie = login.headers.getSetCookie().find((line) => line.startsWith("comptoir_session="))!;
    const sessionId = cookie.split(";")[0].split("=")[1];
    const rows = await getDb().session.findMany({ where: { userId: user.id }, select: { id: true } });
    expect(rows.map((r) => r.id)).toContain(crypto.createHash("sha256").update(sessionId).digest("hex"));
    expect(rows.map((r) => r.id)).not.toContain(sessionId);
    // And the cookie still opens the session.
    const me = await fetch(`${server.baseUrl}/account`, { headers: { Cookie: `comptoir_session=${sessionId}` }, redirect: "manual" });
    expect(me.status).toBe(200);
  });

  it("purges expired sessions when someone logs in", async () => {
    const server = await useTestServer();
    const user = await createUser();
    const expired = await getDb().session.create({ data: { id: crypto.randomBytes(32).toString("hex"), userId: user.id, expiresAt: new Date(Date.now() - 60_000) } });
    await new PageClient(server).login((await createUser()).email);
    expect(await getDb().session.findUnique({ where: { id: expired.id } })).toBeNull();
  });
});
