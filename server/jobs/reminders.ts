// `npm run jobs:reminders`: sends today's overdue invoice reminders once and prints how many (the
// emails go to the outbox; the server's worker delivers them). Running it twice the same day sends
// nothing more. Migrates nothing: run it against a database the server has set up. It takes the job's
// lease like the server's scheduler: when an instance holds it (running the job, or
// keeping it for the rest of its period after a run), it says so and exits 0.
import { LEASE_TTL_MS, runExclusive } from "~/modules/jobs/lease.server";
import { getDb } from "~/utils/db.server";
import { ConfigError, getEnv } from "~/utils/env.server";
import { sendOverdueReminders } from "~/modules/invoice/reminders.server";

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
  const run = await runExclusive("invoice-reminders", LEASE_TTL_MS, ({ signal }) => sendOverdueReminders(new Date(), { signal }));
  if (!run.ran) console.log("A server instance holds the invoice-reminders lease (it runs or just ran the job): nothing done.");
  else {
    const { reminded, emails } = run.value;
    console.log(`Reminded ${reminded} overdue invoice${reminded === 1 ? "" : "s"} (${emails} email${emails === 1 ? "" : "s"}).`);
  }
} finally {
  await getDb().$disconnect();
}
