// The JSON API's requests go straight to their resource route's loader or action (the route files in
// app/routes/api.v1.*.ts stay the one place that defines them). Remix's request handler would run the
// same function after matching every route of the app and preparing document and data responses:
// about a millisecond per request that the busiest endpoints (order creation, lists) do not need
// (docs/benchmarks.md). Anything this does not handle (no route, no loader or action for the method)
// falls through to Remix, which answers as it always does.
import type { ActionFunctionArgs, ServerBuild } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import type { RequestContext } from "~/http/load-context";

type RouteHandler = (args: ActionFunctionArgs) => Promise<Response> | Response;
type ApiRoute = { pattern: RegExp; paramNames: string[]; rank: number[]; loader?: RouteHandler; action?: RouteHandler };

const API_PREFIX = "api/v1/";

/** "api/v1/orders/:id/:action" → a pattern, its parameter names and its rank (static before dynamic before splat). */
function compileRoute(path: string): Pick<ApiRoute, "pattern" | "paramNames" | "rank"> {
  const paramNames: string[] = [];
  const rank: number[] = [];
  const parts = path.split("/").map((segment) => {
    if (segment === "*") {
      paramNames.push("*");
      rank.push(0);
      return "(.*)";
    }
    if (segment.startsWith(":")) {
      paramNames.push(segment.slice(1));
      rank.push(1);
      return "([^/]+)";
    }
    rank.push(2);
    return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  });
  return { pattern: new RegExp(`^/${parts.join("/")}/?$`), paramNames, rank };
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (b[i] ?? -1) - (a[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** The API's resource routes of a Remix build, most specific first. */
export function apiRoutesOf(build: ServerBuild): ApiRoute[] {
  // Flat routes nest by file name (api.v1.orders.$id.invoice.ts is a child of api.v1.orders.$id.ts):
  // a route's URL is its ancestors' paths joined.
  const fullPath = (id: string | undefined): string => {
    const route = id ? build.routes[id] : undefined;
    if (!route || route.id === "root") return "";
    return [fullPath(route.parentId), route.path ?? ""].filter(Boolean).join("/");
  };
  return Object.values(build.routes)
    .map((route) => ({ route, path: fullPath(route.id) }))
    .filter(({ path }) => path.startsWith(API_PREFIX))
    .map(({ route, path }) => ({
      ...compileRoute(path),
      loader: route.module.loader as RouteHandler | undefined,
      action: route.module.action as RouteHandler | undefined,
    }))
    .sort((a, b) => compare(a.rank, b.rank));
}

function matchApiRoute(routes: ApiRoute[], pathname: string): { route: ApiRoute; params: Record<string, string> } | null {
  for (const route of routes) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    const params: Record<string, string> = {};
    route.paramNames.forEach((name, i) => {
      params[name] = decodeURIComponent(m[i + 1]);
    });
    return { route, params };
  }
  return null;
}

function readBody(req: ExpressRequest): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function fetchHeaders(req: ExpressRequest): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
  return headers;
}

async function sendResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.status(response.status);
  const cookies = response.headers.getSetCookie();
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}

export function apiDispatcher(
  build: ServerBuild,
  options: { appUrl: string; loadContext: (req: ExpressRequest, res: ExpressResponse) => Promise<RequestContext> },
) {
  const routes = apiRoutesOf(build);
  const origin = new URL(options.appUrl);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction): Promise<void> => {
    const url = new URL(req.originalUrl, `${req.protocol}://${req.get("host") ?? origin.host}`);
    const match = matchApiRoute(routes, url.pathname);
    const reads = req.method === "GET" || req.method === "HEAD";
    const handler = match && (reads ? match.route.loader : match.route.action);
    if (!match || !handler) return next();
    try {
      const body = reads ? undefined : await readBody(req);
      const request = new Request(url, { method: req.method, headers: fetchHeaders(req), body: body?.length ? new Uint8Array(body) : undefined });
      const context = await options.loadContext(req, res);
      const response = await handler({ request, params: match.params, context });
      await sendResponse(res, response);
    } catch (error) {
      if (error instanceof Response) return sendResponse(res, error);
      // The routes answer their own errors (app/http/api.server.ts); this is the server failing.
      console.error(error);
      if (!res.headersSent) res.status(500).json({ error: { code: "internal", message: "Internal error" } });
      else res.end();
    }
  };
}
