// `npm run jobs:expire`: expires the overdue PENDING orders once and prints how many (the server does
// it every 10 minutes by itself). Migrates nothing: run it against a database the server has set up.
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
  const count = await expireOverdueOrders();
  console.log(`Expired ${count} overdue pending order${count === 1 ? "" : "s"}.`);
} finally {
  await getDb().$disconnect();
}
