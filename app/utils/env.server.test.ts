import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env.server";

function tmp() {
  return fs.mkdtempSync(path.join(os.tmpdir(), "comptoir-env-"));
}

describe("configuration", () => {
  it("has working defaults: port 3000, SQLite under DATA_DIR, payment off, a kept session secret", () => {
    const dir = tmp();
    const env = parseEnv({ DATA_DIR: dir });
    expect(env.port).toBe(3000);
    expect(env.databaseUrl).toBe(`file:${path.join(dir, "comptoir.db")}`);
    expect(env.appUrl).toBe("http://localhost:3000");
    expect(env.stripe).toBeUndefined();
    expect(env.smtpUrl).toBeUndefined();
    expect(env.sessionSecret).toHaveLength(64);
    expect(parseEnv({ DATA_DIR: dir }).sessionSecret).toBe(env.sessionSecret);
  });

  it("fails with a message naming the bad variable", () => {
    expect(() => parseEnv({ DATA_DIR: tmp(), PORT: "eighty" })).toThrow(ConfigError);
    expect(() => parseEnv({ DATA_DIR: tmp(), PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ DATA_DIR: tmp(), SMTP_URL: "not a url" })).toThrow(/SMTP_URL/);
    expect(() => parseEnv({ DATA_DIR: tmp(), SESSION_SECRET: "short" })).toThrow(/SESSION_SECRET/);
    expect(() => parseEnv({ DATA_DIR: tmp(), DATABASE_URL: "postgres://x" })).toThrow(/DATABASE_URL/);
  });

  it("turns online payment on only with both Stripe keys, and secure cookies only over https", () => {
    const env = parseEnv({ DATA_DIR: tmp(), STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x", APP_URL: "https://shop.example/" });
    expect(env.stripe).toEqual({ secretKey: "sk_test_x", webhookSecret: "whsec_x" });
    expect(env.appUrl).toBe("https://shop.example");
    expect(env.secureCookies).toBe(true);
    expect(parseEnv({ DATA_DIR: tmp(), STRIPE_SECRET_KEY: "sk_test_x" }).stripe).toBeUndefined();
  });
});
