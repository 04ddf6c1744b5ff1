// The HTTP-stack baseline: a bare node:http server answering a fixed JSON, in its own process like the
// real server, measured with the same client.
import http from "node:http";
import type { AddressInfo } from "node:net";

const body = JSON.stringify({ ok: true, service: "comptoir-bench", orders: [] });
const server = http.createServer((_req, res) => {
  res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
process.on("disconnect", () => process.exit(0));
server.listen(0, "127.0.0.1", () => process.send!({ type: "ready", port: (server.address() as AddressInfo).port }));
