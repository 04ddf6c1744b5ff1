// The PDF worker as one plain-JavaScript file: ./pdf-worker.ts and the app's code it imports (the
// documents of app/pdf, their formatting helpers) bundled by esbuild on a process's first PDF
// (~/utils/node-bundle.server: the packages, React PDF…, stay imports from node_modules), so that a
// worker needs no TypeScript loader: tsx in a worker thread costs it a loader thread of its own and
// transpiles the app's sources on every start. The file is named by the hash of its content under
// .cache/pdf-worker (written once, atomically: several processes may bundle at once), so a changed
// source gives a new file and no process ever runs a stale one. ~0.3-0.5 s, once per process.
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { nodeBundleOptions } from "~/utils/node-bundle.server";

export const WORKER_SOURCE = path.resolve("app/modules/document-export/pdf-worker.ts");
const BUNDLE_DIR = path.resolve(".cache/pdf-worker");

let bundled: Promise<string> | null = null;

/** The bundled worker's path (bundled once per process; a failed bundling is retried on the next call). */
export function pdfWorkerFile(): Promise<string> {
  bundled ??= bundle().catch((error: unknown) => {
    bundled = null;
    throw error;
  });
  return bundled;
}

async function bundle(): Promise<string> {
  fs.mkdirSync(BUNDLE_DIR, { recursive: true });
  const partial = path.join(BUNDLE_DIR, `pdf-worker.${process.pid}.${crypto.randomUUID()}.tmp`);
  try {
    // In a short-lived Node process: esbuild's asynchronous API would keep its service process
    // (~15-20 MB) beside the server for the rest of its life, its synchronous one a thread in it.
    const options = { ...nodeBundleOptions(WORKER_SOURCE), outfile: partial };
    await promisify(execFile)(process.execPath, ["-e", 'require("esbuild").buildSync(JSON.parse(process.argv[1]))', JSON.stringify(options)]);
    const file = path.join(BUNDLE_DIR, `pdf-worker-${crypto.createHash("sha256").update(fs.readFileSync(partial)).digest("hex").slice(0, 16)}.mjs`);
    if (!fs.existsSync(file)) fs.renameSync(partial, file);
    return file;
  } finally {
    fs.rmSync(partial, { force: true });
  }
}
