// Issue 10, the HTTP core: no request takes the server down (broken percent-encodings, unexpected
// errors), every error keeps the contract's shape and a 500 names its request id, bodies are capped
// while they stream (413 at once), lone UTF-16 surrogates are a 400, every answer carries the security
// headers, and a real `npm start` process logs one JSON line per request without secrets.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { createOrderRecords } from "../factories/orders";
import { createServer } from "../../server/app";
import { SERVER_BUILD } from "../../server/build";
import { api, PageClient, useTestServer, type TestServer } from "../setup/http";
import { daysFromToday, loadDemo, ordersClient, type Demo, type OrdersClient } from "../setup/orders-api";
import { startServerProcess, type StartedServer } from "../setup/server-process";

let server: TestServer;
let client: OrdersClient;
let demo: Demo;

beforeAll(async () => {
  server = await useTestServer();
  client = ordersClient(server);
  demo = await loadDemo();
});

async function deliveredOrder() {
  const [order] = await createOrderRecords(getDb(), [
    {
      sellerId: demo.org["brasserie-du-pont"],
      buyerId: demo.org["cafe-central"],
      status: "DELIVERED",
      distribution: "SELF",
      deliveryDate: daysFromToday(-1),
      lines: [{ format: demo.format("BDP-BLO", "Bouteille 33 cl"), quantity: 24 }],
    },
  ]);
  return order;
}

async function pendingOrder() {
  const [order] = await createOrderRecords(getDb(), [
    {
      sellerId: demo.org["brasserie-du-pont"],
      buyerId: demo.org["cafe-central"],
      status: "PENDING",
      distribution: "SELF",
      deliveryDate: daysFromToday(3),
      lines: [{ format: demo.format("BDP-BLO", "Bouteille 33 cl"), quantity: 6 }],
    },
  ]);
  return order;
}

/** Sends `total` bytes in chunks (Transfer-Encoding: chunked); tells how much was sent when the answer came. */
function chunkedUpload(pathname: string, headers: Record<string, string>, total: number) {
  return new Promise<{ status: number; body: string; sentWhenAnswered: number; sentInAll: number }>((resolve, reject) => {
    const url = new URL(server.baseUrl + pathname);
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { ...headers, "Transfer-Encoding": "chunked" } });
    let sent = 0;
    let sentWhenAnswered = -1;
    let answered = false;
    req.on("response", (res) => {
      sentWhenAnswered = sent;
      answered = true;
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, sentWhenAnswered, sentInAll: sent }));
    });
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    const writeNext = () => {
      if (answered || sent >= total) return void req.end();
      sent += chunk.length;
      req.write(chunk, () => setTimeout(writeNext, 5));
    };
    writeNext();
  });
}

describe("broken percent-encodings and unexpected errors", () => {
  it("answers 400 validation_failed to %ZZ in an API path parameter, and the server keeps serving", async () => {
    for (const [method, pathname] of [
      ["GET", "/api/v1/orders/%ZZ"],
      ["GET", "/api/v1/invoices/%ZZ"],
      ["POST", "/api/v1/orders/%ZZ/accept"],
      ["GET", "/api/v1/orders/%E0%A4%A/history"],
      ["GET", "/api/v1/deliveries/%ZZ"],
    ]) {
      const res = await api(server, method, pathname);
      expect(res.status, `${method} ${pathname}`).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
    }
    const page = await new PageClient(server).get("/o/%ZZ/orders");
    expect(page.status).toBe(400);
    expect(page.html).not.toMatch(/URIError|at .*\.js:\d+/);
    expect((await api(server, "GET", "/healthz")).body).toEqual({ ok: true });
  });

  describe("a route that fails unexpectedly", () => {
    let failing: TestServer;
    beforeAll(async () => {
      // The real build plus two routes whose code throws an error that is not a typed AppError.
      const build = (await import(pathToFileURL(path.resolve(SERVER_BUILD)).href)) as ServerBuild;
      const boom = () => {
        throw new Error("database file /var/secret/comptoir.db is corrupt");
      };
      const routes = {
        ...build.routes,
        "test/api-boom": { id: "test/api-boom", parentId: "root", path: "api/v1/boom/:id", module: { loader: boom, action: boom } },
        "test/page-boom": { id: "test/page-boom", parentId: "root", path: "page-boom", module: { loader: boom } },
      } as unknown as ServerBuild["routes"];
      const { httpServer, io } = await createServer({ ...build, routes });
      await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
      failing = {
        baseUrl: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`,
        close: () => new Promise((resolve) => (io.close(), httpServer.close(() => resolve()))),
      };
    });
    afterAll(() => failing.close());

    it("answers 500 internal with its request id and nothing internal, and the next request works", async () => {
      const res = await api(failing, "POST", "/api/v1/boom/1", { body: {} });
      expect(res.status).toBe(500);
      const requestId = res.headers.get("x-request-id");
      expect(requestId).toBeTruthy();
      expect(res.body.error.code).toBe("internal");
      expect(res.body.error.details.requestId).toBe(requestId);
      expect(res.body.error.message).toContain(requestId);
      expect(JSON.stringify(res.body)).not.toMatch(/secret|corrupt|at .*:\d+/);
      expect((await api(failing, "GET", "/api/v1/boom/%ZZ")).status).toBe(400);

      const page = await fetch(`${failing.baseUrl}/page-boom`);
      expect(page.status).toBe(500);
      expect(await page.text()).not.toMatch(/secret|corrupt/);
      expect((await api(failing, "GET", "/healthz")).body).toEqual({ ok: true });
    });
  });
});

describe("lone UTF-16 surrogates in JSON strings", () => {
  it("answers 400 naming the field for a PATCH note, a credit note's note, a payment's reference and the token login", async () => {
    const order = await pendingOrder();
    const patched = await client.patch("alice", order.id, { version: order.version ?? 1, note: "Livraison \ud800 matin" });
    expect(patched.status).toBe(400);
    expect(patched.body.error.details.fields).toHaveProperty("note");
    expect((await client.get("alice", order.id)).status).toBe(200);

    const delivered = await deliveredOrder();
    const invoice = await client.call("alice", "POST", `/api/v1/orders/${delivered.id}/invoice`, { version: delivered.version ?? 1 });
    expect(invoice.status).toBe(201);
    const credit = await client.call("alice", "POST", `/api/v1/invoices/${invoice.body.id}/credit-notes`, { amountCents: 100, note: "geste \udfff" });
    expect(credit.status).toBe(400);
    expect(credit.body.error.details.fields).toHaveProperty("note");
    const payment = await client.call("alice", "POST", `/api/v1/invoices/${invoice.body.id}/payments`, { amountCents: 100, method: "TRANSFER", reference: "\udc00VIR" });
    expect(payment.status).toBe(400);
    expect(payment.body.error.details.fields).toHaveProperty("reference");

    const token = await api(server, "POST", "/api/v1/auth/token", { body: { email: "alice@brasserie.test", password: "x\ud800", organization: "brasserie-du-pont" } });
    expect(token.status).toBe(400);
    expect(token.body.error.details.fields).toHaveProperty("password");

    // Keys and nested values too; a well-formed pair (an emoji) is text like any other.
    const nested = await client.patch("alice", order.id, { version: order.version ?? 1, lines: [{ kind: "FEE", description: "x", quantity: 1, ["\ud800"]: 1 }] });
    expect(nested.status).toBe(400);
    expect(nested.body.error.details.fields).toHaveProperty(["lines.0.\ud800"]);
    const emoji = await client.patch("alice", order.id, { version: order.version ?? 1, note: "Livraison 🍺 matin" });
    expect(emoji.status).toBe(200);
    expect(emoji.body.note).toBe("Livraison 🍺 matin");
  });
});

describe("deeply nested JSON", () => {
  it("answers 400 naming the body to 20,000 nested arrays on an order action, and the order is untouched (found by the fuzz suite)", async () => {
    const order = await pendingOrder();
    const token = await client.token("alice");
    const deep = "[".repeat(20_000) + "]".repeat(20_000);
    const res = await api(server, "POST", `/api/v1/orders/${order.id}/accept`, { token, rawBody: deep });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.details.fields).toHaveProperty("body");
    expect((await client.get("alice", order.id)).body.status).toBe("PENDING");
  });
});

describe("body size limits", () => {
  it("answers 413 payload_too_large to a 2 MB JSON body, declared or chunked, without reading it first", async () => {
    const order = await pendingOrder();
    const token = await client.token("alice");
    const started = Date.now();
    const declared = await api(server, "PATCH", `/api/v1/orders/${order.id}`, { token, rawBody: JSON.stringify({ version: 1, note: "a".repeat(2 * 1024 * 1024) }) });
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe("payload_too_large");
    expect(Date.now() - started).toBeLessThan(5_000);

    const chunked = await chunkedUpload(`/api/v1/orders/${order.id}/accept`, { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, 2 * 1024 * 1024);
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).error.code).toBe("payload_too_large");
    expect(chunked.sentWhenAnswered).toBeLessThan(2 * 1024 * 1024);
    expect((await client.get("alice", order.id)).body.status).toBe("PENDING");
  });

  it("answers 413 to a 12 MB chunked multipart upload as soon as it crosses the limit", async () => {
    const order = await pendingOrder();
    const token = await client.token("alice");
    const total = 12 * 1024 * 1024;
    const res = await chunkedUpload(`/api/v1/orders/${order.id}/messages`, { Authorization: `Bearer ${token}`, "Content-Type": "multipart/form-data; boundary=----x" }, total);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe("payload_too_large");
    expect(res.sentWhenAnswered).toBeGreaterThan(10 * 1024 * 1024);
    expect(res.sentWhenAnswered).toBeLessThan(total);
    expect((await api(server, "GET", "/healthz")).status).toBe(200);
  });

  it("answers 413 to a page post over the limit (a form through Remix)", async () => {
    const page = new PageClient(server);
    const res = await page.post("/login", { email: "alice@brasserie.test", password: "a".repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    const upload = await chunkedUpload("/login", { "Content-Type": "multipart/form-data; boundary=----x" }, 12 * 1024 * 1024);
    expect(upload.status).toBe(413);
    expect(upload.sentWhenAnswered).toBeLessThan(12 * 1024 * 1024);
  });
});

describe("security headers and request ids", () => {
  const expectCommonHeaders = (headers: Headers, what: string) => {
    expect(headers.get("content-security-policy"), what).toContain("frame-ancestors 'none'");
    expect(headers.get("x-content-type-options"), what).toBe("nosniff");
    expect(headers.get("referrer-policy"), what).toBe("same-origin");
    expect(headers.get("x-frame-options"), what).toBe("DENY");
    expect(headers.get("strict-transport-security"), `${what}: no HSTS over http`).toBeNull();
    expect(headers.get("x-request-id"), what).toMatch(/^[A-Za-z0-9._:-]{1,64}$/);
  };

  it("sets them on a page (with a nonce on every inline script), a JSON answer, a static file and a PDF", async () => {
    const page = await fetch(`${server.baseUrl}/login`);
    expectCommonHeaders(page.headers, "page");
    const csp = page.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toContain("'unsafe-inline' 'nonce");
    const html = await page.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
    // A new nonce per request.
    const again = (await fetch(`${server.baseUrl}/login`)).headers.get("content-security-policy")!;
    expect(again).not.toContain(nonce!);

    expectCommonHeaders((await fetch(`${server.baseUrl}/api/v1/me`)).headers, "JSON");
    const file = await fetch(`${server.baseUrl}/favicon.ico`);
    expect(file.status).toBe(200);
    expectCommonHeaders(file.headers, "static file");
    const order = await pendingOrder();
    const pdf = await fetch(`${server.baseUrl}/api/v1/orders/${order.id}/purchase-order.pdf`, { headers: { Authorization: `Bearer ${await client.token("alice")}` } });
    expect(pdf.headers.get("content-type")).toContain("application/pdf");
    expectCommonHeaders(pdf.headers, "PDF");
  });

  it("keeps a safe incoming X-Request-Id and replaces an unsafe one", async () => {
    const kept = await api(server, "GET", "/api/v1/me", { headers: { "X-Request-Id": "lb-1234.abcd" } });
    expect(kept.headers.get("x-request-id")).toBe("lb-1234.abcd");
    const replaced = await api(server, "GET", "/api/v1/me", { headers: { "X-Request-Id": "<script>alert(1)</script>" } });
    expect(replaced.headers.get("x-request-id")).not.toContain("<");
  });
});

describe("a real server process (npm start)", () => {
  let instance: StartedServer;
  let child: ChildProcess;
  let baseUrl: string;

  beforeAll(async () => {
    instance = await startServerProcess({
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "comptoir-robustness-")),
      env: { LOG_LEVEL: "info" },
      readyTimeoutMs: 90_000,
    });
    ({ child, baseUrl } = instance);
  }, 120_000);

  afterAll(async () => {
    await instance?.stop();
  });

  it("survives unauthenticated %ZZ requests and logs one JSON line per request, without passwords, tokens or cookies", async () => {
    for (const pathname of ["/api/v1/orders/%ZZ", "/api/v1/invoices/%ZZ/invoice.pdf", "/api/v1/orders/%ZZ/messages"]) {
      expect((await fetch(baseUrl + pathname)).status).toBe(400);
    }
    const login = await fetch(`${baseUrl}/api/v1/auth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: "comptoir_session=cookie-secret-value" },
      body: JSON.stringify({ email: "alice@brasserie.test", password: "comptoir-demo", organization: "brasserie-du-pont" }),
    });
    expect(login.status).toBe(201);
    const { token } = (await login.json()) as { token: string };
    const me = await fetch(`${baseUrl}/api/v1/orders?limit=1`, { headers: { Authorization: `Bearer ${token}` } });
    const requestId = me.headers.get("x-request-id");
    await new Promise((r) => setTimeout(r, 300));
    expect(child.exitCode).toBeNull();
    expect((await fetch(`${baseUrl}/healthz`)).ok).toBe(true);

    const output = instance.log();
    const lines = output.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
    const zz = lines.filter((l) => l.msg === "request" && l.status === 400);
    expect(zz.map((l) => l.route)).toEqual(["/api/v1/orders/:id", "/api/v1/invoices/:id/invoice.pdf", "/api/v1/orders/:id/messages"]);
    const list = lines.find((l) => l.requestId === requestId);
    expect(list).toMatchObject({ method: "GET", route: "/api/v1/orders", status: 200 });
    expect(typeof list.durationMs).toBe("number");
    expect(list.organizationId).toMatch(/\w+/);
    expect(output).not.toContain("comptoir-demo");
    expect(output).not.toContain(token);
    expect(output).not.toContain("cookie-secret-value");
  });
});
