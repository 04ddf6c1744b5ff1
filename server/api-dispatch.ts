// The JSON API's requests go straight to their resource route's loader or action (the route files in
// app/routes/api.v1.*.ts stay the one place that defines them). Remix's request handler would run the
// same function after matching every route of the app and preparing document and data responses:
// about a millisecond per request that the busiest endpoints (order creation, lists) do not need
// (docs/benchmarks.md). Anything this does not handle (no route, no loader or action for the method)
// falls through to Remix, which answers as it always does. Errors go to the app's one error handler
// (server/error-handler.ts) through `next`.
import type { ActionFunctionArgs, ServerBuild } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import type { RequestContext } from "~/http/load-context";
import { AppError } from "~/utils/errors";
import { currentRequestScope } from "~/utils/logger.server";
import { bodyLimitOf, readLimitedBody } from "./body-limit";
import { matchRoutePattern, routePatternsOf, type RoutePattern } from "./route-patterns";

type RouteHandler = (args: ActionFunctionArgs) => Promise<Response> | Response;
type ApiRoute = RoutePattern & { loader?: RouteHandler; action?: RouteHandler };

const API_PREFIX = "api/v1/";

/** The API's resource routes of a Remix build, most specific first. */
export function apiRoutesOf(build: ServerBuild): ApiRoute[] {
  return routePatternsOf(build, (path) => path.startsWith(API_PREFIX)).map((route) => ({
    ...route,
    loader: build.routes[route.routeId].module.loader as RouteHandler | undefined,
    action: build.routes[route.routeId].module.action as RouteHandler | undefined,
  }));
}

/** A path parameter as the route sees it; a broken percent-encoding (%ZZ) is the client's mistake. */
function decodeParam(name: string, raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AppError("validation_failed", "The address is not valid (broken percent-encoding)", { fields: { [name]: "field.invalid" } });
  }
}

function fetchHeaders(req: ExpressRequest): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
  return headers;
}

export async function sendFetchResponse(res: ExpressResponse, response: Response): Promise<void> {
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
    const match = matchRoutePattern(routes, url.pathname);
    const reads = req.method === "GET" || req.method === "HEAD";
    const handler = match && (reads ? match.route.loader : match.route.action);
    if (!match || !handler) return next();
    const scope = currentRequestScope();
    if (scope) scope.route = match.route.template;
    const params: Record<string, string> = {};
    match.route.paramNames.forEach((name, i) => {
      params[name] = decodeParam(name, match.rawParams[i]);
    });
    const body = reads ? undefined : await readLimitedBody(req, bodyLimitOf(req, "api"));
    const request = new Request(url, { method: req.method, headers: fetchHeaders(req), body: body?.length ? new Uint8Array(body) : undefined });
    const context = await options.loadContext(req, res);
    try {
      await sendFetchResponse(res, await handler({ request, params, context }));
    } catch (error) {
      // The routes answer their own errors (app/http/api.server.ts); a thrown Response is an answer too.
      if (error instanceof Response) return sendFetchResponse(res, error);
      throw error;
    }
  };
}
