// A page's single-file upload form (documents, catalog import): the file of one field, with its limit;
// an over-limit body is drained so that the browser shows the page's message.
// Parsing, limits and malformed bodies: ./multipart.server.ts.
import { BROWSER_DRAIN_BYTES, isMultipart, readMultipartForm, type MultipartForm, type UploadedFile } from "./multipart.server";

export type { UploadedFile };
export type UploadResult = {
  file: UploadedFile | null;
  oversize: MultipartForm["oversize"];
};

export async function readUploadedFile(request: Request, field: string, maxBytes: number): Promise<UploadResult> {
  if (!isMultipart(request)) return { file: null, oversize: null };
  const { file, oversize } = await readMultipartForm(request, {
    fileField: field,
    maxFileBytes: maxBytes,
    drainUpToBytes: BROWSER_DRAIN_BYTES,
  });
  return { file, oversize };
}
