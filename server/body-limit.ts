// Request bodies have a size cap, enforced while they stream in: a declared Content-Length above it
// is refused (413) before a byte is read, and a chunked body is cut off the moment it crosses it.
// Nothing is kept past the cap, so a 100 MB body costs no more memory than a 1 MB one.
import { Transform, type Readable } from "node:stream";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import { BROWSER_DRAIN_BYTES } from "~/http/multipart.server";
import { MAX_UPLOAD_BYTES } from "~/modules/order/documents.server";
import { AppError } from "~/utils/errors";

/** JSON, url-encoded forms and anything that is not multipart. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
/** A file of the contract's largest upload size plus the multipart framing and the other fields. */
export const MULTIPART_LIMIT_BYTES = MAX_UPLOAD_BYTES + 256 * 1024;
// After a 413 the client may still be sending: many clients (fetch, browsers) read the answer only once
// their upload is done, and a connection cut under them shows "connection reset" instead of our
// message. The rest is read and thrown away (it costs no memory) within these bounds, then cut.
const DISCARD_AT_MOST_BYTES = 128 * 1024 * 1024;
const DISCARD_AT_MOST_MS = 10_000;

/**
 * The cap for this request. A page whose route declares `handle.acceptsUploads` may carry more: its
 * reader (app/http/multipart.server.ts) keeps nothing past the file limit and reads on to
 * BROWSER_DRAIN_BYTES, so that the browser gets the form back with the field's message instead of a
 * bare 413. Any other multipart post, and every API client, gets the 413 at the multipart cap.
 */
export function bodyLimitOf(req: ExpressRequest, target: "api" | "page" | "upload-page"): number {
  if (!/^multipart\/form-data/i.test(req.headers["content-type"] ?? "")) return BODY_LIMIT_BYTES;
  return target === "upload-page" ? BROWSER_DRAIN_BYTES : MULTIPART_LIMIT_BYTES;
}

export function payloadTooLarge(limit: number): AppError {
  return new AppError("payload_too_large", "error.payload_too_large", { limitBytes: limit });
}

export function hasBody(req: ExpressRequest): boolean {
  return req.method !== "GET" && req.method !== "HEAD";
}

/** Throws 413 when the declared length is already above the limit. */
export function checkDeclaredLength(req: ExpressRequest, limit: number): void {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw payloadTooLarge(limit);
}

/**
 * The body as a stream that errors (payload_too_large) at the limit; `onOverflow` is told once, so
 * that the caller can answer 413 at once instead of waiting for whoever reads the stream.
 */
export function limitedBody(req: ExpressRequest, limit: number, onOverflow: (error: AppError) => void): Readable {
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received <= limit) return callback(null, chunk);
      req.unpipe(counter);
      const error = payloadTooLarge(limit);
      onOverflow(error);
      callback(error);
    },
  });
  req.on("error", (error) => counter.destroy(error));
  return req.pipe(counter);
}

/** The whole body in memory, within the limit (the JSON API's bodies are small). */
export function readLimitedBody(req: ExpressRequest, limit: number): Promise<Buffer> {
  checkDeclaredLength(req, limit);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const body = limitedBody(req, limit, () => {});
    body.on("data", (chunk: Buffer) => chunks.push(chunk));
    body.on("end", () => resolve(Buffer.concat(chunks)));
    body.on("error", reject);
  });
}

/** After a 413 (answered or about to be): what the client still sends is discarded, within bounds. */
export function discardRestOfBody(req: ExpressRequest, res: ExpressResponse): void {
  res.once("finish", () => {
    if (req.readableEnded) return;
    req.unpipe();
    let discarded = 0;
    const cut = () => req.socket.destroy();
    const timer = setTimeout(cut, DISCARD_AT_MOST_MS).unref();
    req.on("data", (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > DISCARD_AT_MOST_BYTES) cut();
    });
    req.once("end", () => clearTimeout(timer));
    req.once("close", () => clearTimeout(timer));
    req.resume();
  });
}
