// Scheduled jobs run once across server instances: before a run, an instance takes the job's lease —
// a JobLease row naming the holder until `expiresAt` — and only the holder runs it. Taking a lease is
// one atomic statement (create the row, or move an expired one to the new holder), so two instances
// can never both win. A crashed holder frees the job when its lease expires (`ttlMs`, longer than any
// run). `minGapMs` keeps the lease after the run until that long after its start, so that instances
// ticking at the same period run the job once per period between them, not once each.
import os from "node:os";
import crypto from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { getDb } from "~/utils/db.server";
import { isUniqueViolation } from "../order/order-guard.server";

/** This process, as a lease holder. */
export const INSTANCE_ID = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;

export type LeaseOptions = { holder?: string; minGapMs?: number; db?: PrismaClient; now?: () => Date };
export type LeaseRun<T> = { ran: true; value: T } | { ran: false };

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
export async function runExclusive<T>(name: string, ttlMs: number, fn: () => Promise<T>, options: LeaseOptions = {}): Promise<LeaseRun<T>> {
  const db = options.db ?? getDb();
  const holder = options.holder ?? INSTANCE_ID;
  const clock = options.now ?? (() => new Date());
  const started = clock();
  const until = new Date(started.getTime() + ttlMs);
  if (!(await acquireLease(db, name, holder, started, until))) return { ran: false };
  try {
    return { ran: true, value: await fn() };
  } finally {
    // Released (or kept for the minimum gap) only if still ours: a run longer than its ttl may have
    // lost the lease to another instance, whose lease must stay.
    const keepUntil = new Date(Math.max(clock().getTime(), started.getTime() + (options.minGapMs ?? 0)));
    await db.jobLease.updateMany({ where: { name, holder, expiresAt: until }, data: { expiresAt: keepUntil } }).catch((error) => {
      console.error(`Releasing the lease ${name} failed:`, error);
    });
  }
}
