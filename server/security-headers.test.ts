import type { AddressInfo } from "node:net";
import express from "express";
import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security-headers";

async function headersServedFor(appUrl: string): Promise<Headers> {
  const app = express();
  app.use(securityHeaders(appUrl));
  app.get("/", (_req, res) => res.send("ok"));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    return (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)).headers;
  } finally {
    server.close();
  }
}

describe("security headers", () => {
  it("send HSTS and upgrade-insecure-requests only when APP_URL is https", async () => {
    const https = await headersServedFor("https://comptoir.example");
    expect(https.get("strict-transport-security")).toMatch(/^max-age=\d+/);
    expect(https.get("content-security-policy")).toContain("upgrade-insecure-requests");
    expect(https.get("content-security-policy")).toContain("wss://comptoir.example");
    const http = await headersServedFor("http://localhost:3000");
    expect(http.get("strict-transport-security")).toBeNull();
    expect(http.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
  });
});
