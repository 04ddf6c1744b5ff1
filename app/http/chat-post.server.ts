// A chat message as posted: JSON {body} (API), a urlencoded form (the page without a file) or a
// multipart form with `body` and an optional `file` (the page, or the API with an attachment). The
// file is read with the upload limit; one over it is drained and reported, never kept in memory.
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import type { ChatFile } from "~/modules/chat/chat.server";
import { MAX_UPLOAD_BYTES } from "~/modules/order/documents.server";
import { readJsonBody } from "./api.server";

export type ChatPost = { fields: Record<string, string>; file: ChatFile | null; tooLarge: boolean };

const HARD_CAP = MAX_UPLOAD_BYTES * 10;
const MAX_FIELD = 64 * 1024;

export async function readChatPost(request: Request): Promise<ChatPost> {
  const contentType = request.headers.get("content-type") ?? "";
  if (/^application\/json/i.test(contentType)) {
    const json = await readJsonBody(request);
    const body = (json as { body?: unknown } | null)?.body;
    return { fields: typeof body === "string" ? { body } : {}, file: null, tooLarge: false };
  }
  if (!/^multipart\/form-data/i.test(contentType)) {
    const form = new URLSearchParams(await request.text());
    return { fields: Object.fromEntries(form), file: null, tooLarge: false };
  }
  if (Number(request.headers.get("content-length") ?? 0) > HARD_CAP) return { fields: {}, file: null, tooLarge: true };
  const fields: Record<string, string> = {};
  let file: ChatFile | null = null;
  let tooLarge = false;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > HARD_CAP) throw new Error("Upload far above the limit");
      if (size <= MAX_UPLOAD_BYTES) chunks.push(chunk);
    }
    if (filename === undefined) {
      if (size <= MAX_FIELD) fields[name] = Buffer.concat(chunks).toString("utf8");
      return undefined;
    }
    // A file input left empty sends a part without name and content.
    if (name !== "file" || (size === 0 && !filename)) return undefined;
    if (size > MAX_UPLOAD_BYTES) {
      tooLarge = true;
      return undefined;
    }
    file = { filename, bytes: new Uint8Array(Buffer.concat(chunks)) };
    return undefined;
  };
  await unstable_parseMultipartFormData(request, handler);
  return { fields, file, tooLarge };
}
