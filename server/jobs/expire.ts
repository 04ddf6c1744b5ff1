// `npm run jobs:expire`: expires the overdue PENDING orders once and prints how many (the server does
// it every 10 minutes by itself). Migrates nothing: run it against a database the server has set up.
// It takes the job's lease like the server's scheduler, so it never expires orders at the same time as a
// running server: when an instance holds it (running the job, or keeping
// it for the rest of its period after a run), it says so and exits 0: that instance does the work.
import { LEASE_TTL_MS, runExclusive } from "~/modules/jobs/lease.server";
import { getDb } from "~/utils/db.server";
import { ConfigError, getEnv } from "~/utils/env.server";
import { expireOverdueOrders } from "~/modules/order/expire.server";

try {
  getEnv();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

try {
  const run = await runExclusive("order-expiry", LEASE_TTL_MS, ({ signal }) => expireOverdueOrders(new Date(), { signal }));
  if (!run.ran) console.log("A server instance holds the order-expiry lease (it runs or just ran the job): nothing done.");
  else console.log(`Expired ${run.value} overdue pending order${run.value === 1 ? "" : "s"}.`);
} finally {
  await getDb().$disconnect();
}
