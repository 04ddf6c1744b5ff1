// Scheduled jobs run once across server instances: before a run, an instance takes the job's lease —
// a JobLease row naming the holder until `expiresAt` — and only the holder runs it. Taking a lease is
// one atomic statement (create the row, or move an expired one to the new holder), so two instances
// can never both win.
//
// Leases are short (LEASE_TTL_MS) and renewed by a heartbeat while the job runs, so a run may last
// as long as it needs while a killed holder frees its jobs within one ttl: another instance takes
// over within seconds, not minutes. A holder whose renewal fails (its lease expired and another
// instance took it) is told through the run's AbortSignal and stops taking new work.
// `minGapMs` keeps the lease after the run until that long after its start, so that instances
// ticking at the same period run the job once per period between them, not once each.
import os from "node:os";
import crypto from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { getDb } from "~/utils/db.server";
import { isUniqueViolation } from "../order/order-guard.server";

/** This process, as a lease holder. */
export const INSTANCE_ID = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;

/** How long a lease outlives a holder that stopped renewing it: the longest email stall after a crash. */
export const LEASE_TTL_MS = 15_000;

export type LeaseOptions = {
  holder?: string;
  minGapMs?: number;
  /** How often the heartbeat renews the lease while the job runs; a third of the ttl by default. */
  renewEveryMs?: number;
  db?: PrismaClient;
  now?: () => Date;
};
export type LeaseRun<T> = { ran: true; value: T } | { ran: false };
/** What a job gets while it holds its lease: `signal` aborts when the lease is lost. */
export type HeldLease = { signal: AbortSignal };

/** Takes the lease if it is free or expired; true when `holder` now holds it until `until`. */
export async function acquireLease(db: PrismaClient, name: string, holder: string, now: Date, until: Date): Promise<boolean> {
  const { count } = await db.jobLease.updateMany({ where: { name, expiresAt: { lte: now } }, data: { holder, expiresAt: until } });
  if (count === 1) return true;
  try {
    await db.jobLease.create({ data: { name, holder, expiresAt: until } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Runs `fn` if this holder gets the lease `name`; otherwise does nothing and says so. */
export async function runExclusive<T>(
  name: string,
  ttlMs: number,
  fn: (lease: HeldLease) => Promise<T>,
  options: LeaseOptions = {},
): Promise<LeaseRun<T>> {
  const db = options.db ?? getDb();
  const holder = options.holder ?? INSTANCE_ID;
  const clock = options.now ?? (() => new Date());
  const started = clock();
  // The lease is ours while its row says `holder` until exactly `heldUntil`: renewals and the release
  // match on both, so they never touch a lease another instance has taken since.
  let heldUntil = new Date(started.getTime() + ttlMs);
  if (!(await acquireLease(db, name, holder, started, heldUntil))) return { ran: false };

  const lost = new AbortController();
  let renewal: Promise<void> | null = null;
  const renew = async () => {
    const until = new Date(clock().getTime() + ttlMs);
    try {
      const { count } = await db.jobLease.updateMany({ where: { name, holder, expiresAt: heldUntil }, data: { expiresAt: until } });
      if (count === 1) heldUntil = until;
      else lost.abort(new Error(`The lease ${name} was taken over by another instance`));
    } catch (error) {
      // A database error is not a lost lease: the next beat tries again, and the ttl still protects us.
      console.error(`Renewing the lease ${name} failed:`, error);
    }
  };
  const heartbeat = setInterval(() => {
    if (renewal || lost.signal.aborted) return;
    renewal = renew().finally(() => (renewal = null));
  }, options.renewEveryMs ?? Math.max(10, Math.floor(ttlMs / 3)));
  heartbeat.unref();

  try {
    return { ran: true, value: await fn({ signal: lost.signal }) };
  } finally {
    clearInterval(heartbeat);
    await renewal;
    // Released (or kept for the minimum gap) only if still ours.
    const keepUntil = new Date(Math.max(clock().getTime(), started.getTime() + (options.minGapMs ?? 0)));
    await db.jobLease.updateMany({ where: { name, holder, expiresAt: heldUntil }, data: { expiresAt: keepUntil } }).catch((error) => {
      console.error(`Releasing the lease ${name} failed:`, error);
    });
  }
}
