// `npm run verify-ledger`: walks every seller's chain of published invoices and credit notes,
// recomputes each document's hash from its stored content (app/modules/invoice/ledger.server.ts, the
// same code that hashed it at publication) and checks the links. Prints OK with the counts, or names
// the first broken link (seller, position, document number, what differs) and exits with 1.
// Reads DATABASE_URL / DATA_DIR like the server; migrates nothing.
import { getDb } from "~/utils/db.server";
import { ConfigError, getEnv } from "~/utils/env.server";
import { verifyLedger } from "~/modules/invoice/ledger.server";

try {
  getEnv();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

let exitCode = 0;
try {
  const report = await verifyLedger(getDb());
  if (report.broken) {
    const b = report.broken;
    console.error(
      `BROKEN ledger of seller ${b.sellerName} (${b.sellerId}) at position ${b.position}${b.number ? `, document ${b.number}` : ""}: ${b.problem}`,
    );
    exitCode = 1;
  } else {
    console.log(`OK: ${report.sellers} seller chain${report.sellers === 1 ? "" : "s"}, ${report.invoices} invoice${report.invoices === 1 ? "" : "s"}, ${report.creditNotes} credit note${report.creditNotes === 1 ? "" : "s"} verified.`);
  }
} finally {
  await getDb().$disconnect();
}
process.exit(exitCode);
