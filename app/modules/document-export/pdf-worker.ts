// The worker thread of ./pdf-pool.server.ts: draws one PDF per message with the app's React PDF
// documents and answers with its bytes (transferred, not copied).
import { parentPort } from "node:worker_threads";
import { renderCreditNotePdf } from "~/pdf/credit-note";
import { renderInvoicePdf } from "~/pdf/invoice";
import type { PdfTask, PdfWorkerReply } from "./pdf-pool.server";

parentPort!.on("message", async ({ id, task }: { id: number; task: PdfTask }) => {
  let reply: PdfWorkerReply;
  try {
    const drawn = task.kind === "invoice" ? await renderInvoicePdf(task.props) : await renderCreditNotePdf(task.props);
    // A copy with its own memory, to transfer (small Buffers share Node's pool).
    reply = { id, bytes: new Uint8Array(drawn) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply, reply.bytes ? [reply.bytes.buffer as ArrayBuffer] : []);
});
