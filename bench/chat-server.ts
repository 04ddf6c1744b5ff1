// One server instance of `npm run bench:chat` (bench/chat.ts starts one or two): the app's HTTP and
// socket.io server without the scheduler, on PORT, in its own process so that its memory is its own.
// Answers "memory" over IPC with its heap and RSS after a full garbage collection (--expose-gc).
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { getEnv } from "~/utils/env.server";
import { createServer } from "../server/app";
import { SERVER_BUILD } from "../server/build";

const build = (await import(pathToFileURL(path.resolve(SERVER_BUILD)).href)) as ServerBuild;
const { httpServer, io } = await createServer(build);
httpServer.listen(getEnv().port, "127.0.0.1", () => process.send?.({ type: "ready" }));

process.on("message", (message: { type: string }) => {
  if (message.type === "memory") {
    (globalThis as { gc?: () => void }).gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    process.send?.({ type: "memory", heapUsed, rss, sockets: io.of("/").sockets.size });
  }
  if (message.type === "stop") {
    io.close();
    httpServer.close(() => process.exit(0));
  }
});
