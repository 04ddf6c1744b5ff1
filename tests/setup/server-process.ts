// Real processes for the tests that need one: the server as `npm run dev` runs it (`node --import
// tsx server/index.ts`: the same preparing and serving as `npm start`'s, in one process, under
// NODE_ENV=production here) on a port of its own, and one-off `node --import tsx …` commands and scripts.
// Plain Node only (no vitest, no `~` alias): vitest's globalSetup (tests/e2e) and the benchmarks
// import it too.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";

/** A TCP port free on 127.0.0.1 at the time of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type TsxProcess = {
  child: ChildProcess;
  /** stdout and stderr as they came, interleaved. */
  log(): string;
  stdout(): string;
  stderr(): string;
  /** Settles when the process has ended, however it ended. */
  exited: Promise<Exit>;
  /** Settles once it has ended and its output is read to the end. */
  closed: Promise<Exit>;
  /** Sends `signal` (SIGTERM by default) unless the process has already ended, and waits for its end. */
  stop(signal?: NodeJS.Signals): Promise<void>;
};

export type TsxOptions = {
  /** The child's whole environment; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Keep only the last this many lines of each output (a long-running, chatty process). */
  maxLogLines?: number;
  /** After stop()'s signal, SIGKILL the process if it has not ended within this many ms. */
  killAfterMs?: number;
};

/** Text appended chunk by chunk, cut to its last `maxLines` lines when that is set. */
function textBuffer(maxLines: number | undefined) {
  let text = "";
  const cut = () => (text = text.split("\n").slice(-maxLines! - 1).join("\n"));
  return {
    add(chunk: string) {
      text += chunk;
      if (maxLines !== undefined && text.length > 65_536) cut();
    },
    text: () => (maxLines === undefined ? text : text.split("\n").slice(-maxLines).join("\n")),
  };
}

/** `node --import tsx ...args`, its output collected. */
export function spawnTsx(args: string[], options: TsxOptions = {}): TsxProcess {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], { env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
  const [out, err, log] = [textBuffer(options.maxLogLines), textBuffer(options.maxLogLines), textBuffer(options.maxLogLines)];
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (out.add(chunk), log.add(chunk)));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (err.add(chunk), log.add(chunk)));
  const exited = new Promise<Exit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const closed = new Promise<Exit>((resolve) => child.once("close", (code, signal) => resolve({ code, signal })));
  return {
    child,
    log: log.text,
    stdout: out.text,
    stderr: err.text,
    exited,
    closed,
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      if (options.killAfterMs !== undefined) setTimeout(() => child.kill("SIGKILL"), options.killAfterMs).unref();
      await exited;
    },
  };
}

/** `node --import tsx ...args` run to its end: how it ended and what it wrote. */
export async function runTsx(args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<Exit & { stdout: string; stderr: string }> {
  const run = spawnTsx(args, options);
  return { ...(await run.closed), stdout: run.stdout(), stderr: run.stderr() };
}

/** The arguments that make `node --import tsx` run `script` as an ES module. */
export function evalModule(script: string): string[] {
  return ["--input-type=module", "-e", script];
}

export type StartedServer = TsxProcess & {
  port: number;
  baseUrl: string;
  /** SIGTERM (by default), wait for the end, then remove `dataDir` if one was given. */
  stop(signal?: NodeJS.Signals): Promise<void>;
};

export type ServerOptions = Omit<TsxOptions, "env"> & {
  /** Added to the environment, over process.env and this helper's defaults (see startServerProcess). */
  env?: Record<string, string | undefined>;
  /** The server's own data directory: DATA_DIR, and DATABASE_URL emptied so that its database is in
   * there. It belongs to the server: stop() removes it. */
  dataDir?: string;
  /** 60 s by default. */
  readyTimeoutMs?: number;
  /** The entry point; server/index.ts (`npm start`'s preparing and serving in one process) by default. */
  script?: string;
  /** The host name in baseUrl (and the default APP_URL); 127.0.0.1 by default. */
  host?: string;
};

/**
 * Starts the server in its own process with process.env plus NODE_ENV=production, PORT (a free
 * port), APP_URL (its own baseUrl), DATA_DIR/DATABASE_URL when `dataDir` is given, then `env`; and
 * resolves once GET /healthz answers 2xx. Rejects with the process's output if it ends first or
 * `readyTimeoutMs` passes (and then ends it).
 */
export async function startServerProcess(options: ServerOptions = {}): Promise<StartedServer> {
  const port = await freePort();
  const baseUrl = `http://${options.host ?? "127.0.0.1"}:${port}`;
  const { dataDir } = options;
  const proc = spawnTsx([options.script ?? "server/index.ts"], {
    ...options,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: baseUrl,
      ...(dataDir === undefined ? {} : { DATA_DIR: dataDir, DATABASE_URL: "" }),
      ...options.env,
    },
  });
  const server: StartedServer = {
    ...proc,
    port,
    baseUrl,
    async stop(signal) {
      await proc.stop(signal);
      if (dataDir !== undefined) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const deadline = Date.now() + readyTimeoutMs;
  let exit = null as Exit | null;
  void proc.exited.then((e) => (exit = e));
  for (;;) {
    if (exit) throw new Error(`the server process exited (code ${exit.code}, signal ${exit.signal}) before /healthz answered:\n${proc.log()}`);
    const ok = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.ok, () => false);
    if (ok) return server;
    if (Date.now() > deadline) {
      await server.stop("SIGKILL");
      throw new Error(`the server process did not answer /healthz within ${readyTimeoutMs / 1000} s:\n${proc.log()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
