// The fuzz runs the server as `npm start` does, in its own process: a request that crashes it then
// shows as a dead server (exit code and last log lines) instead of an error inside the test worker.
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import { send } from "./raw-http";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export class ServerProcess {
  private child: ChildProcess | null = null;
  private log: string[] = [];
  baseUrl = "";
  /** Set when the process ended on its own: how, and what it said last. */
  death: string | null = null;

  async start(): Promise<void> {
    const port = await freePort();
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.death = null;
    this.log = [];
    // DATA_DIR and DATABASE_URL come from tests/setup/integration-setup.ts: a migrated, seeded file.
    const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      env: { ...process.env, PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.log.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      if (this.log.length > 200) this.log.splice(0, this.log.length - 200);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.once("exit", (code, signal) => {
      if (this.child === child) this.death = `exited (code ${code}, signal ${signal})\n${this.lastLines(25)}`;
    });
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (this.death) throw new Error(`the server did not start: ${this.death}`);
      if (await this.healthy()) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the server did not answer /healthz within 90 s\n${this.lastLines(25)}`);
  }

  lastLines(n: number): string {
    return this.log.slice(-n).join("\n");
  }

  async healthy(): Promise<boolean> {
    if (this.death) return false;
    try {
      const res = await send(this.baseUrl, { method: "GET", path: "/healthz" }, 5_000);
      return res.status === 200 && JSON.parse(res.body.toString("utf8")).ok === true;
    } catch {
      return false;
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
    });
  }
}
