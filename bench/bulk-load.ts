// Raw better-sqlite3 loading of orders: the rows come from the factories' buildOrderRows (the same
// rows createOrderRecord and the seed write, totals from computeTotals), inserted with one prepared
// statement per table inside large transactions.
import Database from "better-sqlite3";
import { todayIso } from "~/modules/order/dates";
import type { OrderStatus } from "~/modules/order/status-machine";
import { buildOrderRows, columnsOf, toSqlValue, type OrderContext, type OrderRecordInput, type OrderRows } from "../tests/factories/orders";
import { seededRandom, type Random } from "../tests/factories/random";

const DAY = 86_400_000;

export type Inserter = { insert(rows: OrderRows): void; rowsWritten: () => number };

/** Prepared INSERTs for the three tables, their column lists taken from a sample of the typed rows. */
export function prepareInserter(sqlite: Database.Database, sample: OrderRows): Inserter {
  const prepare = (table: string, row: object) => {
    const columns = columnsOf(row);
    const statement = sqlite.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
    return (r: object) => statement.run(columns.map((c) => toSqlValue((r as Record<string, unknown>)[c])));
  };
  const order = prepare("Order", sample.order);
  const line = prepare("OrderLine", sample.lines[0]);
  const event = prepare("OrderEvent", sample.events[0]);
  let rows = 0;
  return {
    insert(r) {
      order(r.order);
      for (const l of r.lines) line(l);
      for (const e of r.events) event(e);
      rows += 1 + r.lines.length + r.events.length;
    },
    rowsWritten: () => rows,
  };
}

/** Bulk-load settings: durability off (a failed load is simply redone), a large page cache. */
export function openForBulkLoad(file: string): Database.Database {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -1000000");
  sqlite.pragma("temp_store = MEMORY");
  return sqlite;
}

/** A status that fits the delivery date, as a two-year-old business would have them. */
function statusFor(random: Random, deliveryDate: string, today: string, recentLimit: string, invoicedLimit: string): OrderStatus {
  if (deliveryDate > today) return random.weighted({ PENDING: 35, ACCEPTED: 55, REJECTED: 4, CANCELLED: 6 });
  if (deliveryDate === today) return random.weighted({ SHIPPED: 60, ACCEPTED: 30, PENDING: 5, CANCELLED: 5 });
  if (deliveryDate >= recentLimit) return random.weighted({ DELIVERED: 70, SHIPPED: 12, ACCEPTED: 5, EXPIRED: 5, CANCELLED: 4, REJECTED: 4 });
  if (deliveryDate >= invoicedLimit) {
    return random.weighted({ INVOICED: 45, PAID: 39.5, DELIVERED: 5, CANCELLED: 4, REJECTED: 3, EXPIRED: 3, SHIPPED: 0.3, ACCEPTED: 0.2 });
  }
  return random.weighted({ PAID: 89, INVOICED: 1, DELIVERED: 0.5, CANCELLED: 4, REJECTED: 3, EXPIRED: 2.5 });
}

export type OrderPlan = { ctx: OrderContext; input: OrderRecordInput };

/**
 * `count` orders in creation order over the last `days` days: a share `brasserieShare` for the
 * brasserie's customers, the rest across the other producers; customers order unevenly (a few order
 * a lot); 5–15 distinct lines; statuses by delivery date.
 */
export function* planOrders(options: {
  count: number;
  days: number;
  brasserieShare: number;
  brasserie: OrderContext[];
  others: OrderContext[][];
  now: number;
  seed: number;
}): Generator<OrderPlan> {
  const { count, days, brasserie, others, now } = options;
  const random = seededRandom(options.seed);
  const start = now - days * DAY;
  const step = (days * DAY) / count;
  const today = todayIso(new Date(now));
  const recentLimit = todayIso(new Date(now - 3 * DAY));
  const invoicedLimit = todayIso(new Date(now - 45 * DAY));
  const formatLists = new Map<OrderContext["formats"], string[]>();
  for (let i = 0; i < count; i++) {
    const pool = random.chance(options.brasserieShare) ? brasserie : random.pick(others);
    // Skewed: the first customers of each producer order much more than the last ones.
    const ctx = pool[Math.floor(random.next() ** 2 * pool.length)];
    let formats = formatLists.get(ctx.formats);
    if (!formats) formatLists.set(ctx.formats, (formats = [...ctx.formats.keys()]));
    const createdAt = new Date(Math.min(now - 1000, start + (i + random.next()) * step));
    const delivery = new Date(createdAt);
    delivery.setDate(delivery.getDate() + random.int(1, 6));
    const deliveryDate = todayIso(delivery);
    const status = statusFor(random, deliveryDate, today, recentLimit, invoicedLimit);
    const lineCount = Math.min(formats.length, random.int(5, 15));
    const chosen = new Set<string>();
    while (chosen.size < lineCount) chosen.add(formats[Math.floor(random.next() * formats.length)]);
    yield {
      ctx,
      input: {
        relation: ctx.relationId,
        status,
        deliveryDate,
        createdAt,
        placedBy: random.weighted({ buyer: 70, seller: 25, rep: ctx.rep ? 5 : 0 }),
        cancelledAfterAcceptance: status === "CANCELLED" && random.chance(0.4),
        note: random.chance(0.05) ? "Livraison par l’arrière, merci." : "",
        lines: [...chosen].map((format) => ({ format, quantity: random.int(1, 48) })),
      },
    };
  }
}

export type LoadResult = { orders: number; lines: number; events: number; seconds: number; insertSeconds: number; buildSeconds: number };

/**
 * Writes the planned orders in transactions of `batch` orders, numbering them from each seller's
 * sequence, then saves the sequences. Reports progress every `progressEvery` orders.
 */
export function loadOrders(
  sqlite: Database.Database,
  plans: Iterable<OrderPlan>,
  options: { batch: number; progressEvery: number; total: number; log: (line: string) => void; now: number },
): LoadResult {
  const next = new Map<string, number>(
    (sqlite.prepare(`SELECT "sellerId", "next" FROM "SellerSequence" WHERE "kind" = 'ORDER'`).all() as { sellerId: string; next: number }[]).map((r) => [
      r.sellerId,
      r.next,
    ]),
  );
  // The database refuses lines for invoiced orders (the freeze triggers): a bulk load writes history
  // whole, so they are set aside while it runs and put back as they were.
  const triggers = sqlite.prepare(`SELECT "name", "sql" FROM sqlite_master WHERE "type" = 'trigger' AND "tbl_name" = 'OrderLine'`).all() as { name: string; sql: string }[];
  for (const trigger of triggers) sqlite.exec(`DROP TRIGGER "${trigger.name}"`);
  const restoreTriggers = () => {
    for (const trigger of triggers) sqlite.exec(trigger.sql);
  };
  let inserter: Inserter | null = null;
  let orders = 0;
  let lines = 0;
  let events = 0;
  let buildMs = 0;
  let insertMs = 0;
  const t0 = performance.now();
  let pending: OrderRows[] = [];
  const flush = () => {
    const t = performance.now();
    sqlite.transaction(() => {
      for (const rows of pending) inserter!.insert(rows);
    })();
    insertMs += performance.now() - t;
    pending = [];
  };
  for (const { ctx, input } of plans) {
    const t = performance.now();
    const sellerId = ctx.seller.orgId;
    const number = next.get(sellerId) ?? 1;
    next.set(sellerId, number + 1);
    const rows = buildOrderRows(ctx, input, number, options.now);
    buildMs += performance.now() - t;
    inserter ??= prepareInserter(sqlite, rows);
    pending.push(rows);
    orders++;
    lines += rows.lines.length;
    events += rows.events.length;
    if (pending.length >= options.batch) flush();
    if (orders % options.progressEvery === 0) {
      const seconds = (performance.now() - t0) / 1000;
      options.log(
        `${orders.toLocaleString("en")} / ${options.total.toLocaleString("en")} orders (${lines.toLocaleString("en")} lines) in ${seconds.toFixed(0)} s — ${Math.round(orders / seconds).toLocaleString("en")} orders/s`,
      );
    }
  }
  if (pending.length) flush();
  restoreTriggers();
  const upsert = sqlite.prepare(
    `INSERT INTO "SellerSequence" ("sellerId", "kind", "next") VALUES (?, 'ORDER', ?) ON CONFLICT ("sellerId", "kind") DO UPDATE SET "next" = excluded."next"`,
  );
  sqlite.transaction(() => {
    for (const [sellerId, n] of next) upsert.run(sellerId, n);
  })();
  return { orders, lines, events, seconds: (performance.now() - t0) / 1000, insertSeconds: insertMs / 1000, buildSeconds: buildMs / 1000 };
}

export type BaselineResult = { label: string; orders: number; linesPerOrder: number; seconds: number; ordersPerSecond: number };

/**
 * The clean insert baseline: `count` PENDING orders of 10 lines (rows built beforehand, untimed) into
 * a fresh copy of the catalog database, with the same statements — in transactions of 1,000 orders
 * with synchronous=OFF (the bulk-load settings), and one transaction per order with the app's
 * connection settings (WAL, synchronous FULL — better-sqlite3's default, which the app keeps) and
 * with synchronous=NORMAL.
 */
export function measureInsertBaselines(
  templateFile: string,
  workFile: string,
  contexts: OrderContext[],
  copy: (from: string, to: string) => void,
  counts: { batched: number; perOrder: number },
): BaselineResult[] {
  const random = seededRandom(7);
  const now = Date.now();
  const build = (count: number) => {
    const rows: OrderRows[] = [];
    for (let i = 0; i < count; i++) {
      const ctx = contexts[i % contexts.length];
      const formats = [...ctx.formats.keys()];
      const chosen = new Set<string>();
      while (chosen.size < 10) chosen.add(random.pick(formats));
      rows.push(
        buildOrderRows(ctx, { relation: ctx.relationId, status: "PENDING", deliveryDate: todayIso(new Date(now + 2 * DAY)), lines: [...chosen].map((format) => ({ format, quantity: random.int(1, 48) })) }, 1_000_000 + i, now),
      );
    }
    return rows;
  };
  const results: BaselineResult[] = [];
  const run = (label: string, count: number, synchronous: "OFF" | "NORMAL" | "FULL", perOrder: boolean) => {
    copy(templateFile, workFile);
    const sqlite = new Database(workFile);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma(`synchronous = ${synchronous}`);
    const rows = build(count);
    const inserter = prepareInserter(sqlite, rows[0]);
    const t0 = performance.now();
    if (perOrder) {
      const one = sqlite.transaction((r: OrderRows) => inserter.insert(r));
      for (const r of rows) one(r);
    } else {
      const many = sqlite.transaction((batch: OrderRows[]) => batch.forEach((r) => inserter.insert(r)));
      for (let i = 0; i < rows.length; i += 1000) many(rows.slice(i, i + 1000));
    }
    const seconds = (performance.now() - t0) / 1000;
    sqlite.close();
    results.push({ label, orders: count, linesPerOrder: 10, seconds, ordersPerSecond: count / seconds });
  };
  run("batched (1,000 orders per transaction, synchronous=OFF)", counts.batched, "OFF", false);
  run("one transaction per order, synchronous=FULL (the app's setting)", counts.perOrder, "FULL", true);
  run("one transaction per order, synchronous=NORMAL", counts.perOrder, "NORMAL", true);
  return results;
}
