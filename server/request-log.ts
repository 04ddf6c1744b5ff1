// Every request gets an id (X-Request-Id on the answer; an incoming one is kept when it is a short
// safe token, so that a proxy's id follows the request) and one JSON log line when it ends: method,
// route template, status, duration, request id, organization. Never a URL's ids or tokens, a
// header, a cookie or a body. The rest of the request runs in its scope (app/utils/logger.server.ts).
import crypto from "node:crypto";
import type { RequestHandler } from "express";
import { getLogger, runInRequestScope, type RequestScope } from "~/utils/logger.server";

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestLog(templateOf: (pathname: string) => string): RequestHandler {
  const logger = getLogger();
  return (req, res, next) => {
    const started = performance.now();
    const pathname = req.path; // before a mounted router strips its prefix
    const incoming = req.headers["x-request-id"];
    const requestId = typeof incoming === "string" && SAFE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    res.setHeader("X-Request-Id", requestId);
    const scope: RequestScope = { requestId };
    res.once("close", () => {
      if (!logger.isLevelEnabled("info")) return;
      logger.info(
        {
          requestId,
          method: req.method,
          route: scope.route ?? templateOf(pathname),
          status: res.statusCode,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          organizationId: scope.organizationId,
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        "request",
      );
    });
    runInRequestScope(scope, next);
  };
}
