// Mutating requests from another origin are refused (the session cookie is SameSite=Lax; this is the
// second wall). Requests without Origin (API clients, curl) go through: they carry a bearer token or
// no cookie a browser would have attached cross-site. Stripe webhooks are signed instead.
import type { NextFunction, Request, Response } from "express";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function rejectCrossOriginMutations(appUrl: string) {
  const allowed = new URL(appUrl).origin;
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method) || req.path.startsWith("/api/v1/webhooks/")) return next();
    const origin = req.headers.origin;
    if (!origin) return next();
    const requestOrigin = `${req.protocol}://${req.headers.host}`;
    if (origin === allowed || origin === requestOrigin) return next();
    res.status(403).json({ error: { code: "forbidden", message: "Cross-origin request refused" } });
  };
}
