// A small keep-alive HTTP client and load runner for the benchmark: node:http with one Agent, so that
// the client costs little CPU next to the server on a 2-core machine (fetch costs several times more
// per request). Latency is measured from the request call to the last byte of the body.
import http from "node:http";

export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string; ms: number };

export class HttpClient {
  private agent: http.Agent;
  constructor(
    private host: string,
    private port: number,
    maxSockets = 64,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  request(method: string, path: string, options: { headers?: Record<string, string>; body?: unknown } = {}): Promise<Reply> {
    return this.send(method, path, options, true);
  }

  /**
   * A kept-alive socket that the server closed (its keep-alive timeout) while idle fails the next request
   * sent on it with ECONNRESET: that request is sent again once, on a new socket (Node's documented remedy).
   */
  private send(method: string, path: string, options: { headers?: Record<string, string>; body?: unknown }, mayRetry: boolean): Promise<Reply> {
    const payload =
      options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    const headers: Record<string, string | number> = { ...options.headers };
    if (payload !== undefined) {
      headers["content-type"] ??= "application/json";
      headers["content-length"] = Buffer.byteLength(payload);
    }
    const started = performance.now();
    return new Promise<Reply>((resolve, reject) => {
      const req = http.request({ host: this.host, port: this.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }),
        );
        res.on("error", reject);
      });
      req.on("error", (error: NodeJS.ErrnoException) => {
        if (mayRetry && req.reusedSocket && error.code === "ECONNRESET") resolve(this.send(method, path, options, false));
        else reject(error);
      });
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  async json<T = any>(method: string, path: string, options: { headers?: Record<string, string>; body?: unknown } = {}): Promise<Reply & { data: T }> {
    const reply = await this.request(method, path, options);
    let data: unknown = null;
    try {
      data = reply.body ? JSON.parse(reply.body) : null;
    } catch {
      data = reply.body;
    }
    return { ...reply, data: data as T };
  }

  close() {
    this.agent.destroy();
  }
}

export type Stats = { count: number; errors: number; seconds: number; perSecond: number; p50: number; p95: number; p99: number; max: number; mean: number };

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function summarize(latencies: number[], errors: number, seconds: number): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    errors,
    seconds,
    perSecond: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    mean: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1),
  };
}

export type Job = (index: number, worker: number) => Promise<{ ok: boolean; ms: number; detail?: string }>;

/**
 * Runs `job` from `concurrency` workers until `requests` jobs are done or `durationMs` has passed,
 * after `warmup` untimed jobs. Only successful jobs count in the latencies; failures are counted and
 * the first few reasons kept.
 */
export async function runLoad(options: { concurrency: number; requests?: number; durationMs?: number; warmup?: number }, job: Job) {
  const { concurrency, requests, durationMs, warmup = 0 } = options;
  let next = 0;
  const warm = async (worker: number) => {
    while (next < warmup) await job(next++, worker);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(warmup, 1)) }, (_, w) => warm(w)));
  const latencies: number[] = [];
  const failures: string[] = [];
  let errors = 0;
  let started = 0;
  const t0 = performance.now();
  const deadline = durationMs ? t0 + durationMs : Infinity;
  const work = async (worker: number) => {
    for (;;) {
      if (requests !== undefined && started >= requests) return;
      if (performance.now() >= deadline) return;
      const index = warmup + started++;
      try {
        const result = await job(index, worker);
        if (result.ok) latencies.push(result.ms);
        else {
          errors++;
          if (failures.length < 5 && result.detail) failures.push(result.detail);
        }
      } catch (error) {
        errors++;
        if (failures.length < 5) failures.push(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => work(w)));
  const seconds = (performance.now() - t0) / 1000;
  return { stats: summarize(latencies, errors, seconds), failures };
}
