// End-to-end: Debian's Chromium (never a downloaded browser) against the real server started with a
// fresh data directory, exactly as `npm start` runs it.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      /* not yet listening */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server did not answer /healthz within ${timeoutMs / 1000} s`);
}

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
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const log = fs.createWriteStream(path.join(dataDir, "server.log"));
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATA_DIR: dataDir, APP_URL: baseUrl, DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  try {
    await waitForHealth(baseUrl, child, 180_000);
  } catch (error) {
    child.kill("SIGTERM");
    throw new Error(`${(error as Error).message}\n--- server log ---\n${fs.readFileSync(path.join(dataDir, "server.log"), "utf8")}`);
  }
  project.provide("baseUrl", baseUrl);
  project.provide("dataDir", dataDir);
  return async () => {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
  }
}
