// Every error of a request ends here: Express 4 does not catch a rejected promise, so every async
// middleware is registered through `catchAsync`, which hands its rejection to `next`, and this one
// handler answers. A typed error answers its status (app/utils/errors.ts); anything else is logged
// with the request id and answers 500 `internal` with that id and nothing internal. The server
// keeps serving either way.
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from "express";
import { errorResponse } from "~/http/api.server";
import { AppError, isAppError } from "~/utils/errors";
import { chooseLanguage, translate, translateMaybe } from "~/utils/i18n";
import { currentRequestScope, logUnexpectedError } from "~/utils/logger.server";
import { sendFetchResponse } from "./api-dispatch";
import { discardRestOfBody } from "./body-limit";

type AsyncHandler = (req: Request, res: Response, next: NextFunction) => Promise<unknown>;

/** An async middleware whose rejection reaches the error handler instead of killing the process. */
export function catchAsync(handler: AsyncHandler): RequestHandler {
  return (req, res, next) => {
    handler(req, res, next).catch(next);
  };
}

/** Errors raised by Express's own parts (express.static → send: a path that does not decode…). */
function typedErrorOf(error: unknown): AppError | null {
  if (isAppError(error)) return error;
  if (error instanceof URIError) return new AppError("validation_failed", "error.badRequest");
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status !== "number" || status < 400 || status >= 500) return null;
  if (status === 404) return new AppError("not_found");
  if (status === 413) return new AppError("payload_too_large", "error.payload_too_large");
  return new AppError("validation_failed", "error.badRequest");
}

function wantsJson(req: Request): boolean {
  return req.path.startsWith("/api/") || /application\/json/i.test(req.headers.accept ?? "") || req.query._data !== undefined;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A page-shaped answer for a browser, in its language, with the reference a user can quote. */
function errorPage(req: Request, res: Response, error: AppError | null): void {
  const language = chooseLanguage(null, req.headers["accept-language"]);
  const status = error?.status ?? 500;
  const message = error ? translateMaybe(language, error.message === error.code ? `error.${error.code}` : error.message) : translate(language, "error.internal");
  const requestId = currentRequestScope()?.requestId;
  const reference = status >= 500 && requestId ? `<p>${escapeHtml(translate(language, "error.requestId", { id: requestId }))}</p>` : "";
  res
    .status(status)
    .type("html")
    .set("Cache-Control", "no-store")
    .send(
      `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${status}</title></head>` +
        `<body><main><h1>${status} — ${escapeHtml(translate(language, "error.title"))}</h1><p>${escapeHtml(message)}</p>${reference}` +
        `<p><a href="/">${escapeHtml(translate(language, "error.goHome"))}</a></p></main></body></html>`,
    );
}

export function handleErrors(): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const typed = typedErrorOf(error);
    if (res.headersSent) {
      // Too late to answer (a page was streaming, or a 413 already went out): end the response.
      if (!typed) logUnexpectedError(error, "Request failed after its answer started");
      if (!res.writableEnded) res.destroy();
      return;
    }
    if (typed?.code === "payload_too_large") discardRestOfBody(req, res);
    if (wantsJson(req)) {
      // errorResponse logs what is unexpected and puts the request id in a 500's body.
      void sendFetchResponse(res, errorResponse(typed ?? error)).catch(() => res.destroy());
      return;
    }
    if (!typed) logUnexpectedError(error, "Request failed");
    errorPage(req, res, typed);
  };
}
