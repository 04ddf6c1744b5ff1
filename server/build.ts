// `npm start` must work on a fresh clone: build the Remix app when there is no build, or when a
// source file is newer than it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const SERVER_BUILD = path.resolve("build/index.js");
const SOURCES = ["app", "emails", "remix.config.js", "tailwind.config.ts", "package-lock.json"];

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

export function buildIsStale(): boolean {
  if (!fs.existsSync(SERVER_BUILD)) return true;
  const built = fs.statSync(SERVER_BUILD).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.resolve(s)) > built);
}

const LOCK_DIR = path.resolve(".cache/build.lock");

/** Several processes (test workers, a second server) may ask at once: one builds, the others wait. */
function withBuildLock(work: () => void): void {
  fs.mkdirSync(path.dirname(LOCK_DIR), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK_DIR);
      break;
    } catch {
      const age = fs.existsSync(LOCK_DIR) ? Date.now() - fs.statSync(LOCK_DIR).mtimeMs : 0;
      if (age > 180_000 || Date.now() > deadline) fs.rmSync(LOCK_DIR, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    work();
  } finally {
    fs.rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

export function ensureBuild(log: (line: string) => void = console.log): void {
  if (!buildIsStale()) return;
  withBuildLock(() => runBuildIfStale(log));
}

function runBuildIfStale(log: (line: string) => void): void {
  if (!buildIsStale()) return;
  log("Building the app (first start or sources changed)…");
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("The Remix build failed (see above).");
  log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
