// The one reader of multipart/form-data bodies (file uploads of the pages and the API). Busboy parses
// the part headers as RFC 7578 says (quoted names with `=` or `;`, RFC 5987 `filename*`, UTF-8), where
// Remix's parser split them on every `;` and `=` and threw. The body is streamed:
// - at most one file is kept (the field asked for), in memory up to its limit; a bigger one is
//   reported (`oversize: "file"`) and its bytes discarded as they arrive;
// - a body larger than the limit plus MULTIPART_OVERHEAD (announced by Content-Length or counted while
//   streaming) is not read further: `oversize: "body"`, for a 413;
// - a body that is not valid multipart (no boundary, a broken header, cut off) is a 400
//   `validation_failed`, like malformed JSON.
import busboy from "busboy";
import { AppError } from "~/utils/errors";

export type UploadedFile = { name: string; bytes: Uint8Array };

export type MultipartForm = {
  fields: Record<string, string>;
  file: UploadedFile | null;
  /** "file": the file was over its limit (body read to its end); "body": the body was cut off. */
  oversize: "file" | "body" | null;
};

export type MultipartLimits = {
  /** The form field that carries the file; files of other fields are discarded. */
  fileField: string;
  maxFileBytes: number;
  /** A longer text field is dropped. */
  maxFieldBytes?: number;
  /**
   * Pages: a body over the limit is still read (and discarded) up to this size before the answer, as
   * a browser that is still sending shows "connection reset" instead of it. The API answers at once.
   */
  drainUpToBytes?: number;
};

/** Room for the part headers and the text fields next to the file (a chat message is 4,000 characters). */
export const MULTIPART_OVERHEAD = 64 * 1024;
const MAX_PARTS = 50;
/** How much of an over-limit body a page reads and discards so that the browser sees the answer. */
export const BROWSER_DRAIN_BYTES = 100 * 1024 * 1024;

export function isMultipart(request: Request): boolean {
  return /^multipart\/form-data/i.test(request.headers.get("content-type") ?? "");
}

export function malformedFormError(): AppError {
  return new AppError("validation_failed", "error.malformedForm", {
    fields: { body: "error.malformedForm" },
  });
}

// Browsers escape `"`, CR and LF in a file name as %22, %0D and %0A (WHATWG HTML, multipart/form-data
// encoding); the name the user chose has the quote back, and never a line break.
function browserFilename(name: string): string {
  return name.replace(/%22/g, '"').replace(/%0[ad]/gi, " ");
}

export async function readMultipartForm(request: Request, limits: MultipartLimits): Promise<MultipartForm> {
  const maxBodyBytes = limits.maxFileBytes + MULTIPART_OVERHEAD;
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBodyBytes) {
    if (request.body && declared <= (limits.drainUpToBytes ?? 0)) await drain(request.body, limits.drainUpToBytes ?? 0);
    return { fields: {}, file: null, oversize: "body" };
  }
  if (!request.body) throw malformedFormError();

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": request.headers.get("content-type") ?? "" },
      defParamCharset: "utf8",
      // One byte more than the limit: busboy reports a file that reaches its limit, and the limit itself is allowed.
      limits: {
        fileSize: limits.maxFileBytes + 1,
        fieldSize: limits.maxFieldBytes ?? MULTIPART_OVERHEAD,
        parts: MAX_PARTS,
      },
    });
  } catch {
    // "Multipart: Boundary not found" and other unusable Content-Types.
    throw malformedFormError();
  }

  const form: MultipartForm = { fields: {}, file: null, oversize: null };
  let closed = false;
  const parsed = new Promise<void>((resolve, reject) => {
    parser.on("field", (name, value, info) => {
      if (!info.valueTruncated) form.fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      const chunks: Buffer[] = [];
      let size = 0;
      // A cut-off body fails the file stream too; the parser's own error is the one reported.
      stream.on("error", () => undefined);
      stream.on("data", (chunk: Buffer) => {
        size += chunk.byteLength;
        // Only the asked-for file is kept, and never more of it than its limit (busboy stops there).
        if (name === limits.fileField && !form.file) chunks.push(chunk);
      });
      stream.on("limit", () => {
        if (name === limits.fileField) form.oversize = "file";
      });
      stream.on("end", () => {
        // A file input left empty sends a part without a name and content.
        if (name !== limits.fileField || form.file || form.oversize || (size === 0 && !info.filename)) return;
        form.file = {
          name: browserFilename(info.filename ?? ""),
          bytes: new Uint8Array(Buffer.concat(chunks)),
        };
      });
    });
    parser.on("close", () => {
      closed = true;
      resolve();
    });
    parser.on("error", reject);
  });
  parsed.catch(() => undefined); // awaited below; an early failure must not be unhandled meanwhile

  const reader = request.body.getReader();
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), parsed.then(() => ({ done: true as const, value: undefined }))]);
      if (done) break;
      received += value.byteLength;
      if (received > maxBodyBytes) {
        form.oversize = "body";
        break;
      }
      if (!parser.write(value)) await Promise.race([new Promise((resolve) => parser.once("drain", resolve)), parsed]);
    }
    if (form.oversize === "body") {
      parser.destroy();
      reader.releaseLock();
      if (limits.drainUpToBytes) await drain(request.body, limits.drainUpToBytes - received);
      return { fields: {}, file: null, oversize: "body" };
    }
    if (!closed) parser.end();
    await parsed;
  } catch (error) {
    if (error instanceof AppError) throw error;
    // Busboy's "Unexpected end of form", "Malformed part header"… are the client's; anything else is
    // a broken connection, which is the client's too.
    throw malformedFormError();
  } finally {
    if (form.oversize !== "body") reader.releaseLock();
  }
  return form;
}

/** Reads and discards up to `maxBytes` of what is left of a body (no memory kept). */
async function drain(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<void> {
  const reader = body.getReader();
  let read = 0;
  try {
    while (read <= maxBytes) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
  } catch {
    // The client went away: nothing left to answer.
  } finally {
    reader.releaseLock();
  }
}
