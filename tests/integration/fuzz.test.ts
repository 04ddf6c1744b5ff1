// Fuzz suite of the JSON API (issue 10, "What makes the class go away"): every route of the OpenAPI
// document gets bodies generated from its own schema and then mutated, mutated query strings and
// path parameters of random bytes and broken percent-encodings, as several roles of several tenants
// and as nobody. Any 5xx, any error outside the contract's shape, any non-JSON answer where JSON is
// due, or a dead server fails the run. Seeded (FUZZ_SEED) and bounded (FUZZ_REQUESTS).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_ROUTES } from "~/modules/api/openapi.server";
import { contractViolation } from "../fuzz/contract";
import { type Identity, type Operation, type Planned, planRequest, type Pools } from "../fuzz/plan";
import { Prng } from "../fuzz/prng";
import { NoAnswer, type RawRequest, type RawResponse, send } from "../fuzz/raw-http";
import type { JsonSchema } from "../fuzz/schema-values";
import { ServerProcess } from "../fuzz/server-process";

const SEED = process.env.FUZZ_SEED === "random" ? Math.floor(Math.random() * 2 ** 32) : Number(process.env.FUZZ_SEED ?? 20_261_004);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3_000);
const CONCURRENCY = 6;
const BATCH = 150;
/** After this many crashes the run stops: each restart costs seconds, and the cause is known by then. */
const MAX_RESTARTS = 4;
/** Local runs only (e.g. FUZZ_SKIP=percent while a crash is being fixed): never set in CI. */
const SKIP = new Set((process.env.FUZZ_SKIP ?? "").split(",").filter(Boolean));

const PASSWORD = "comptoir-demo";
const LOGINS = [
  ["alice@brasserie.test", "brasserie-du-pont"], // producer OWNER
  ["sam@brasserie.test", "brasserie-du-pont"], // producer SALES
  ["anna@brasserie.test", "brasserie-du-pont"], // producer ACCOUNTANT
  ["bruno@aurore.test", "boulangerie-aurore"], // another producer
  ["dan@nord.test", "distribution-nord"], // distributor
  ["rita@rep.test", "agence-rep"], // rep agency
  ["marc@martin.test", "epicerie-martin"], // retailer OWNER
  ["sophie@martin.test", "epicerie-martin"], // retailer STAFF
  ["gaston@gare.test", "bistro-gare"], // retailer without the brasserie
] as const;

type Failure = { kind: string; route: string; request: string; tags: string[]; as: string; answer: string };

const server = new ServerProcess();
beforeAll(() => server.start(), 120_000);
afterAll(() => server.stop());

function json(res: RawResponse): any {
  try {
    return JSON.parse(res.body.toString("utf8"));
  } catch {
    return null;
  }
}

async function call(method: string, pathname: string, token?: string, body?: unknown): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return send(server.baseUrl, { method, path: pathname, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function login(email: string, organization: string): Promise<string> {
  const res = await call("POST", "/api/v1/auth/token", undefined, { email, password: PASSWORD, organization });
  if (res.status !== 201) throw new Error(`token for ${email}: ${res.status} ${res.body.toString("utf8")}`);
  return json(res).token;
}

/** The OpenAPI document as served, turned into the operations to fuzz (with their zod schemas). */
async function operationsFromOpenApi(): Promise<Operation[]> {
  const res = await call("GET", "/api/v1/openapi.json");
  expect(res.status).toBe(200);
  const doc = json(res) as { paths: Record<string, Record<string, any>> };
  const operations: Operation[] = [];
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const spec = API_ROUTES.find((r) => r.path === template && r.method === method);
      if (!spec) throw new Error(`${method.toUpperCase()} ${template} is served in openapi.json but has no route spec`);
      const produces = Object.entries(op.responses ?? {}).flatMap(([, r]: [string, any]) => Object.keys(r?.content ?? {})).find((t) => t !== "application/json");
      operations.push({
        method,
        path: template,
        body: op.requestBody?.content?.["application/json"]?.schema as JsonSchema | undefined,
        bodyZod: spec.body,
        query: (op.parameters ?? []).filter((p: any) => p.in === "query").map((p: any) => ({ name: p.name, required: !!p.required, schema: p.schema })),
        queryZod: spec.query,
        produces: produces === "application/octet-stream" ? "*" : produces,
        auth: spec.auth !== false,
      });
    }
  }
  // Unknown paths under /api/v1 (the catch-all route): the contract's JSON 404, never a page.
  for (const method of ["get", "post"]) operations.push({ method, path: "/api/v1/{unknown}", query: [], auth: false });
  return operations;
}

/** Real ids as each identity sees them, so that valid requests reach the services and not only the 404s. */
async function discover(identities: (Identity & { token?: string })[]): Promise<Pools> {
  const params: Record<string, Set<string>> = { "orders.id": new Set(), "invoices.id": new Set(), "credit-notes.id": new Set(), attachmentId: new Set() };
  const hint: Record<string, Set<string>> = {};
  const add = (name: string, value: unknown) => {
    if (typeof value === "string" && value) (hint[name] ??= new Set()).add(value);
  };
  const versions = new Map<string, number>();
  for (const identity of identities) {
    if (!identity.token) continue;
    const orders = [];
    for (const query of ["limit=200", "status=INVOICED&limit=20", "status=PAID&limit=20"]) orders.push(...(json(await call("GET", `/api/v1/orders?${query}`, identity.token))?.orders ?? []));
    for (const order of orders) {
      if (identity.orderIds.includes(order.id)) continue;
      identity.orderIds.push(order.id);
      if (order.status === "PENDING" || order.status === "ACCEPTED") identity.openOrderIds.push(order.id);
      params["orders.id"].add(order.id);
      versions.set(order.id, order.version);
      for (const side of ["seller", "buyer", "distributor", "rep"]) {
        if (order[side]?.id) add(side, order[side].id), add("customer", side === "buyer" ? order.buyer.id : undefined), add("supplier", side === "seller" ? order.seller.id : undefined), add("producer", side === "seller" ? order.seller.id : undefined);
      }
      if (order.invoice?.id) identity.invoiceIds.push(order.invoice.id), params["invoices.id"].add(order.invoice.id);
    }
    for (const orderId of identity.orderIds.slice(0, 4)) {
      const order = json(await call("GET", `/api/v1/orders/${orderId}`, identity.token));
      for (const line of order?.lines ?? []) add("id", line.id), add("lineId", line.id), add("formatId", line.formatId ?? undefined);
    }
    for (const invoiceId of identity.invoiceIds.slice(0, 3)) {
      const invoice = json(await call("GET", `/api/v1/invoices/${invoiceId}`, identity.token));
      for (const line of invoice?.lines ?? []) add("lineId", line.id);
      for (const note of invoice?.creditNotes ?? []) params["credit-notes.id"].add(note.id);
    }
    const relations = json(await call("GET", "/api/v1/relations", identity.token));
    for (const relation of relations?.relations ?? []) add("producer", relation.producer.id), add("customer", relation.partner.id), add("organization", relation.partner.slug);
  }
  // The demo data has no invoice yet: publish a few (one with a credit note and a payment), so that
  // the invoice, credit-note and payment routes are reached with real ids too.
  const seller = identities[0];
  const published: string[] = [];
  const delivered = (json(await call("GET", "/api/v1/orders?status=DELIVERED&limit=6", seller.token))?.orders ?? []) as { id: string; version: number }[];
  for (const order of delivered) {
    const invoice = json(await call("POST", `/api/v1/orders/${order.id}/invoice`, seller.token, { version: order.version }));
    if (!invoice?.id) continue;
    published.push(invoice.id);
    for (const line of invoice.lines ?? []) add("lineId", line.id);
  }
  if (published[0]) {
    const note = json(await call("POST", `/api/v1/invoices/${published[0]}/credit-notes`, seller.token, { amountCents: 100, note: "fuzz setup" }));
    if (note?.id) params["credit-notes.id"].add(note.id);
    await call("POST", `/api/v1/invoices/${published[0]}/payments`, seller.token, { amountCents: 100, method: "TRANSFER" });
  }
  for (const identity of identities) {
    for (const invoiceId of published) {
      params["invoices.id"].add(invoiceId);
      if (identity.token && (await call("GET", `/api/v1/invoices/${invoiceId}`, identity.token)).status === 200) identity.invoiceIds.push(invoiceId);
    }
  }
  for (const order of delivered) versions.delete(order.id); // invoiced now: their version moved on
  // An attachment to download: a PDF posted in a conversation the owner of the brasserie sees.
  const alice = identities[0];
  if (alice.token && alice.orderIds.length) {
    const boundary = "fuzz-setup";
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\nthe delivery note\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="note.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--${boundary}--\r\n`),
    ]);
    const posted = await send(server.baseUrl, { method: "POST", path: `/api/v1/orders/${alice.orderIds[0]}/messages`, headers: { Authorization: `Bearer ${alice.token}`, "Content-Type": `multipart/form-data; boundary=${boundary}` }, body });
    for (const attachment of json(posted)?.attachments ?? []) params.attachmentId.add(attachment.id);
  }
  for (const [email, slug] of LOGINS) add("email", email), add("organization", slug);
  add("password", PASSWORD);
  // A seed corpus: one known good body per write route, built from the data just discovered.
  const sample = identities[0].orderIds.map((id) => id);
  const anOrder = sample.length ? json(await call("GET", `/api/v1/orders/${sample[0]}`, seller.token)) : null;
  const future = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const transition = [{ version: 1 }, { version: 1, reason: "fuzz" }];
  const corpus: Pools["corpus"] = {
    "POST /api/v1/auth/token": LOGINS.map(([email, organization]) => ({ email, password: PASSWORD, organization, name: "fuzz" })),
    "PATCH /api/v1/orders/{id}": [
      { version: 1, note: "fuzz" },
      { version: 1, deliveryDate: future, distribution: "PICKUP" },
      { version: 1, lines: [{ kind: "FEE", description: "Delivery fee", quantity: 1, unitPrice4: 10_000 }] },
      { version: 1, lines: [{ kind: "REBATE", description: "Rebate", quantity: 1, unitPrice4: 10_000, discountBps: 0 }], taxesEnabled: false },
    ],
    "POST /api/v1/orders/{id}/invoice": [{ version: 1 }],
    "POST /api/v1/invoices/{id}/payments": [{ amountCents: 1, method: "CASH", reference: "fuzz" }, { amountCents: 1, method: "TRANSFER", paidAt: future }],
    "POST /api/v1/invoices/{id}/credit-notes": [{ amountCents: 1, note: "fuzz" }],
    "POST /api/v1/invoices/{id}/cancel": [{ reason: "fuzz" }],
    "POST /api/v1/orders/{id}/messages": [{ body: "fuzz" }],
    ...Object.fromEntries(["{action}", "accept", "reject", "cancel", "ship", "deliver", "restore"].map((a) => [`POST /api/v1/orders/{id}/${a}`, transition])),
  };
  if (anOrder?.lines?.length) {
    const lines = anOrder.lines.filter((l: any) => l.formatId).map((l: any) => ({ formatId: l.formatId, quantity: 1 }));
    corpus["POST /api/v1/orders"] = [
      { buyer: anOrder.buyer.id, deliveryDate: future, lines },
      { seller: anOrder.seller.id, deliveryDate: future, note: "fuzz", lines },
      { seller: anOrder.seller.id, buyer: anOrder.buyer.id, deliveryDate: future, lines },
    ];
  }
  const hints = Object.fromEntries(Object.entries(hint).map(([k, v]) => [k, [...v]]));
  return { params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, [...v]])), hints, versions, corpus };
}

function describeRequest(request: RawRequest): string {
  const body = request.body === undefined ? "" : Buffer.isBuffer(request.body) ? `<${request.body.length} bytes> ${JSON.stringify(request.body.subarray(0, 240).toString("latin1"))}` : request.body.length > 300 ? `${request.body.slice(0, 300)}… (${request.body.length} chars)` : request.body;
  const path = request.path.length > 200 ? `${request.path.slice(0, 200)}… (${request.path.length} chars)` : request.path;
  return `${request.method} ${path} ${JSON.stringify(request.headers?.["Content-Type"] ?? "")} ${body}`;
}

describe("fuzz: every API route keeps the contract whatever it receives", () => {
  it("answers generated and mutated requests without a 5xx, outside-contract error or dead server", async () => {
    const started = performance.now();
    const operations = await operationsFromOpenApi();
    const identities: (Identity & { token?: string })[] = [];
    for (const [email, organization] of LOGINS) {
      const token = await login(email, organization);
      const weight = organization === "brasserie-du-pont" ? 2 : 1;
      identities.push({ name: `${email}@${organization}`, token, authorization: `Bearer ${token}`, orderIds: [], openOrderIds: [], invoiceIds: [], weight });
    }
    identities.push({ name: "nobody", orderIds: [], openOrderIds: [], invoiceIds: [], weight: 1 });
    identities.push({ name: "bad token", authorization: "Bearer not-a-real-token", orderIds: [], openOrderIds: [], invoiceIds: [], weight: 1 });
    identities.push({ name: "bad scheme", authorization: "Basic YWxpY2U6eA==", orderIds: [], openOrderIds: [], invoiceIds: [], weight: 1 });
    const pools = await discover(identities);
    // DELETE /api/v1/auth/token revokes the token it is sent with: the fuzz sends it with spare tokens only.
    const spare: Identity[] = [];
    for (let i = 0; i < 3; i++) spare.push({ name: "spare token", authorization: `Bearer ${await login("sam@brasserie.test", "brasserie-du-pont")}`, orderIds: [], openOrderIds: [], invoiceIds: [], weight: 1 });

    if (process.env.FUZZ_STATS) console.log("pools", Object.fromEntries(Object.entries(pools.params).map(([k, v]) => [k, v.length])), identities.map((i) => `${i.name}: ${i.orderIds.length} orders, ${i.invoiceIds.length} invoices`));
    const rng = new Prng(SEED);
    const failures: Failure[] = [];
    let sent = 0;
    let fiveHundreds = 0;
    let deaths = 0;
    /** This batch's requests left without an answer while the server was down. */
    let unanswered: Planned[] = [];
    /** Answers by route and status: FUZZ_STATS=1 prints them, to see which routes the fuzz gets past validation. */
    const stats: Record<string, Record<string, number>> = {};
    /** Orders an earlier request left unreadable: later failures on them are that one defect again. */
    const brokenOrders = new Set<string>();
    const record = (kind: string, planned: Planned, answer: string) =>
      failures.push({ kind, route: `${planned.request.method} ${planned.operation.path}`, request: describeRequest(planned.request), tags: planned.tags, as: planned.identity.name, answer });

    async function run(planned: Planned): Promise<void> {
      sent++;
      let res: RawResponse;
      try {
        res = await send(server.baseUrl, planned.request);
      } catch (error) {
        if (error instanceof NoAnswer && error.reason.startsWith("client refused")) return;
        // Requests cut by a crash are listed once, with the crash, at the end of the batch.
        if (server.death || !(await server.healthy())) unanswered.push(planned);
        else record("no answer", planned, (error as Error).message);
        return;
      }
      if (res.status >= 500) fiveHundreds++;
      if (process.env.FUZZ_STATS === "valid" && planned.tags.includes("body:valid") && res.status >= 400 && planned.request.method === "PATCH") console.log("VALID→400", describeRequest(planned.request).slice(0, 400), "→", res.body.toString("utf8").slice(0, 300));
      const statKey = `${planned.request.method} ${planned.operation.path}`;
      (stats[statKey] ??= {})[res.status] = (stats[statKey]?.[res.status] ?? 0) + 1;
      stats[statKey].ms = (stats[statKey].ms ?? 0) + Math.round(res.ms);
      const resolved = new URL(planned.request.path.replace(/[^\x21-\x7e]/g, "_"), "http://x").pathname;
      const wrong = contractViolation(res, { produces: planned.operation.produces, outsideApi: !resolved.startsWith("/api/v1/") });
      if (wrong) record(planned.orderId && brokenOrders.has(planned.orderId) ? "5xx on an order left unreadable before" : res.status >= 500 ? "5xx" : "contract", planned, wrong);
      const body = res.status < 300 ? json(res) : null;
      if (body && typeof body.id === "string" && typeof body.version === "number") pools.versions.set(body.id, body.version);
      // A change that went through (or a failure after a write) must leave the order readable by every party.
      if (planned.orderId && planned.request.method !== "GET" && (res.status < 300 || res.status >= 500) && planned.identity.authorization) {
        sent++;
        const after = await send(server.baseUrl, { method: "GET", path: `/api/v1/orders/${encodeURIComponent(planned.orderId)}`, headers: { Authorization: planned.identity.authorization } }).catch((e: Error) => e);
        if (after instanceof Error) {
          if (server.death || !(await server.healthy())) unanswered.push(planned);
          else record("no answer", planned, `follow-up GET: ${after.message}`);
        }
        else {
          if (after.status >= 500) fiveHundreds++;
          const broken = contractViolation(after, {});
          if (broken && !brokenOrders.has(planned.orderId)) {
            brokenOrders.add(planned.orderId);
            record("order unreadable after a change", planned, `GET /api/v1/orders/${planned.orderId} → ${broken}`);
          }
          const order = after.status === 200 ? json(after) : null;
          if (order?.version) pools.versions.set(order.id, order.version);
        }
      }
    }

    for (let done = 0; done < REQUESTS; done += BATCH) {
      const batch: Planned[] = [];
      for (let i = 0; i < Math.min(BATCH, REQUESTS - done); i++) {
        const planned = planRequest(rng, operations, identities, pools, SKIP);
        if (planned.operation.path === "/api/v1/auth/token" && planned.request.method === "DELETE" && planned.identity.token) {
          const revocable = spare.shift();
          if (revocable) planned.request.headers = { ...planned.request.headers, Authorization: revocable.authorization! };
          else planned.request.headers = { ...planned.request.headers, Authorization: "Bearer revoked-already" };
        }
        batch.push(planned);
      }
      let next = 0;
      unanswered = [];
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next < batch.length && !server.death) await run(batch[next++]);
      }));
      if (!(await server.healthy())) {
        deaths++;
        // The request that killed it is among those left without an answer (the last log lines name the error).
        const suspects = unanswered.slice(0, 6).map((p) => `${describeRequest(p.request).slice(0, 160)} [${p.tags.join(" ")}]`);
        failures.push({ kind: "dead server", route: "GET /healthz", request: `during requests ${done + 1}–${done + batch.length}; unanswered:\n      ${suspects.join("\n      ")}`, tags: [], as: "-", answer: server.death ?? "no answer to /healthz" });
        // Start again, so that one crash does not hide everything else this run would find (up to a point).
        await server.stop();
        await server.start(); // the other tests of this file need it too
        if (deaths >= MAX_RESTARTS) break;
      }
    }
    const healthyAtEnd = deaths < MAX_RESTARTS && (await server.healthy());
    const seconds = (performance.now() - started) / 1000;
    console.log(`fuzz: seed ${SEED}, ${sent} requests over ${operations.length} operations, ${fiveHundreds} answered 5xx, ${failures.length} failures, ${seconds.toFixed(1)} s`);

    if (process.env.FUZZ_STATS) for (const [route, counts] of Object.entries(stats).sort()) console.log(route, JSON.stringify(counts));
    const groups = new Map<string, Failure[]>();
    for (const failure of failures) {
      // One group per kind of failure, route and kind of input (the tag of the body or path that varied).
      const input = failure.tags.filter((t) => /^(body|multipart|path|query):/.test(t) && t !== "query:valid").join(" ");
      const key = failure.kind.startsWith("5xx on an order left") ? failure.kind : `${failure.kind} | ${failure.route} | ${input} | ${failure.answer.slice(0, 40)}`;
      groups.set(key, [...(groups.get(key) ?? []), failure]);
    }
    const report = [...groups.values()]
      .map((group) => {
        const first = group[0];
        if (first.kind === "dead server") {
          // The error and where it was thrown: the lines that name an error, and the first frame after.
          const lines = first.answer.split("\n");
          const at = lines.findIndex((l) => /Error|exited/.test(l) && !/^\s+at /.test(l));
          const excerpt = lines.filter((l, i) => i === 0 || (/Error/.test(l) && !/^\s+at /.test(l)) || (at >= 0 && i > at && i <= at + 3 && /^\s+at /.test(l)));
          return `- dead server ${first.request}\n    log:  ${excerpt.join("\n          ").slice(0, 1_500)}`;
        }
        return `- ${first.kind} ×${group.length} on ${first.route} [${first.tags.join(" ")}] as ${first.as}\n    sent: ${first.request}\n    got:  ${first.answer.slice(0, 400)}`;
      })
      .join("\n");
    expect(failures.length, `fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED}):\n${report}`).toBe(0);
    expect(healthyAtEnd, "the server answers /healthz at the end").toBe(true);
  }, 240_000);

  it.skipIf(SKIP.has("oversize"))("answers bodies far over the limits with 413 payload_too_large at once, and stays up", async () => {
    const token = await login("alice@brasserie.test", "brasserie-du-pont");
    const orderId = json(await call("GET", "/api/v1/orders?limit=1", token)).orders[0].id as string;
    const hugeJson = `{"note":"${"x".repeat(16 * 1024 * 1024)}"}`;
    const boundary = "fuzz-oversize";
    const hugeUpload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`),
      Buffer.alloc(32 * 1024 * 1024, 0x20),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const probes: RawRequest[] = [
      { method: "POST", path: "/api/v1/orders", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: hugeJson },
      { method: "PATCH", path: `/api/v1/orders/${orderId}`, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: hugeJson, chunked: true },
      { method: "POST", path: "/api/v1/auth/token", headers: { "Content-Type": "application/json" }, body: hugeJson },
      { method: "POST", path: `/api/v1/orders/${orderId}/messages`, headers: { Authorization: `Bearer ${token}`, "Content-Type": `multipart/form-data; boundary=${boundary}` }, body: hugeUpload, chunked: true },
    ];
    const answers: string[] = [];
    for (const probe of probes) {
      const res = await send(server.baseUrl, probe).catch((e: Error) => e);
      if (res instanceof Error) answers.push(`${probe.method} ${probe.path}: no answer (${res.message})`);
      else answers.push(`${probe.method} ${probe.path}${probe.chunked ? " (chunked)" : ""}: ${res.status} ${json(res)?.error?.code ?? res.body.toString("utf8").slice(0, 80)}${res.ms > 5_000 ? ` after ${Math.round(res.ms)} ms` : ""}`);
    }
    expect(answers).toEqual(probes.map((p) => `${p.method} ${p.path}${p.chunked ? " (chunked)" : ""}: 413 payload_too_large`));
    expect(await server.healthy()).toBe(true);
  }, 60_000);

  it("refuses control characters in a search, or strips them the same way everywhere (never an empty search)", async () => {
    const token = await login("alice@brasserie.test", "brasserie-du-pont");
    const results: string[] = [];
    for (const route of ["/api/v1/orders", "/api/v1/orders/export.csv", "/api/v1/catalog"]) {
      const get = async (q: string) => {
        const res = await send(server.baseUrl, { method: "GET", path: `${route}?q=${q}`, headers: { Authorization: `Bearer ${token}` } });
        return { status: res.status, body: res.body.toString("utf8").replace(/"(updatedAt|lockExpiresAt)":"[^"]*"/g, "") };
      };
      const everything = await get("");
      for (const [withControls, without] of [["%00", ""], ["%01%1F", ""], ["Caf%00", "Caf"], ["%7FCaf", "Caf"]] as const) {
        const res = await get(withControls);
        const clean = await get(without);
        // Nothing but control characters is not "no search": it must not answer the whole list.
        const ok = res.status === 400 || (without !== "" && res.status === clean.status && res.body === clean.body);
        if (!ok) results.push(`${route}?q=${withControls} → ${res.status}${res.body === everything.body ? " (the whole list)" : ""}`);
      }
    }
    expect(results).toEqual([]);
  });

  it("covers every app/routes/api.v1.* file: each one is a route of the OpenAPI document", () => {
    const files = fs.readdirSync(path.resolve("app/routes")).filter((f) => f.startsWith("api.v1."));
    const templates = new Set(API_ROUTES.map((r) => r.path));
    // Flat route file name → OpenAPI template: dots are slashes, `$id` is `{id}`, `[.]` a literal dot.
    const uncovered = files
      .map((file) => file.replace(/\.tsx?$/, ""))
      .filter((name) => name !== "api.v1.$") // the catch-all 404 of unknown API paths
      .map((name) => ({ name, template: "/" + name.replace(/\[\.\]/g, "\u0000").split(".").map((s) => (s.startsWith("$") ? `{${s.slice(1)}}` : s)).join("/").replace(/\u0000/g, ".") }))
      .filter(({ template }) => !templates.has(template));
    expect(uncovered).toEqual([]);
  });
});
