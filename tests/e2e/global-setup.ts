// End-to-end: Debian's Chromium (never a downloaded browser) against the real server started with a
// fresh data directory, exactly as `npm start` runs it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startServerProcess } from "../setup/server-process";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default async function setup(project: TestProject) {
  if (!fs.existsSync(CHROMIUM)) {
    const banner = "=".repeat(78);
    throw new Error(
      `\n${banner}\nEND-TO-END TESTS CANNOT RUN: Chromium is missing at ${CHROMIUM}.\n` +
        `Install Debian's package:  sudo apt-get update && sudo apt-get install -y chromium\n` +
        `(or point CHROMIUM_PATH at a Chromium binary). Never 'npx playwright install'.\n${banner}`,
    );
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "comptoir-e2e-"));
  // The browser is sent to http://localhost:<port>, which is also APP_URL.
  const server = await startServerProcess({ dataDir, host: "localhost", readyTimeoutMs: 180_000 });
  project.provide("baseUrl", server.baseUrl);
  project.provide("dataDir", dataDir);
  return () => server.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
  }
}
