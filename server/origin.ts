// Mutating requests from another origin are refused (the session cookie is SameSite=Lax; this is the
// second wall). Requests without Origin (API clients, curl) go through: they carry a bearer token or
// no cookie a browser would have attached cross-site. Stripe webhooks are signed instead.
// The socket.io handshake applies the same rule to cookie-authenticated connections (server/socket.ts).
import type { NextFunction, Request, Response } from "express";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether a request's Origin header (if any) is the app's own or the one the request was sent to. */
export function isSameOriginRequest(origin: string | undefined, appOrigin: string, requestOrigin: string): boolean {
  return !origin || origin === appOrigin || origin === requestOrigin;
}

export function rejectCrossOriginMutations(appUrl: string) {
  const allowed = new URL(appUrl).origin;
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method) || req.path.startsWith("/api/v1/webhooks/")) return next();
    if (isSameOriginRequest(req.headers.origin, allowed, `${req.protocol}://${req.headers.host}`)) return next();
    res.status(403).json({ error: { code: "forbidden", message: "Cross-origin request refused" } });
  };
}
