// `npm run bench [-- options]`: the order and invoice scenarios (bench/orders.ts, which takes the
// options: --reuse, --orders=<n>, --no-http, --report-only), then the chat fan-out (bench/chat.ts), then
// the server's memory under mixed reads (bench/memory.ts, on the demo data and on the bench database).
// `npm run bench -- --only memory` runs the memory scenario alone (as `npm run bench:memory`).
// Each in its own process, one after the other; the first failure stops the run with its exit code.
import { spawnSync } from "node:child_process";

const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const memorySteps: [string, string[]][] = [
  ["bench/memory.ts", []],
  ["bench/memory.ts", ["--db=.cache/bench/data/comptoir.db"]],
];
const steps: [script: string, args: string[]][] =
  only === "memory"
    ? [memorySteps[0]]
    : [["bench/orders.ts", args], ["bench/chat.ts", []], ["bench/bakery.ts", []], ...memorySteps];
for (const [script, args] of steps) {
  const run = spawnSync(process.execPath, ["--import", "tsx", script, ...args], { stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
