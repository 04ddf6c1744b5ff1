// The real server (server/app.ts createServer + the Remix build, as tests/setup/http.ts starts it), in
// its own process so that the load generator does not share its event loop, with a per-request
// profile: every SQL statement that reaches better-sqlite3 is timed (through a wrapped driver adapter)
// and every Prisma operation too (through a client extension), and both are attributed to the HTTP
// request that caused them (AsyncLocalStorage). The parent talks to it over IPC:
//   → {type: "profile"}            ← {type: "profile", data, cpu, requests}  (since the last one;
//                                     cpu: the server process's CPU time and the wall time)
//   → {type: "pragma", sql}        ← {type: "pragma", ok}     (a setting of the server's connection)
//   → {type: "cpu", action: "start"|"stop"}  ← {type: "cpu", summary?}  (V8 CPU profile, summarized)
//   → {type: "prisma-timing", on}  ← {type: "prisma-timing", ok}  (time every Prisma operation)
// The environment (DATA_DIR, DATABASE_URL, NODE_ENV, APP_URL) comes from the parent.
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import inspector from "node:inspector";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaClient } from "@prisma/client";
import type { ServerBuild } from "@remix-run/node";
import { connectionAdapter, newWriteLock, observeStatements, useDb } from "../app/utils/db.server";

type SqlCall = { sql: string; args: unknown[]; ms: number };
type RequestProfile = { label: string; started: number; sql: SqlCall[]; prismaMs: number; prismaOps: number; txWaitMs: number; txCount: number };
export type ProfiledRequest = { label: string; ms: number; status: number; sqlCount: number; sqlMs: number; prismaOps: number; prismaMs: number; txWaitMs: number; txCount: number };
export type SqlStat = { sql: string; count: number; totalMs: number; maxMs: number; sampleArgs: unknown[] };
export type LabelProfile = {
  label: string;
  requests: number;
  meanMs: number;
  meanSqlCount: number;
  meanSqlMs: number;
  meanPrismaOps: number;
  meanPrismaMs: number;
  meanTxWaitMs: number;
  statements: SqlStat[];
};

const als = new AsyncLocalStorage<RequestProfile>();
const finished: ProfiledRequest[] = [];
const statements = new Map<string, Map<string, SqlStat>>(); // label → sql → stat

function recordSql(sql: string, args: unknown[], ms: number) {
  const profile = als.getStore();
  if (!profile) return;
  profile.sql.push({ sql, args, ms });
  let byLabel = statements.get(profile.label);
  if (!byLabel) statements.set(profile.label, (byLabel = new Map()));
  const stat = byLabel.get(sql);
  if (stat) {
    stat.count++;
    stat.totalMs += ms;
    stat.maxMs = Math.max(stat.maxMs, ms);
  } else {
    byLabel.set(sql, { sql, count: 1, totalMs: ms, maxMs: ms, sampleArgs: args });
  }
}

// The raw statements (app/utils/db.server.ts `statement`: the write paths and the list reads) too.
observeStatements(recordSql);

type Query = { sql: string; args: unknown[]; argTypes?: ({ scalarType?: string } | null)[] };

/** An argument as the adapter binds it (its mapArg), so that the parent can replay the statement. */
function boundValue(arg: unknown, type: string | undefined): unknown {
  if (arg === null || arg === undefined) return null;
  if (typeof arg === "string" && type === "int") return Number.parseInt(arg, 10);
  if (typeof arg === "string" && (type === "float" || type === "decimal")) return Number.parseFloat(arg);
  if (typeof arg === "boolean") return arg ? 1 : 0;
  if (typeof arg === "bigint") return arg.toString();
  const date = arg instanceof Date ? arg : typeof arg === "string" && type === "datetime" ? new Date(arg) : null;
  if (date) return date.toISOString().replace("Z", "+00:00");
  return arg;
}
// The adapter runs each statement synchronously in performIO (reads) and executeIO (writes) and
// returns a settled promise: timing those two calls measures SQLite's work (prepare, bind, step)
// without the time other requests' microtasks take before an await resumes.
type Queryable = { performIO(q: Query): Promise<unknown>; executeIO(q: Query): Promise<unknown> };

function instrument(queryable: Queryable) {
  for (const method of ["performIO", "executeIO"] as const) {
    const original = queryable[method].bind(queryable);
    queryable[method] = (query: Query) => {
      const t0 = performance.now();
      try {
        return original(query);
      } finally {
        recordSql(query.sql, query.args.map((a, i) => boundValue(a, query.argTypes?.[i]?.scalarType)), performance.now() - t0);
      }
    };
  }
}

// The app's own adapter (its transactions share the write lock with the raw write paths), instrumented.
const connection = { sqlite: null, writeLock: newWriteLock() };
const factory = connectionAdapter(process.env.DATABASE_URL!, connection);
const instrumentedFactory = {
  provider: factory.provider,
  adapterName: factory.adapterName,
  async connect() {
    const adapter = await factory.connect();
    instrument(adapter as unknown as Queryable);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (...args: Parameters<typeof startTransaction>) => {
      const t0 = performance.now();
      const tx = await startTransaction(...args);
      const profile = als.getStore();
      if (profile) {
        // Waiting for the adapter's single connection mutex: transactions are serialized.
        profile.txWaitMs += performance.now() - t0;
        profile.txCount++;
      }
      instrument(tx as unknown as Queryable);
      return tx;
    };
    return adapter;
  },
  connectToShadowDb: () => factory.connectToShadowDb(),
};

const base = new PrismaClient({ adapter: instrumentedFactory as unknown as typeof factory });
// Timing every Prisma operation costs about 5 % of a list request: it is switched on only for the
// profiling runs ({type: "prisma-timing", on}), not while latencies are measured.
const timed = base.$extends({
  query: {
    async $allOperations({ args, query }) {
      const t0 = performance.now();
      try {
        return await query(args);
      } finally {
        const profile = als.getStore();
        if (profile) {
          profile.prismaOps++;
          profile.prismaMs += performance.now() - t0;
        }
      }
    },
  },
});
// app/utils/db.server.ts (in the build and in server/) reads the process's client from here on every
// getDb() call, so it can be swapped between requests.
const processClient = globalThis as unknown as { __comptoirDb?: unknown };
useDb(base, connection);
const client = base;

const { createServer } = await import("../server/app");
const { SERVER_BUILD } = await import("../server/build");
const build = (await import(pathToFileURL(path.resolve(SERVER_BUILD)).href)) as ServerBuild;
const { httpServer } = await createServer(build);

// Every request runs inside its profile (socket.io's listener included: it wraps Express's).
const listeners = httpServer.listeners("request") as ((...a: unknown[]) => void)[];
httpServer.removeAllListeners("request");
httpServer.on("request", (req, res) => {
  const label = (req.headers["x-bench-label"] as string | undefined) ?? `${req.method} ${req.url?.split("?")[0]}`;
  const profile: RequestProfile = { label, started: performance.now(), sql: [], prismaMs: 0, prismaOps: 0, txWaitMs: 0, txCount: 0 };
  res.on("finish", () => {
    finished.push({
      label,
      ms: performance.now() - profile.started,
      status: res.statusCode,
      sqlCount: profile.sql.length,
      sqlMs: profile.sql.reduce((a, q) => a + q.ms, 0),
      prismaOps: profile.prismaOps,
      prismaMs: profile.prismaMs,
      txWaitMs: profile.txWaitMs,
      txCount: profile.txCount,
    });
  });
  als.run(profile, () => {
    for (const listener of listeners) listener.call(httpServer, req, res);
  });
});

let cpuMark = process.cpuUsage();
let wallMark = performance.now();

/** CPU time the server process used since the last profile, and the wall time that passed. */
function takeCpu(): { cpuMs: number; wallMs: number } {
  const used = process.cpuUsage(cpuMark);
  const now = performance.now();
  const result = { cpuMs: (used.user + used.system) / 1000, wallMs: now - wallMark };
  cpuMark = process.cpuUsage();
  wallMark = now;
  return result;
}

function takeProfile(): LabelProfile[] {
  const byLabel = new Map<string, ProfiledRequest[]>();
  for (const r of finished) byLabel.set(r.label, [...(byLabel.get(r.label) ?? []), r]);
  const mean = (rows: ProfiledRequest[], pick: (r: ProfiledRequest) => number) => rows.reduce((a, r) => a + pick(r), 0) / (rows.length || 1);
  const result = [...byLabel].map(([label, rows]) => ({
    label,
    requests: rows.length,
    meanMs: mean(rows, (r) => r.ms),
    meanSqlCount: mean(rows, (r) => r.sqlCount),
    meanSqlMs: mean(rows, (r) => r.sqlMs),
    meanPrismaOps: mean(rows, (r) => r.prismaOps),
    meanPrismaMs: mean(rows, (r) => r.prismaMs),
    meanTxWaitMs: mean(rows, (r) => r.txWaitMs),
    statements: [...(statements.get(label)?.values() ?? [])].sort((a, b) => b.totalMs - a.totalMs),
  }));
  finished.length = 0;
  statements.clear();
  return result;
}

// ---- CPU profile: self time by component and by function ------------------------------------------

type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
};
export type CpuSummary = { totalMs: number; byComponent: { component: string; ms: number; share: number }[]; topFunctions: { name: string; ms: number; share: number }[] };

// better-sqlite3's native methods (a Statement is constructed by prepare()).
const SQLITE_NATIVE = new Set(["all", "run", "get", "iterate", "Statement", "prepare", "exec", "raw", "bind", "columns", "pragma"]);

function componentOf(url: string, name: string): string {
  if (name === "(garbage collector)") return "garbage collection";
  if (name === "(idle)") return "idle";
  if (name === "(program)" || name === "(root)") return "V8/native (unattributed)";
  if (url.startsWith("wasm://")) return "Prisma query compiler (WASM)";
  if (url.includes("@prisma/adapter-better-sqlite3")) return "Prisma driver adapter";
  if (url.includes("@prisma/client") || url.includes(".prisma/client")) return "Prisma client runtime (JS)";
  if (url.includes("better-sqlite3")) return "better-sqlite3 / SQLite";
  if (url.includes("react-dom")) return "React server rendering";
  if (url.includes("@remix-run") || url.includes("react-router")) return "Remix";
  if (url.includes("node_modules/zod")) return "zod";
  if (url.includes("node_modules/express") || url.includes("node_modules/body-parser") || url.includes("node_modules/router")) return "Express";
  if (url.includes("node_modules/socket.io") || url.includes("node_modules/engine.io")) return "socket.io";
  if (url.includes("node_modules/")) return `other packages (${/node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1]})`;
  if (url.includes("/build/index.js") || url.includes("/app/") || url.includes("/server/")) return "app code (routes, services, server)";
  if (url === "" && SQLITE_NATIVE.has(name)) return "SQLite (better-sqlite3 native: prepare, step)";
  if (url.startsWith("node:") || url === "") return name.startsWith("(") ? "V8/native (unattributed)" : `Node.js / native (${name || "anonymous"})`;
  return "other";
}

function summarizeCpu(profile: CpuProfile): CpuSummary {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byComponent = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    let component = componentOf(url, functionName);
    if (component.startsWith("Node.js / native")) component = "Node.js / native";
    if (component === "idle") continue;
    total += ms;
    byComponent.set(component, (byComponent.get(component) ?? 0) + ms);
    const where = url ? `${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/main\//, "")}:${lineNumber + 1}` : "";
    const key = `${functionName || "(anonymous)"} ${where}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    totalMs: total,
    byComponent: sorted(byComponent).map(([component, ms]) => ({ component, ms, share: ms / total })),
    topFunctions: sorted(byFunction).slice(0, 15).map(([name, ms]) => ({ name, ms, share: ms / total })),
  };
}

let session: inspector.Session | null = null;
function post<T>(method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session!.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))));
}

async function cpuProfile(action: "start" | "stop", file?: string): Promise<CpuSummary | null> {
  if (action === "start") {
    session = new inspector.Session();
    session.connect();
    await post("Profiler.enable");
    await post("Profiler.setSamplingInterval", { interval: 250 });
    await post("Profiler.start");
    return null;
  }
  const { profile } = await post<{ profile: CpuProfile }>("Profiler.stop");
  session!.disconnect();
  session = null;
  // Kept for Chrome DevTools (Performance → Load profile) under .cache/bench.
  if (file) fs.writeFileSync(file, JSON.stringify(profile));
  return summarizeCpu(profile);
}

process.on("message", (message: { type: string; sql?: string; action?: "start" | "stop" }) => {
  if (message.type === "cpu") {
    cpuProfile(message.action!, (message as { file?: string }).file).then(
      (summary) => process.send!({ type: "cpu", summary }),
      (error: Error) => process.send!({ type: "cpu", summary: null, error: error.message }),
    );
  }
  if (message.type === "profile") {
    const requests = finished.length;
    process.send!({ type: "profile", data: takeProfile(), cpu: takeCpu(), requests });
  }
  if (message.type === "prisma-timing") {
    processClient.__comptoirDb = (message as { on?: boolean }).on ? timed : base;
    process.send!({ type: "prisma-timing", ok: true });
  }
  // A connection setting to compare (e.g. PRAGMA synchronous = NORMAL): the client has one connection.
  if (message.type === "pragma") {
    client.$queryRawUnsafe(message.sql!).then(
      () => process.send!({ type: "pragma", ok: true }),
      (error: Error) => process.send!({ type: "pragma", ok: false, error: error.message }),
    );
  }
});
process.on("disconnect", () => process.exit(0));

httpServer.listen(0, "127.0.0.1", () => {
  process.send!({ type: "ready", port: (httpServer.address() as AddressInfo).port });
});
