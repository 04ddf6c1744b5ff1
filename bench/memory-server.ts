// The server of `npm run bench:memory` (bench/memory.ts): the app's HTTP and socket.io server as
// `npm start` serves it (NODE_ENV=production from the parent, no scheduler), in its own process so
// that its memory is its own, bundled by bench/bundle-server.ts and run by plain Node as
// `npm start` runs build/server.js (no tsx). Over IPC:
//   → {type: "memory", gc?}      ← {type: "memory", rss, heapUsed, heapTotal, external, arrayBuffers}
//   → {type: "snapshot", file}   ← {type: "snapshot", file}   (v8.writeHeapSnapshot, after a full GC)
import path from "node:path";
import { pathToFileURL } from "node:url";
import v8 from "node:v8";
import type { ServerBuild } from "@remix-run/node";
import { createServer } from "../server/app";
import { ensureBuild, SERVER_BUILD } from "../server/build";

ensureBuild();
const build = (await import(pathToFileURL(path.resolve(SERVER_BUILD)).href)) as ServerBuild;
const { httpServer } = await createServer(build);
httpServer.keepAliveTimeout = 60_000;
httpServer.listen(0, "127.0.0.1", () => {
  const address = httpServer.address();
  process.send?.({ type: "ready", port: typeof address === "object" && address ? address.port : 0 });
});

const gc = (globalThis as { gc?: () => void }).gc;
process.on("message", (message: { type: string; gc?: boolean; file?: string }) => {
  if (message.type === "memory") {
    if (message.gc) gc?.();
    const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
    process.send?.({ type: "memory", rss, heapUsed, heapTotal, external, arrayBuffers });
  }
  if (message.type === "snapshot" && message.file) {
    gc?.();
    process.send?.({ type: "snapshot", file: v8.writeHeapSnapshot(message.file) });
  }
});
process.on("disconnect", () => process.exit(0));
