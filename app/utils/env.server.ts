// Configuration from the environment, checked once with zod. A bad value stops the start-up with a
// message naming the variable; nothing else in the app reads process.env.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const optionalUrl = z.url().optional();

/** A switch: on/off, true/false or 1/0 (any case). */
const onOff = z
  .string()
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.enum(["on", "off", "true", "false", "1", "0"], "must be on or off (also true/false, 1/0)"))
  .transform((v) => v === "on" || v === "true" || v === "1");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default("data"),
  DATABASE_URL: z
    .string()
    .regex(/^file:/, "must be a SQLite file URL such as file:./data/comptoir.db")
    .optional(),
  APP_URL: optionalUrl,
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SMTP_URL: optionalUrl,
  REDIS_URL: optionalUrl,
  // Prefix of the Redis keys and pub/sub channels of socket.io: instances that share it talk together.
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/, "letters, digits, : _ - (64 at most)").default("comptoir"),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  // Where the Stripe client sends its API calls (tests: a local stand-in); Stripe's own API when unset.
  STRIPE_API_BASE: z
    .url()
    .regex(/^https?:\/\/[^/]+\/?$/, "must be a base address such as http://127.0.0.1:12111 (no path)")
    .optional(),
  // The /dev/mail viewer of the .eml files, for requests from this machine only: on under
  // NODE_ENV=development (npm run dev), off otherwise unless switched on here.
  MAIL_VIEWER: onOff.optional(),
  // Seed a new database with the demo tenants (public password): default on for the embedded SQLite
  // database, off for PostgreSQL.
  DEMO_DATA: onOff.optional(),
  // Structured logs (app/utils/logger.server.ts): "silent" turns them off (tests).
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = {
  nodeEnv: "development" | "production" | "test";
  port: number;
  dataDir: string;
  databaseUrl: string;
  appUrl: string;
  sessionSecret: string;
  smtpUrl?: string;
  redisUrl?: string;
  redisPrefix: string;
  stripe?: { secretKey: string; webhookSecret: string; apiBase?: StripeApiBase };
  secureCookies: boolean;
  mailViewer: boolean;
  demoData: boolean;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
};

/** Demo data by default only for the embedded SQLite start (`npm start` as the README shows it). */
export function demoDataByDefault(databaseUrl: string): boolean {
  return databaseUrl.startsWith("file:");
}

export type StripeApiBase = { protocol: "http" | "https"; host: string; port: number };

function stripeApiBaseOf(url: string | undefined): StripeApiBase | undefined {
  if (!url) return undefined;
  const u = new URL(url);
  const protocol = u.protocol === "http:" ? "http" : "https";
  return { protocol, host: u.hostname, port: u.port ? Number(u.port) : protocol === "http" ? 80 : 443 };
}

export class ConfigError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable (`SMTP_URL=`) means "not set".
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = result.data;
  const dataDir = path.resolve(e.DATA_DIR);
  fs.mkdirSync(dataDir, { recursive: true });
  const databaseUrl = e.DATABASE_URL ?? `file:${path.join(dataDir, "comptoir.db")}`;
  const appUrl = (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    dataDir,
    databaseUrl,
    appUrl,
    sessionSecret: e.SESSION_SECRET ?? readOrCreateSecret(dataDir),
    smtpUrl: e.SMTP_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    stripe:
      e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET
        ? { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, apiBase: stripeApiBaseOf(e.STRIPE_API_BASE) }
        : undefined,
    secureCookies: appUrl.startsWith("https://"),
    mailViewer: e.MAIL_VIEWER ?? e.NODE_ENV === "development",
    demoData: e.DEMO_DATA ?? demoDataByDefault(databaseUrl),
    logLevel: e.LOG_LEVEL,
  };
}

function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const secret = crypto.randomBytes(32).toString("hex");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const globalForEnv = globalThis as unknown as { __comptoirEnv?: Env };

export function getEnv(): Env {
  globalForEnv.__comptoirEnv ??= parseEnv(process.env);
  return globalForEnv.__comptoirEnv;
}
