// A real server (Express + socket.io + the Remix build) on a free port, for integration tests,
// and small clients for the JSON API and for pages (with a cookie jar).
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll } from "vitest";
import { createServer } from "../../server/app";
import { SERVER_BUILD } from "../../server/build";

export type TestServer = { baseUrl: string; close(): Promise<void> };

let shared: Promise<TestServer> | null = null;

/** One server per test file, closed after the file's tests. */
export function useTestServer(): Promise<TestServer> {
  if (!shared) {
    shared = (async () => {
      const build = (await import(pathToFileURL(path.resolve(SERVER_BUILD)).href)) as ServerBuild;
      const { httpServer, io } = await createServer(build);
      await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
      const { port } = httpServer.address() as AddressInfo;
      return {
        baseUrl: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((resolve) => {
            io.close();
            httpServer.close(() => resolve());
          }),
      };
    })();
    afterAll(async () => (await shared)?.close());
  }
  return shared;
}

export type ApiResult<T = any> = { status: number; body: T; headers: Headers };

export async function api<T = any>(
  server: TestServer,
  method: string,
  pathname: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["Content-Type"] ??= "application/json";
  const res = await fetch(server.baseUrl + pathname, { method, headers, body, redirect: "manual" });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export async function apiToken(server: TestServer, email: string, organization: string, password = "comptoir-demo"): Promise<string> {
  const res = await api(server, "POST", "/api/v1/auth/token", { body: { email, password, organization } });
  if (res.status !== 201) throw new Error(`token for ${email}@${organization}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

/** A browser-like client: keeps cookies, posts forms, does not follow redirects. */
export class PageClient {
  private cookies = new Map<string, string>();
  constructor(private server: TestServer) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(pathname: string): Promise<{ status: number; html: string; location: string | null }> {
    const res = await fetch(this.server.baseUrl + pathname, { headers: { Cookie: this.cookieHeader() }, redirect: "manual" });
    this.keep(res);
    return { status: res.status, html: await res.text(), location: res.headers.get("location") };
  }

  /** Remix loader data of a route, as JSON (`?_data=`). */
  async data(pathname: string, routeId: string): Promise<{ status: number; body: any }> {
    const sep = pathname.includes("?") ? "&" : "?";
    const res = await fetch(`${this.server.baseUrl}${pathname}${sep}_data=${encodeURIComponent(routeId)}`, {
      headers: { Cookie: this.cookieHeader() },
      redirect: "manual",
    });
    this.keep(res);
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* keep text */
    }
    return { status: res.status, body };
  }

  /** Posts a form; pairs repeat a field (checkboxes). */
  async post(pathname: string, fields: Record<string, string> | [string, string][], headers: Record<string, string> = {}) {
    const res = await fetch(this.server.baseUrl + pathname, {
      method: "POST",
      headers: { Cookie: this.cookieHeader(), "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields).toString(),
      redirect: "manual",
    });
    this.keep(res);
    return { status: res.status, html: await res.text(), location: res.headers.get("location") };
  }

  /** A GET whose body the test reads itself (downloads: CSV, PDF). */
  async download(pathname: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(this.server.baseUrl + pathname, { headers: { Cookie: this.cookieHeader(), ...headers }, redirect: "manual" });
    this.keep(res);
    return res;
  }

  /** A multipart form post (file uploads); fetch sets the boundary. */
  async postMultipart(pathname: string, form: FormData, headers: Record<string, string> = {}) {
    const res = await fetch(this.server.baseUrl + pathname, {
      method: "POST",
      headers: { Cookie: this.cookieHeader(), ...headers },
      body: form,
      redirect: "manual",
    });
    this.keep(res);
    return { status: res.status, html: await res.text(), location: res.headers.get("location") };
  }

  async login(email: string, password = "comptoir-demo") {
    const res = await this.post("/login", { email, password });
    if (res.status !== 302) throw new Error(`login ${email} failed: ${res.status}`);
    return this;
  }
}
