// `npm start` must work on a fresh clone: build the Remix app when there is no build, or when a
// source file is newer than it; and bundle the server (server/production.ts and the app code it
// imports; the packages stay imports) into build/server.js, that `npm start` runs with plain Node
// (server/start.js).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { nodeBundleOptions } from "~/utils/node-bundle.server";

export const SERVER_BUILD = path.resolve("build/index.js");
export const SERVER_BUNDLE = path.resolve("build/server.js");
const SOURCES = ["app", "emails", "remix.config.js", "tailwind.config.ts", "package-lock.json"];
const SERVER_SOURCES = ["server", "app", "tsconfig.json", "package-lock.json"];

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function isStale(output: string, sources: string[]): boolean {
  if (!fs.existsSync(output)) return true;
  const built = fs.statSync(output).mtimeMs;
  return sources.some((s) => newestMtime(path.resolve(s)) > built);
}

export function buildIsStale(): boolean {
  return isStale(SERVER_BUILD, SOURCES) || isStale(SERVER_BUNDLE, SERVER_SOURCES);
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
  if (isStale(SERVER_BUILD, SOURCES)) runRemixBuild(log);
  if (isStale(SERVER_BUNDLE, SERVER_SOURCES)) bundleServer();
}

/** build/server.js, written whole or not at all (esbuild is loaded only here: the bundle itself never imports it). */
function bundleServer(): void {
  const esbuild = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  const partial = `${SERVER_BUNDLE}.${process.pid}.tmp`;
  esbuild.buildSync({ ...nodeBundleOptions("server/production.ts"), outfile: partial });
  fs.renameSync(partial, SERVER_BUNDLE);
}

function runRemixBuild(log: (line: string) => void): void {
  log("Building the app (first start or sources changed)…");
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("The Remix build failed (see above).");
  log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
