// Uploads that used to answer 500 or touch the disk too early (issue 10): file names with `=`, `;`,
// quotes and accents; malformed multipart bodies; request ids that are not order ids; bodies far
// above the 10 MB limit. Chat (API and page) and order documents (page).
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { insertOrder } from "../setup/insert-order";
import { api, apiToken, PageClient, useTestServer, type TestServer } from "../setup/http";

const BRASSERIE = "brasserie-du-pont";
const MARTIN = "epicerie-martin";
const EN = { "Accept-Language": "en" };
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const MB = 1024 * 1024;

const TRICKY_NAMES = ["x=1.pdf", "Facture; mars.pdf", 'Reçu "final".pdf'];

let server: TestServer;
let marc: string; // épicerie OWNER, buyer of the order
let bruno: string; // boulangerie: no part in the order
let marcPage: PageClient;
let brunoPage: PageClient;
let orderId: string;

beforeAll(async () => {
  server = await useTestServer();
  [marc, bruno] = await Promise.all([apiToken(server, "marc@martin.test", MARTIN), apiToken(server, "bruno@aurore.test", "boulangerie-aurore")]);
  marcPage = await new PageClient(server).login("marc@martin.test");
  brunoPage = await new PageClient(server).login("bruno@aurore.test");
  orderId = (
    await insertOrder({
      seller: BRASSERIE,
      buyer: MARTIN,
      createdBy: "marc@martin.test",
      lines: [{ description: "Blonde du Pont — Caisse de 24 × 33 cl", quantity: 10, unitPrice4: 42_0000 }],
    })
  ).id;
});

function fileForm(name: string, bytes: Uint8Array<ArrayBuffer> = PDF, body?: string): FormData {
  const form = new FormData();
  if (body !== undefined) form.set("body", body);
  form.set("file", new Blob([bytes], { type: "application/pdf" }), name);
  return form;
}

/** The name a browser saves a download under: RFC 5987 `filename*` first. */
function downloadName(res: Response): string | null {
  const header = res.headers.get("content-disposition") ?? "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  return star ? decodeURIComponent(star[1]) : null;
}

function postApi(pathname: string, token: string, body: BodyInit, headers: Record<string, string> = {}) {
  return fetch(`${server.baseUrl}${pathname}`, { method: "POST", headers: { Authorization: `Bearer ${token}`, ...headers }, body });
}

/** Every file under DATA_DIR/chat and DATA_DIR/documents. */
function storedFiles(): string[] {
  const root = getEnv().dataDir;
  return ["chat", "documents"].flatMap((dir) => {
    const full = path.join(root, dir);
    return fs.existsSync(full) ? fs.readdirSync(full, { recursive: true, encoding: "utf8" }).filter((f) => fs.statSync(path.join(full, f)).isFile()).map((f) => path.join(dir, f)) : [];
  });
}

/**
 * Runs requests while recording every file or folder the server creates under DATA_DIR/chat or
 * DATA_DIR/documents (the server runs in this process: the spies see its writes, even one removed again).
 */
async function filesTouchedDuring(work: () => Promise<void>): Promise<string[]> {
  const root = getEnv().dataDir;
  const touched: string[] = [];
  const record = (target: unknown) => {
    const rel = path.relative(root, String(target));
    if (/^(chat|documents)(\/|$)/.test(rel)) touched.push(rel);
  };
  const realWrite = fs.writeFileSync.bind(fs);
  const realMkdir = fs.mkdirSync.bind(fs);
  const spies = [
    vi.spyOn(fs, "writeFileSync").mockImplementation((file, ...rest) => {
      record(file);
      return realWrite(file, ...rest);
    }),
    vi.spyOn(fs, "mkdirSync").mockImplementation(((dir: fs.PathLike, options?: fs.MakeDirectoryOptions) => {
      record(dir);
      return realMkdir(dir, options);
    }) as typeof fs.mkdirSync),
  ];
  try {
    await work();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return touched;
}

describe("file names with = ; quotes and accents", () => {
  it.each(TRICKY_NAMES)("chat API: %s is stored, listed and downloaded with its name", async (name) => {
    const res = await postApi(`/api/v1/orders/${orderId}/messages`, marc, fileForm(name, PDF, "voir pièce jointe"));
    expect(res.status).toBe(201);
    const message = await res.json();
    expect(message.attachments).toEqual([expect.objectContaining({ filename: name, contentType: "application/pdf" })]);
    const list = await api(server, "GET", `/api/v1/orders/${orderId}/messages`, { token: marc });
    expect(list.body.messages.at(-1).attachments[0].filename).toBe(name);
    const download = await fetch(`${server.baseUrl}/api/v1/orders/${orderId}/attachments/${message.attachments[0].id}`, { headers: { Authorization: `Bearer ${marc}` } });
    expect(download.status).toBe(200);
    expect(downloadName(download)).toBe(name);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
  });

  it.each(TRICKY_NAMES)("chat page: %s is stored and downloaded with its name", async (name) => {
    const res = await marcPage.postMultipart(`/o/${MARTIN}/orders/${orderId}/messages`, fileForm(name, PDF, "par la page"), EN);
    expect(res.status).toBe(302);
    const attachment = await getDb().chatAttachment.findFirstOrThrow({ where: { orderId }, orderBy: { createdAt: "desc" } });
    expect(attachment.filename).toBe(name);
    const download = await marcPage.download(`/o/${MARTIN}/orders/${orderId}/attachments/${attachment.id}`);
    expect(download.status).toBe(200);
    expect(downloadName(download)).toBe(name);
  });

  it.each(TRICKY_NAMES)("documents page: %s is stored, listed and downloaded with its name", async (name) => {
    const res = await marcPage.postMultipart(`/o/${MARTIN}/orders/${orderId}/documents`, fileForm(name), EN);
    expect(res.status).toBe(302);
    const document = await getDb().orderDocument.findFirstOrThrow({ where: { orderId, kind: "UPLOAD" }, orderBy: { createdAt: "desc" } });
    expect(document.filename).toBe(name);
    const page = await marcPage.data(`/o/${MARTIN}/orders/${orderId}/documents`, "routes/o.$org.orders.$orderId_.documents");
    expect(page.body.documents.map((d: { filename: string }) => d.filename)).toContain(name);
    const download = await marcPage.download(`/o/${MARTIN}/orders/${orderId}/documents/${document.id}`);
    expect(download.status).toBe(200);
    expect(downloadName(download)).toBe(name);
  });

  it("reads an RFC 5987 filename* sent by a client", async () => {
    const boundary = "----comptoir-test";
    const body =
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="Recu.pdf"; filename*=UTF-8''Re%C3%A7u%20%3D%3B.pdf\r\n` +
      `Content-Type: application/pdf\r\n\r\n${new TextDecoder().decode(PDF)}\r\n--${boundary}--\r\n`;
    const res = await postApi(`/api/v1/orders/${orderId}/messages`, marc, body, { "Content-Type": `multipart/form-data; boundary=${boundary}` });
    expect(res.status).toBe(201);
    expect((await res.json()).attachments[0].filename).toBe("Reçu =;.pdf");
  });
});

describe("malformed multipart bodies answer 400 validation_failed", () => {
  const boundary = "----comptoir-broken";
  const truncated = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 and then the connection`;
  const badHeader = `--${boundary}\r\nContent-Disposition form-data\r\n\r\nx\r\n--${boundary}--\r\n`;
  const cases: [string, string, string][] = [
    ["no boundary", "multipart/form-data", `--x\r\nContent-Disposition: form-data; name="body"\r\n\r\nhello\r\n--x--\r\n`],
    ["a truncated stream", `multipart/form-data; boundary=${boundary}`, truncated],
    ["a part header without a colon", `multipart/form-data; boundary=${boundary}`, badHeader],
    ["garbage", `multipart/form-data; boundary=${boundary}`, "\u0000\u0001 not multipart at all"],
  ];

  it.each(cases)("chat API: %s", async (_label, contentType, body) => {
    const res = await postApi(`/api/v1/orders/${orderId}/messages`, marc, body, { "Content-Type": contentType });
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error.code).toBe("validation_failed");
    expect(typeof json.error.message).toBe("string");
  });

  it.each(cases)("chat page: %s shows the form error", async (_label, contentType, body) => {
    const res = await fetch(`${server.baseUrl}/o/${MARTIN}/orders/${orderId}/messages`, {
      method: "POST",
      headers: { Cookie: await cookieOf(marcPage), "Content-Type": contentType, ...EN },
      body,
      redirect: "manual",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("The form could not be read");
  });

  it.each(cases)("documents page: %s shows the form error", async (_label, contentType, body) => {
    const res = await fetch(`${server.baseUrl}/o/${MARTIN}/orders/${orderId}/documents`, {
      method: "POST",
      headers: { Cookie: await cookieOf(marcPage), "Content-Type": contentType, ...EN },
      body,
      redirect: "manual",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("The form could not be read");
  });
});

/** The session cookie a PageClient holds (for hand-made bodies). */
async function cookieOf(client: PageClient): Promise<string> {
  return (client as unknown as { cookieHeader(): string }).cookieHeader();
}

describe("uploads to an order the actor cannot see write nothing", () => {
  it.each(["!!!", "...", "..%2F..%2Fetc", "-_-"])("chat API to /orders/%s/messages answers 404, no file written", async (badId) => {
    const before = storedFiles();
    let status = 0;
    let body: any;
    const touched = await filesTouchedDuring(async () => {
      const res = await postApi(`/api/v1/orders/${badId}/messages`, marc, fileForm("a.pdf", PDF, "x"));
      status = res.status;
      body = await res.json();
    });
    expect(status).toBe(404);
    expect(body.error.code).toBe("not_found");
    expect(touched).toEqual([]);
    expect(storedFiles()).toEqual(before);
  });

  it.each(["!!!", "..."])("documents and chat pages to /orders/%s answer 404, no file written", async (badId) => {
    const touched = await filesTouchedDuring(async () => {
      expect((await marcPage.postMultipart(`/o/${MARTIN}/orders/${badId}/documents`, fileForm("a.pdf"), EN)).status).toBe(404);
      expect((await marcPage.postMultipart(`/o/${MARTIN}/orders/${badId}/messages`, fileForm("a.pdf", PDF, "x"), EN)).status).toBe(404);
    });
    expect(touched).toEqual([]);
  });

  it("a foreign order answers 404 by the API and the pages and writes nothing, not even for a moment", async () => {
    const messages = await getDb().chatMessage.count({ where: { orderId } });
    const documents = await getDb().orderDocument.count({ where: { orderId } });
    const touched = await filesTouchedDuring(async () => {
      expect((await postApi(`/api/v1/orders/${orderId}/messages`, bruno, fileForm("a.pdf", PDF, "intrus"))).status).toBe(404);
      expect((await brunoPage.postMultipart(`/o/boulangerie-aurore/orders/${orderId}/messages`, fileForm("a.pdf", PDF, "intrus"), EN)).status).toBe(404);
      expect((await brunoPage.postMultipart(`/o/boulangerie-aurore/orders/${orderId}/documents`, fileForm("a.pdf"), EN)).status).toBe(404);
    });
    expect(touched).toEqual([]);
    expect(await getDb().chatMessage.count({ where: { orderId } })).toBe(messages);
    expect(await getDb().orderDocument.count({ where: { orderId } })).toBe(documents);
  });
});

describe("bodies far above the 10 MB limit", () => {
  /** A chunked body (no Content-Length) of one multipart file part of `size` bytes. */
  function chunkedUpload(size: number): { body: ReadableStream<Uint8Array>; contentType: string; sent: () => number } {
    const boundary = "----comptoir-big";
    const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`);
    const chunk = new Uint8Array(256 * 1024).fill(0x20);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) {
          controller.enqueue(head);
          sent += head.byteLength;
        } else if (sent < size) {
          controller.enqueue(chunk);
          sent += chunk.byteLength;
        } else {
          controller.enqueue(new TextEncoder().encode(`\r\n--${boundary}--\r\n`));
          controller.close();
        }
      },
    });
    return { body, contentType: `multipart/form-data; boundary=${boundary}`, sent: () => sent };
  }

  it("chat API: a 30 MB chunked upload answers 413 payload_too_large with the limit, nothing stored", async () => {
    const messages = await getDb().chatMessage.count({ where: { orderId } });
    const upload = chunkedUpload(30 * MB);
    const res = await fetch(`${server.baseUrl}/api/v1/orders/${orderId}/messages`, {
      method: "POST",
      headers: { Authorization: `Bearer ${marc}`, "Content-Type": upload.contentType },
      body: upload.body,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    const json = await res.json();
    expect(json.error.code).toBe("payload_too_large");
    expect(json.error.details.limitBytes).toBeGreaterThanOrEqual(10 * MB);
    expect(await getDb().chatMessage.count({ where: { orderId } })).toBe(messages);
  });

  it("documents page: a 12 MB file answers 413 with the form and the message, nothing stored", async () => {
    const documents = await getDb().orderDocument.count({ where: { orderId } });
    const big = new Uint8Array(12 * MB);
    big.set(PDF);
    const res = await marcPage.postMultipart(`/o/${MARTIN}/orders/${orderId}/documents`, fileForm("gros.pdf", big), EN);
    expect(res.status).toBe(413);
    expect(res.html).toContain("The file is larger than 10 MB.");
    expect(await getDb().orderDocument.count({ where: { orderId } })).toBe(documents);
  });
});
