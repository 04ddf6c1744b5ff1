// File uploads (multipart forms) read into memory with a size limit. An upload over the limit is still
// read to its end (up to a hard cap) and dropped: answering before the browser has finished sending
// makes it show "connection reset" instead of our message.
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";

export type UploadedFile = { name: string; bytes: Uint8Array };
export type UploadResult = { file: UploadedFile | null; tooLarge: boolean };

const HARD_CAP_FACTOR = 10;

export async function readUploadedFile(request: Request, field: string, maxBytes: number): Promise<UploadResult> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(contentType)) return { file: null, tooLarge: false };
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes * HARD_CAP_FACTOR) return { file: null, tooLarge: true };

  let file: UploadedFile | null = null;
  let tooLarge = false;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > maxBytes * HARD_CAP_FACTOR) throw new Error("Upload far above the limit");
      if (size <= maxBytes) chunks.push(chunk);
    }
    if (name !== field || filename === undefined) return undefined;
    if (size > maxBytes) {
      tooLarge = true;
      return undefined;
    }
    if (size === 0 && !filename) return undefined;
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    file = { name: filename, bytes };
    return undefined;
  };
  await unstable_parseMultipartFormData(request, handler);
  return { file, tooLarge };
}
