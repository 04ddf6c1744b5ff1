// The second half of a start (after server/prepare.ts): load the Remix build, serve, run the
// scheduled work (the outbox, order expiry, chat digests), each job on one instance at a time
// (server/scheduler.ts). Under `npm start` this file is bundled into build/server.js (by
// server/build.ts, entry server/production.ts) and run by plain Node: no TypeScript loader in the
// serving process.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { getEnv } from "~/utils/env.server";
import { createServer } from "./app";
import { SERVER_BUILD } from "./build";
import { demoAccountsWarning, findOpenDemoAccounts } from "./demo-accounts";
import { installProcessErrorHandlers } from "./process-errors";
import { startScheduler } from "./scheduler";

export async function serve(): Promise<void> {
  const env = getEnv();
  // The password checks run on argon2's threads while the build loads, not before it.
  const openDemoAccounts = env.nodeEnv === "production" ? findOpenDemoAccounts() : Promise.resolve([]);

  const build = (await import(pathToFileURL(path.resolve(SERVER_BUILD)).href)) as ServerBuild;
  const { httpServer, io } = await createServer(build);
  const demoAccounts = await openDemoAccounts;
  if (demoAccounts.length) console.warn(demoAccountsWarning(demoAccounts));

  const scheduler = startScheduler();

  httpServer.listen(env.port, () => {
    // Since the process started (performance.timeOrigin): with `npm start`, the preparing process's time is not in it.
    console.log(`Comptoir is ready on ${env.appUrl} (port ${env.port}, started in ${Math.round(Date.now() - performance.timeOrigin)} ms)`);
  });

  const stop = (exitCode = 0) => {
    scheduler.stop();
    io.close();
    httpServer.close(() => process.exit(exitCode));
    setTimeout(() => process.exit(exitCode), 3_000).unref();
  };
  installProcessErrorHandlers(stop);
  process.on("SIGTERM", () => stop());
  process.on("SIGINT", () => stop());
}
