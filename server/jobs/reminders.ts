// `npm run jobs:reminders`: sends today's overdue invoice reminders once and prints how many (the
// emails go to the outbox; the server's worker delivers them). Running it twice the same day sends
// nothing more. Migrates nothing: run it against a database the server has set up.
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
  const { reminded, emails } = await sendOverdueReminders(new Date());
  console.log(`Reminded ${reminded} overdue invoice${reminded === 1 ? "" : "s"} (${emails} email${emails === 1 ? "" : "s"}).`);
} finally {
  await getDb().$disconnect();
}
