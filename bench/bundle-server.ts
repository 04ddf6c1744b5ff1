// The benchmarks' server processes run as `npm start` serves (server/start.js): plain Node, no
// TypeScript loader. This bundles a bench entry (e.g. bench/memory-server.ts) with the app code it
// imports into .cache/bench-bundles/<name>.mjs (~/utils/node-bundle.server: packages stay imports),
// after making sure the Remix build is there.
import path from "node:path";
import * as esbuild from "esbuild";
import { nodeBundleOptions } from "~/utils/node-bundle.server";
import { ensureBuild } from "../server/build";

export function bundleBenchServer(entry: string): string {
  ensureBuild();
  const outfile = path.resolve(".cache/bench-bundles", `${path.basename(entry, path.extname(entry))}.mjs`);
  esbuild.buildSync({ ...nodeBundleOptions(entry), outfile });
  return outfile;
}
