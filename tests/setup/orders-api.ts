// The order API as the integration tests use it: the demo people (password comptoir-demo), one token
// each (made once per file), the demo organizations and formats, and dates relative to today.
import { todayIso } from "~/modules/order/dates";
import { getDb } from "~/utils/db.server";
import { api, apiToken, type ApiResult, type TestServer } from "./http";

export const PEOPLE = {
  alice: ["alice@brasserie.test", "brasserie-du-pont"], // OWNER
  sam: ["sam@brasserie.test", "brasserie-du-pont"], // SALES
  anna: ["anna@brasserie.test", "brasserie-du-pont"], // ACCOUNTANT
  marc: ["marc@martin.test", "epicerie-martin"], // OWNER of a retailer (group 5 %, rep agence-rep, distributor distribution-nord)
  sophie: ["sophie@martin.test", "epicerie-martin"], // STAFF
  chloe: ["chloe@central.test", "cafe-central"],
  gaston: ["gaston@gare.test", "bistro-gare"], // no relation with the brasserie
  dan: ["dan@nord.test", "distribution-nord"],
  rita: ["rita@rep.test", "agence-rep"],
  bruno: ["bruno@aurore.test", "boulangerie-aurore"],
} as const;
export type Person = keyof typeof PEOPLE;

/** YYYY-MM-DD, `n` days from today (the server's "today"). */
export function daysFromToday(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return todayIso(d);
}

export type Demo = {
  org: Record<(typeof PEOPLE)[Person][1], string>;
  /** A demo format id by SKU and format name, e.g. format("BDP-BLO", "Bouteille 33 cl"). */
  format(sku: string, name: string): string;
};

export async function loadDemo(): Promise<Demo> {
  const db = getDb();
  const orgs = await db.organization.findMany({ select: { id: true, slug: true } });
  const formats = await db.productFormat.findMany({ select: { id: true, name: true, product: { select: { sku: true } } } });
  return {
    org: Object.fromEntries(orgs.map((o) => [o.slug, o.id])) as Demo["org"],
    format(sku, name) {
      const found = formats.find((f) => f.product.sku === sku && f.name === name);
      if (!found) throw new Error(`no demo format ${sku} / ${name}`);
      return found.id;
    },
  };
}

export type OrdersClient = ReturnType<typeof ordersClient>;

/** Calls the API as one of the demo people. */
export function ordersClient(server: TestServer) {
  const tokens = new Map<Person, Promise<string>>();
  const token = (who: Person) => {
    if (!tokens.has(who)) tokens.set(who, apiToken(server, PEOPLE[who][0], PEOPLE[who][1]));
    return tokens.get(who)!;
  };
  const call = async <T = any>(who: Person, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResult<T>> =>
    api<T>(server, method, path, { token: await token(who), body, headers });
  return {
    token,
    call,
    create: (who: Person, body: unknown, headers?: Record<string, string>) => call(who, "POST", "/api/v1/orders", body, headers),
    get: (who: Person, id: string) => call(who, "GET", `/api/v1/orders/${id}`),
    patch: (who: Person, id: string, body: unknown) => call(who, "PATCH", `/api/v1/orders/${id}`, body),
    act: (who: Person, id: string, action: string, body: unknown) => call(who, "POST", `/api/v1/orders/${id}/${action}`, body),
    lock: (who: Person, id: string) => call(who, "POST", `/api/v1/orders/${id}/lock`),
    unlock: (who: Person, id: string) => call(who, "DELETE", `/api/v1/orders/${id}/lock`),
    history: (who: Person, id: string) => call(who, "GET", `/api/v1/orders/${id}/history`),
    list: (who: Person, query: Record<string, string> = {}) => call(who, "GET", `/api/v1/orders?${new URLSearchParams(query)}`),
  };
}

/** Places an order and expects 201; returns the order. */
export async function placed(client: OrdersClient, who: Person, body: unknown): Promise<any> {
  const res = await client.create(who, body);
  if (res.status !== 201) throw new Error(`${who} could not place the order: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
