// The HTTP server: Express + socket.io on one http.Server + the Remix handler.
import http from "node:http";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { Server as SocketServer } from "socket.io";
import { readSession } from "~/utils/session.server";
import { getEnv } from "~/utils/env.server";
import type { RequestContext } from "~/http/load-context";
import { attachSocketHandlers } from "./socket";
import { rejectCrossOriginMutations } from "./origin";

export type CreatedServer = { httpServer: http.Server; io: SocketServer };

export async function createServer(build: ServerBuild): Promise<CreatedServer> {
  const env = getEnv();
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");

  const httpServer = http.createServer(app);
  const io = new SocketServer(httpServer, { path: "/socket.io", serveClient: false });
  attachSocketHandlers(io);

  app.get("/healthz", (_req, res) => {
    res.json({ ok: true });
  });

  // Fingerprinted assets can be cached forever; the rest of public/ for an hour.
  app.use("/build", express.static(path.resolve("public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.resolve("public"), { maxAge: "1h" }));

  app.use(rejectCrossOriginMutations(env.appUrl));

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.nodeEnv === "production" ? "production" : "development",
      async getLoadContext(req, res): Promise<RequestContext> {
        const session = await readSession(req.headers.cookie ?? null);
        if (session.setCookie) res.append("Set-Cookie", session.setCookie);
        return { user: session.user, sessionId: session.sessionId, clientIp: req.ip ?? "unknown", io };
      },
    }),
  );

  return { httpServer, io };
}
