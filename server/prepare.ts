// The first half of a start: check the configuration, migrate (and seed a new database when
// DEMO_DATA is on), build when needed (the Remix app and the server's own bundle, server/build.ts).
// `npm start` runs it in a process of its own (`node --import tsx server/prepare.ts`, from
// server/start.js), then serves from the bundle in a process that never loads tsx; `npm run dev`
// and the tests' server processes run it in the server's process (server/index.ts).
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigError, getEnv, type Env } from "~/utils/env.server";
import { migrateDatabase } from "~/utils/migrate.server";
import { ensureBuild } from "./build";

export async function prepare(): Promise<Env> {
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
  ensureBuild();
  return env;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  prepare().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
