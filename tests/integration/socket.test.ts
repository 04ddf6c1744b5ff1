import { io as connect } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { apiToken, useTestServer } from "../setup/http";

function connectWith(baseUrl: string, auth?: { token: string }) {
  return new Promise<{ ok: boolean; error?: string; close(): void }>((resolve) => {
    const socket = connect(baseUrl, { path: "/socket.io", transports: ["websocket"], auth, reconnection: false });
    socket.on("connect", () => resolve({ ok: true, close: () => socket.close() }));
    socket.on("connect_error", (e) => resolve({ ok: false, error: e.message, close: () => socket.close() }));
  });
}

describe("socket.io on the same HTTP server", () => {
  it("accepts an API client authenticated with auth.token", async () => {
    const server = await useTestServer();
    const token = await apiToken(server, "alice@brasserie.test", "brasserie-du-pont");
    const result = await connectWith(server.baseUrl, { token });
    result.close();
    expect(result.ok).toBe(true);
  });

  it("refuses a client without a session or token, and one with a bad token", async () => {
    const server = await useTestServer();
    const anonymous = await connectWith(server.baseUrl);
    anonymous.close();
    expect(anonymous).toMatchObject({ ok: false, error: "unauthenticated" });
    const forged = await connectWith(server.baseUrl, { token: "cpt_forged" });
    forged.close();
    expect(forged).toMatchObject({ ok: false, error: "unauthenticated" });
  });
});
