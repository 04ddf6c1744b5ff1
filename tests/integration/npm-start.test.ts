// `npm start` as package.json runs it (server/start.js): a short `node --import tsx server/prepare.ts`
// migrates, seeds and builds, then the same process serves from build/server.js with plain Node. From
// a fresh data directory and without NODE_ENV (its default is production): the demo data is there,
// the API answers, a PDF is drawn by the bundled worker, and SIGTERM ends it cleanly.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../setup/server-process";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "comptoir-npm-start-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("npm start", () => {
  it("serves a fresh data directory with plain Node: demo data, the API, a PDF, a clean stop", { timeout: 120_000 }, async () => {
    const start = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start.split(/\s+/);
    expect(start[0]).toBe("node");
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    // process.env without vitest's NODE_ENV=test: npm start runs without one.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "NODE_ENV"));
    Object.assign(env, { PORT: String(port), APP_URL: baseUrl, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "silent" });
    const child = spawn(process.execPath, start.slice(1), { env: env as unknown as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const deadline = Date.now() + 100_000;
      while (!(await fetch(`${baseUrl}/healthz`).then((r) => r.ok, () => false))) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(output).toContain("New database: seeding the demo data");
      expect(output).toContain(`Comptoir is ready on ${baseUrl}`);

      const tokenRes = await fetch(`${baseUrl}/api/v1/auth/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "alice@brasserie.test", password: "comptoir-demo", organization: "brasserie-du-pont" }),
      });
      expect(tokenRes.status).toBe(201);
      const auth = { authorization: `Bearer ${((await tokenRes.json()) as { token: string }).token}` };
      const list = (await (await fetch(`${baseUrl}/api/v1/orders?limit=1`, { headers: auth })).json()) as { orders: { id: string }[] };
      expect(list.orders).toHaveLength(1);
      const pdf = await fetch(`${baseUrl}/api/v1/orders/${list.orders[0].id}/purchase-order.pdf`, { headers: auth });
      expect(pdf.status).toBe(200);
      expect(new TextDecoder().decode(new Uint8Array(await pdf.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });
});
