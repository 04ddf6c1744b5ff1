// esbuild options for running TypeScript entry points with plain Node (no TypeScript loader): the
// entry and the app's own code it imports (relative and `~/` paths) in one ES module; every
// installed package (and its subpaths) and Node's built-ins stay imports, loaded from node_modules
// next to their own files as usual (pdfkit finds its fonts there, better-sqlite3 its binary). tsx costs a process or a worker thread a loader thread of its
// own, and importing the Remix build through it takes ~110 MB more RSS than plain Node does
// (docs/benchmarks.md, memory section).
import fs from "node:fs";
import path from "node:path";
import type { BuildOptions } from "esbuild";

export function nodeBundleOptions(entry: string): BuildOptions & { entryPoints: string[] } {
  const installed = fs.readdirSync(path.resolve("node_modules")).filter((name) => !name.startsWith("."));
  return {
    entryPoints: [path.resolve(entry)],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    tsconfig: path.resolve("tsconfig.json"),
    logLevel: "silent",
    // Not `packages: "external"`: esbuild would take the `~/` alias for a package.
    external: installed.map((name) => (name.startsWith("@") ? `${name}/*` : name)),
  };
}
