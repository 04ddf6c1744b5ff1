// A chat message as posted: JSON {body} (API), a urlencoded form (the page without a file) or a
// multipart form with `body` and an optional `file` (the page, or the API with an attachment). The
// file is read with the upload limit (./multipart.server.ts); one over it is reported, never kept.
import type { ChatFile } from "~/modules/chat/chat.server";
import { MAX_UPLOAD_BYTES } from "~/modules/order/documents.server";
import { readJsonBody } from "./api.server";
import { BROWSER_DRAIN_BYTES, isMultipart, readMultipartForm, type MultipartForm } from "./multipart.server";

export type ChatPost = {
  fields: Record<string, string>;
  file: ChatFile | null;
  oversize: MultipartForm["oversize"];
};

const MAX_FIELD = 64 * 1024;

/** `from: "page"` drains an over-limit body so that the browser shows the message (the API answers at once). */
export async function readChatPost(request: Request, from: "api" | "page"): Promise<ChatPost> {
  const contentType = request.headers.get("content-type") ?? "";
  if (/^application\/json/i.test(contentType)) {
    const json = await readJsonBody(request);
    const body = (json as { body?: unknown } | null)?.body;
    return {
      fields: typeof body === "string" ? { body } : {},
      file: null,
      oversize: null,
    };
  }
  if (!isMultipart(request)) {
    const form = new URLSearchParams(await request.text());
    return { fields: Object.fromEntries(form), file: null, oversize: null };
  }
  const { fields, file, oversize } = await readMultipartForm(request, {
    fileField: "file",
    maxFileBytes: MAX_UPLOAD_BYTES,
    maxFieldBytes: MAX_FIELD,
    ...(from === "page" ? { drainUpToBytes: BROWSER_DRAIN_BYTES } : {}),
  });
  return {
    fields,
    file: file ? { filename: file.name, bytes: file.bytes } : null,
    oversize,
  };
}
