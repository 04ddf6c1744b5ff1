// Job leases: a scheduled job runs on one instance at a time — among concurrent callers in a process,
// and among processes sharing the database — is taken over when its holder dies, and is kept for
// the period after a run so that instances ticking together run it once per period.
import { describe, expect, it } from "vitest";
import { acquireLease, runExclusive } from "~/modules/jobs/lease.server";
import { getDb } from "~/utils/db.server";
import { evalModule, runTsx } from "../setup/server-process";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("runExclusive", () => {
  it("runs the job once among concurrent callers, each a different holder", async () => {
    let runs = 0;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        runExclusive("concurrent", 10_000, async () => {
          runs++;
          await sleep(50);
          return i;
        }, { holder: `instance-${i}` }),
      ),
    );
    expect(runs).toBe(1);
    expect(results.filter((r) => r.ran)).toHaveLength(1);
  });

  it("frees the lease after a run without a gap, and keeps it for the gap otherwise (clock injected)", async () => {
    expect(await runExclusive("free", 10_000, async () => "a", { holder: "a" })).toEqual({ ran: true, value: "a" });
    expect(await runExclusive("free", 10_000, async () => "b", { holder: "b" })).toEqual({ ran: true, value: "b" });

    const t = Date.parse("2030-01-01T00:00:00Z");
    const at = (ms: number) => () => new Date(t + ms);
    expect((await runExclusive("gap", 60_000, async () => 1, { holder: "a", minGapMs: 2_000, now: at(0) })).ran).toBe(true);
    expect((await runExclusive("gap", 60_000, async () => 2, { holder: "b", minGapMs: 2_000, now: at(1_999) })).ran).toBe(false);
    expect((await runExclusive("gap", 60_000, async () => 2, { holder: "a", minGapMs: 2_000, now: at(1_999) })).ran).toBe(false);
    expect((await runExclusive("gap", 60_000, async () => 3, { holder: "b", minGapMs: 2_000, now: at(2_000) })).ran).toBe(true);
  });

  it("takes over the lease of a holder that died once it expires, not before", async () => {
    const db = getDb();
    const now = new Date();
    await db.jobLease.create({ data: { name: "crashed", holder: "dead", expiresAt: new Date(now.getTime() + 60_000) } });
    expect((await runExclusive("crashed", 1_000, async () => 1, { holder: "alive" })).ran).toBe(false);
    await db.jobLease.update({ where: { name: "crashed" }, data: { expiresAt: new Date(now.getTime() - 1) } });
    expect((await runExclusive("crashed", 1_000, async () => 1, { holder: "alive" })).ran).toBe(true);
  });

  it("does not release a lease another instance took after this run outlived its ttl", async () => {
    const db = getDb();
    // The heartbeat is held back (as by a blocked event loop), so the lease expires during the run.
    const result = await runExclusive("slow", 50, async () => {
      await sleep(120);
      // Meanwhile the lease expired and another instance took it for a minute.
      expect(await acquireLease(db, "slow", "other", new Date(), new Date(Date.now() + 60_000))).toBe(true);
    }, { holder: "slow-one", renewEveryMs: 60_000 });
    expect(result.ran).toBe(true);
    const lease = await db.jobLease.findUniqueOrThrow({ where: { name: "slow" } });
    expect(lease.holder).toBe("other");
    expect(lease.expiresAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
  });

  it("runs the job once among processes sharing the database", async () => {
    // Each process tries to take the lease at about the same moment; the winner keeps it for 30 s.
    const start = Date.now() + 2_500;
    const script = `
      const { runExclusive } = await import("./app/modules/jobs/lease.server.ts");
      await new Promise((r) => setTimeout(r, ${start} - Date.now()));
      const result = await runExclusive("across-processes", 30_000, async () => process.pid, { minGapMs: 30_000 });
      console.log(JSON.stringify(result));
      process.exit(0);
    `;
    const outputs = await Promise.all(
      [1, 2, 3].map(async () => {
        const run = await runTsx(evalModule(script));
        if (run.code !== 0) throw new Error(run.stderr);
        return run.stdout.trim().split("\n").pop()!;
      }),
    );
    const results = outputs.map((line) => JSON.parse(line) as { ran: boolean });
    expect(results.filter((r) => r.ran)).toHaveLength(1);
  }, 30_000);
});
