// Security headers on every answer (pages, JSON, files), set by helmet. The Content-Security-Policy
// allows scripts from this origin and inline scripts that carry this request's nonce (Remix's
// <Scripts>/<ScrollRestoration> and the streamed data: app/entry.server.tsx, app/root.tsx).
// Not set: form-action, because a form post may redirect to Stripe Checkout (another origin).
import crypto from "node:crypto";
import type { Request, RequestHandler, Response } from "express";
import helmet from "helmet";

export const CSP_NONCE_BYTES = 16;

export function cspNonceOf(res: Response): string {
  return res.locals.cspNonce as string;
}

export function securityHeaders(appUrl: string): RequestHandler[] {
  const url = new URL(appUrl);
  const https = url.protocol === "https:";
  const socketOrigin = `${https ? "wss" : "ws"}://${url.host}`;
  const nonce: RequestHandler = (_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(CSP_NONCE_BYTES).toString("base64");
    next();
  };
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${cspNonceOf(res as Response)}'`],
        "script-src-attr": ["'none'"],
        // Style attributes (bar widths) and the e-mails' inline styles in the mail viewer; no script.
        "style-src": ["'self'", "'unsafe-inline'"],
        // Chat attachments and document previews are same-origin; data:/blob: for generated images.
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        // socket.io on the same origin (some browsers do not count ws: as 'self').
        "connect-src": ["'self'", socketOrigin],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        ...(https ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    // HSTS only where the app is served over https: on http it would lock browsers out.
    strictTransportSecurity: https ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "same-origin" },
    crossOriginEmbedderPolicy: false,
  });
  return [nonce, headers as (req: Request, res: Response, next: (error?: unknown) => void) => void];
}
