// `npm run bench [-- options]`: the order and invoice scenarios (bench/orders.ts, which takes the
// options: --reuse, --orders=<n>, --no-http, --report-only), then the chat fan-out (bench/chat.ts).
// Each in its own process, one after the other; the first failure stops the run with its exit code.
import { spawnSync } from "node:child_process";

const steps: [script: string, args: string[]][] = [
  ["bench/orders.ts", process.argv.slice(2)],
  ["bench/chat.ts", []],
];
for (const [script, args] of steps) {
  const run = spawnSync(process.execPath, ["--import", "tsx", script, ...args], { stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
