// The worker thread of ./pdf-pool.server.ts: draws one PDF per message with the app's React PDF
// documents and answers with its bytes (transferred, not copied).
import { parentPort } from "node:worker_threads";
import { renderCreditNotePdf } from "~/pdf/credit-note";
import { renderDeliveryNotesPdf } from "~/pdf/delivery-notes";
import { renderInvoicePdf } from "~/pdf/invoice";
import { renderProductionListPdf } from "~/pdf/production-list";
import { renderPurchaseOrderPdf } from "~/pdf/purchase-order";
import type { PdfTask, PdfWorkerReply } from "./pdf-pool.server";

function draw(task: PdfTask): Promise<Uint8Array> {
  switch (task.kind) {
    case "invoice":
      return renderInvoicePdf(task.props);
    case "credit-note":
      return renderCreditNotePdf(task.props);
    case "purchase-order":
      return renderPurchaseOrderPdf(task.props);
    case "production-list":
      return renderProductionListPdf(task.props);
    case "delivery-notes":
      return renderDeliveryNotesPdf(task.props);
  }
}

parentPort!.on("message", async ({ id, task }: { id: number; task: PdfTask }) => {
  let reply: PdfWorkerReply;
  try {
    const drawn = await draw(task);
    // A copy with its own memory, to transfer (small Buffers share Node's pool).
    reply = { id, bytes: new Uint8Array(drawn) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply, reply.bytes ? [reply.bytes.buffer as ArrayBuffer] : []);
});
