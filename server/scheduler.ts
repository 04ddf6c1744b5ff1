// Scheduled work of the server: each job ticks on every instance, and runs on the one that takes its
// lease (app/modules/jobs/lease.server.ts) — once per period across instances. A job still running in
// this process is not started again by the next tick. Every lease is short and renewed while its job
// runs, so an instance that dies (kill -9, a lost machine) hands its jobs to another within
// LEASE_TTL_MS; a job that learns it lost its lease (the signal it gets) stops taking new work.
import { LEASE_TTL_MS, runExclusive, type HeldLease } from "~/modules/jobs/lease.server";
import { sendChatDigests } from "~/modules/chat/digest.server";
import { deliverOutbox } from "~/modules/notify/outbox.server";
import { expireOverdueOrders } from "~/modules/order/expire.server";
import { cleanupExpiredDocumentExports, runPendingDocumentExports } from "~/modules/document-export/document-export.server";
import { sendOverdueReminders } from "~/modules/invoice/reminders.server";

export type ScheduledJob = {
  name: string;
  everyMs: number;
  /** How long the job stays blocked after its holder stopped renewing the lease (LEASE_TTL_MS by default). */
  ttlMs?: number;
  /** Run once at start (after the lease check) instead of waiting a first period. */
  atStart?: boolean;
  run: (lease: HeldLease) => Promise<unknown>;
};

export const SCHEDULED_JOBS: ScheduledJob[] = [
  // Emails written by the app's transactions, delivered and retried.
  { name: "outbox", everyMs: 2_000, run: ({ signal }) => deliverOutbox(undefined, undefined, { signal }) },
  // Pending orders not accepted before their delivery date expire.
  { name: "order-expiry", everyMs: 10 * 60_000, atStart: true, run: ({ signal }) => expireOverdueOrders(new Date(), { signal }) },
  // One email per order to members who have not read its messages for 10 minutes.
  { name: "chat-digests", everyMs: 60_000, run: ({ signal }) => sendChatDigests(new Date(), { signal }) },
  // Overdue invoices: at most one reminder per invoice and day (the reminders table says which were
  // sent), so checking every hour sends each on the first hour of its day.
  { name: "invoice-reminders", everyMs: 60 * 60_000, atStart: true, run: ({ signal }) => sendOverdueReminders(new Date(), { signal }) },
  // Bulk document downloads start at once in the process that queued them; this picks up those a
  // restart left queued. Each export is claimed by one process.
  { name: "document-exports", everyMs: 30_000, run: () => runPendingDocumentExports() },
  // Zips are kept for a day.
  { name: "document-export-cleanup", everyMs: 60 * 60_000, atStart: true, run: () => cleanupExpiredDocumentExports() },
];

/** `holder` names this scheduler in the leases (the process's INSTANCE_ID by default; tests run two). */
export function startScheduler(jobs: ScheduledJob[] = SCHEDULED_JOBS, options: { holder?: string } = {}): { stop(): void } {
  const timers: NodeJS.Timeout[] = [];
  for (const job of jobs) {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        // Kept a little under the period: the instances' timers drift, and a tick must find the
        // lease of the previous period expired.
        await runExclusive(job.name, job.ttlMs ?? LEASE_TTL_MS, job.run, { minGapMs: job.everyMs * 0.9, holder: options.holder });
      } catch (error) {
        console.error(`Scheduled job ${job.name} failed:`, error);
      } finally {
        running = false;
      }
    };
    if (job.atStart) void tick();
    timers.push(setInterval(tick, job.everyMs));
  }
  return {
    stop() {
      for (const timer of timers) clearInterval(timer);
    },
  };
}
