// Entry point of `npm start`: check the configuration, migrate (and seed a new database when
// DEMO_DATA is on), build when needed, then serve. Scheduled work (the outbox, order expiry, chat digests) runs in this process,
// each job on one instance at a time (server/scheduler.ts).
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { ConfigError, getEnv } from "~/utils/env.server";
import { migrateDatabase } from "~/utils/migrate.server";
import { createServer } from "./app";
import { ensureBuild, SERVER_BUILD } from "./build";
import { demoAccountsWarning, findOpenDemoAccounts } from "./demo-accounts";
import { installProcessErrorHandlers } from "./process-errors";
import { startScheduler } from "./scheduler";

async function main() {
  const started = Date.now();
  let env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const { isNew, applied } = await migrateDatabase(env.databaseUrl);
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
  if (isNew && env.demoData) {
    console.log("New database: seeding the demo data (DEMO_DATA=off to start empty)…");
    // Imported only here: with DEMO_DATA off the server never loads the seed or its factories.
    const { seedDemo } = await import("../prisma/seed");
    await seedDemo();
  }
  // The password checks run on argon2's threads while the build loads, not before it.
  const openDemoAccounts = env.nodeEnv === "production" ? findOpenDemoAccounts() : Promise.resolve([]);

  ensureBuild();
  const build = (await import(pathToFileURL(path.resolve(SERVER_BUILD)).href)) as ServerBuild;
  const { httpServer, io } = await createServer(build);
  const demoAccounts = await openDemoAccounts;
  if (demoAccounts.length) console.warn(demoAccountsWarning(demoAccounts));

  const scheduler = startScheduler();

  httpServer.listen(env.port, () => {
    console.log(`Comptoir is ready on ${env.appUrl} (port ${env.port}, started in ${Date.now() - started} ms)`);
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

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
