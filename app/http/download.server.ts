// File responses (PDFs, uploaded documents): the right type, a Content-Disposition that survives
// non-ASCII names, and headers that stop a browser from guessing the type or caching someone else's file.
export type Disposition = "inline" | "attachment";

/** `attachment; filename="Epicerie.pdf"; filename*=UTF-8''%C3%89picerie.pdf` */
export function contentDisposition(disposition: Disposition, filename: string): string {
  const ascii = filename
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A file sent while it is made (its length unknown until the end): the headers of fileResponse, chunked. */
export function streamedFileResponse(file: { filename: string; contentType: string; stream: ReadableStream<Uint8Array> }, disposition: Disposition): Response {
  const headers = new Headers(fileResponse({ ...file, bytes: new Uint8Array(0) }, disposition).headers);
  headers.delete("Content-Length");
  return new Response(file.stream, { headers });
}

export function fileResponse(file: { filename: string; contentType: string; bytes: Uint8Array }, disposition: Disposition): Response {
  return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": contentDisposition(disposition, file.filename),
      "X-Content-Type-Options": "nosniff",
      // A document is shown as itself, never as a page of the app that could run scripts.
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'",
      "Cache-Control": "private, no-store",
    },
  });
}
