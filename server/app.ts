// The HTTP server: Express + socket.io on one http.Server + the Remix handler. With REDIS_URL set,
// socket.io goes through the Redis adapter (channels under REDIS_PREFIX), so that an emit on one
// instance reaches the clients of every instance; without it, the in-memory adapter.
import http from "node:http";
import path from "node:path";
import { createAdapter } from "@socket.io/redis-adapter";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { createClient } from "redis";
import { Server as SocketServer } from "socket.io";
import { readSession } from "~/utils/session.server";
import { getEnv } from "~/utils/env.server";
import type { RequestContext } from "~/http/load-context";
import { attachSocketHandlers } from "./socket";
import { rejectCrossOriginMutations } from "./origin";
import { apiDispatcher } from "./api-dispatch";
import { catchAsync, handleErrors } from "./error-handler";
import { remixHandler } from "./remix-handler";
import { requestLog } from "./request-log";
import { templateFinder } from "./route-patterns";
import { cspNonceOf, securityHeaders } from "./security-headers";

export type CreatedServer = { httpServer: http.Server; io: SocketServer };

export async function createServer(build: ServerBuild): Promise<CreatedServer> {
  const env = getEnv();
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");

  // First: the request's id and log line, and the security headers of every answer (files included).
  app.use(requestLog(templateFinder(build, ["/healthz"])));
  app.use(securityHeaders(env.appUrl));

  const httpServer = http.createServer(app);
  const io = new SocketServer(httpServer, { path: "/socket.io", serveClient: false });
  if (env.redisUrl) await useRedisAdapter(io, httpServer, env.redisUrl, env.redisPrefix);
  attachSocketHandlers(io);

  app.get("/healthz", (_req, res) => {
    res.json({ ok: true });
  });

  // Fingerprinted assets can be cached forever; the rest of public/ for an hour.
  app.use("/build", express.static(path.resolve("public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.resolve("public"), { maxAge: "1h" }));

  app.use(rejectCrossOriginMutations(env.appUrl));

  async function loadContext(req: express.Request, res: express.Response): Promise<RequestContext> {
    const session = await readSession(req.headers.cookie ?? null);
    if (session.setCookie) res.append("Set-Cookie", session.setCookie);
    return { user: session.user, sessionId: session.sessionId, clientIp: req.ip ?? "unknown", io, cspNonce: cspNonceOf(res) };
  }
  // Remix's development mode puts error messages in pages: only under `npm run dev`; tests see what
  // `npm start` serves. Every async middleware goes through catchAsync: its errors reach handleErrors, never the process.
  app.use("/api/v1", catchAsync(apiDispatcher(build, { appUrl: env.appUrl, loadContext })));
  app.all("*", catchAsync(remixHandler({ build, mode: env.nodeEnv === "development" ? "development" : "production", getLoadContext: loadContext })));
  app.use(handleErrors());

  return { httpServer, io };
}

async function useRedisAdapter(io: SocketServer, httpServer: http.Server, url: string, prefix: string): Promise<void> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  // A lost connection is retried by the client; say so instead of crashing the server.
  for (const client of [pub, sub]) client.on("error", (error: Error) => console.error("Redis (socket.io adapter):", error.message));
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub, { key: `${prefix}:socket.io` }));
  httpServer.once("close", () => {
    for (const client of [pub, sub]) client.close().catch(() => client.destroy());
  });
}
