// Requests sent byte for byte as written: fetch would normalise the path (`../`, `%2e`), refuse
// broken encodings and set its own headers, which is exactly what the fuzz must not have done for it.
import http from "node:http";

export type RawRequest = {
  method: string;
  /** Sent as is: may hold broken percent-encodings and raw bytes 0x21–0xff. */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Send the body with chunked transfer encoding and no Content-Length. */
  chunked?: boolean;
};

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; ms: number };

export class NoAnswer extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

export function send(baseUrl: string, request: RawRequest, timeoutMs = 15_000): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const started = performance.now();
  const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, "utf8");
  const headers: Record<string, string> = { ...request.headers };
  if (body && !request.chunked) headers["Content-Length"] = String(body.length);
  return new Promise((resolve, reject) => {
    let answered = false;
    let req: http.ClientRequest;
    try {
      req = http.request({ host: url.hostname, port: url.port, method: request.method, path: request.path, headers, agent });
    } catch (error) {
      // Node refuses some paths before sending (e.g. a space): not the server's doing.
      reject(new NoAnswer(`client refused the request: ${(error as Error).message}`));
      return;
    }
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on("response", (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - started });
      });
      res.on("error", (error) => {
        clearTimeout(timer);
        reject(new NoAnswer(`response cut: ${error.message}`));
      });
    });
    req.on("error", (error) => {
      if (answered) return; // an early answer (413) may close the socket while the body is still going out
      clearTimeout(timer);
      reject(new NoAnswer(error.message));
    });
    if (body && request.chunked) {
      // A few chunks, so that the server sees a stream rather than one buffer.
      const size = Math.max(1, Math.ceil(body.length / 4));
      for (let i = 0; i < body.length; i += size) req.write(body.subarray(i, i + size));
    } else if (body) req.write(body);
    req.end();
  });
}
