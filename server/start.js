// `npm start`: prepare in a short-lived process (`node --import tsx server/prepare.ts`: the
// configuration check, migrations, demo data, the Remix build and the server's bundle when a
// source changed), then serve from the bundle (build/server.js) in this process, which never loads
// tsx: its TypeScript loader costs a process a thread of its own, and the Remix build imported
// through it ~110 MB more RSS than with plain Node (docs/benchmarks.md, memory section).
// Plain JavaScript, so that plain Node runs it.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";

const prepared = spawnSync(process.execPath, ["--import", "tsx", path.resolve("server/prepare.ts")], { stdio: "inherit" });
if (prepared.status !== 0) process.exit(prepared.status ?? 1);

// NODE_ENV's default (app/utils/env.server.ts), set before React and Remix are loaded: they read it to pick their production builds.
process.env.NODE_ENV ??= "production";
await import(pathToFileURL(path.resolve("build/server.js")).href);
