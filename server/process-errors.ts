// Errors that escaped every handler. Neither passes silently: each is logged as one JSON line with the
// request it happened in (AsyncLocalStorage keeps the scope of the code that failed).
// - An unhandled rejection is a promise somebody forgot to await or catch: logged, and the server keeps
//   serving (Node's default would exit, letting one careless request stop every user's work).
// - An uncaught exception was thrown through code whose state is now unknown (a callback that stopped
//   halfway, a stream without its end): logged, then the server stops taking requests and exits with
//   code 1, for the supervisor (systemd, Docker, the PaaS) to start a clean one. The database is safe
//   (SQLite's journal, one transaction per change) and the outbox is retried by the next instance.
//   Request handling never gets here: every async middleware's errors reach server/error-handler.ts.
import { getLogger, logUnexpectedError } from "~/utils/logger.server";

export function installProcessErrorHandlers(stop: (exitCode: number) => void): void {
  process.on("unhandledRejection", (reason) => {
    logUnexpectedError(reason, "Unhandled promise rejection (the server keeps serving)");
  });
  process.on("uncaughtException", (error, origin) => {
    logUnexpectedError(error, `Uncaught exception (${origin}): stopping`);
    getLogger().flush();
    stop(1);
  });
}
