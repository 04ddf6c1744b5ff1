// The fuzz runs the server as `npm start` does, in its own process: a request that crashes it then
// shows as a dead server (exit code and last log lines) instead of an error inside the test worker.
import { startServerProcess, type StartedServer } from "../setup/server-process";
import { send } from "./raw-http";

export class ServerProcess {
  /** The process started last; stays after stop() for its log. */
  private proc: StartedServer | null = null;
  private running = false;
  baseUrl = "";
  /** Set when the process ended on its own: how, and what it said last. */
  death: string | null = null;

  async start(): Promise<void> {
    this.death = null;
    this.proc = null;
    // DATA_DIR and DATABASE_URL come from tests/setup/integration-setup.ts: a migrated, seeded file;
    // NODE_ENV and APP_URL stay the test environment's.
    const proc = await startServerProcess({
      env: { NODE_ENV: process.env.NODE_ENV, APP_URL: process.env.APP_URL },
      readyTimeoutMs: 90_000,
      maxLogLines: 200,
      killAfterMs: 5_000,
    }).catch((error: Error) => {
      throw new Error(`the server did not start: ${error.message}`);
    });
    this.proc = proc;
    this.baseUrl = proc.baseUrl;
    this.running = true;
    void proc.exited.then(({ code, signal }) => {
      if (this.proc === proc && this.running) this.death = `exited (code ${code}, signal ${signal})\n${this.lastLines(25)}`;
    });
  }

  lastLines(n: number): string {
    return (this.proc?.log() ?? "").split("\n").filter(Boolean).slice(-n).join("\n");
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
    if (!this.running) return;
    this.running = false;
    await this.proc!.stop();
  }
}
