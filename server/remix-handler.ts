// Pages go through Remix. @remix-run/express's handler would hand Remix the raw request stream; this
// one hands it the same stream behind the body cap (server/body-limit.ts), so that a page post over
// the limit answers 413 at once, whatever the route's action does with the failed read.
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import { createRemixHeaders } from "@remix-run/express/dist/server.js";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { bodyLimitOf, checkDeclaredLength, hasBody, limitedBody } from "./body-limit";
import { matchRoutePattern, routePatternsOf } from "./route-patterns";

type Options = {
  build: ServerBuild;
  mode: "production" | "development";
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => Promise<AppLoadContext>;
};

/** The request as Remix sees it: the same URL and headers as @remix-run/express builds, a capped body. */
function remixRequestOf(req: ExpressRequest, res: ExpressResponse, body: ReadableStream | undefined): Request {
  // req.hostname respects "trust proxy"; the port comes from X-Forwarded-Host or Host.
  const portOf = (host: string | undefined) => Number.parseInt(host?.split(":")[1] ?? "", 10);
  const port = [portOf(req.get("X-Forwarded-Host")), portOf(req.get("host"))].find(Number.isSafeInteger);
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  // Abort loaders and actions once the answer can no longer be written (closed before finishing).
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers: createRemixHeaders(req.headers), signal: controller.signal };
  if (body) {
    init.body = body;
    init.duplex = "half";
  }
  return new Request(url.href, init);
}

/**
 * Like @remix-run/express's sendRemixResponse, except that a header the route sets replaces the
 * server's default (a file's stricter Content-Security-Policy, its own nosniff) instead of doubling it.
 */
async function sendRemixResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) {
    if (name === "set-cookie") continue;
    res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.append("Set-Cookie", cookies);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

export function remixHandler({ build, mode, getLoadContext }: Options) {
  const handleRequest = createRequestHandler(build, mode);
  const uploadPages = routePatternsOf(build).filter(
    (route) => (build.routes[route.routeId].module.handle as { acceptsUploads?: boolean } | undefined)?.acceptsUploads,
  );
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction): Promise<void> => {
    let answered = false;
    let body: ReadableStream | undefined;
    if (hasBody(req)) {
      const limit = bodyLimitOf(req, matchRoutePattern(uploadPages, req.path) ? "upload-page" : "page");
      checkDeclaredLength(req, limit);
      body = createReadableStreamFromReadable(
        limitedBody(req, limit, (tooLarge) => {
          answered = true;
          next(tooLarge);
        }),
      );
    }
    const request = remixRequestOf(req, res, body);
    try {
      const response = await handleRequest(request, await getLoadContext(req, res));
      if (answered) {
        await response.body?.cancel();
        return;
      }
      await sendRemixResponse(res, response);
    } catch (error) {
      if (!answered) throw error;
    }
  };
}
