// The worker thread of ./pdf-pool.server.ts: draws one PDF per message with the app's React PDF
// documents and answers with its bytes (transferred, not copied).
import { parentPort } from "node:worker_threads";
import { renderCreditNotePdf } from "~/pdf/credit-note";
import { renderDeliveryNotesPdf } from "~/pdf/delivery-notes";
import { renderInvoicePdf } from "~/pdf/invoice";
import { renderProductionListPdf } from "~/pdf/production-list";
import { renderPurchaseOrderPdf } from "~/pdf/purchase-order";
import type { PdfTask, PdfWorkerReply } from "./pdf-pool.server";

function draw(task: PdfTask, id: number): Promise<Uint8Array> {
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
      if (!task.stream) return renderDeliveryNotesPdf(task.props);
      // Streamed: each piece goes as soon as it is drawn; the answer itself is then empty.
      return renderDeliveryNotesPdf(task.props, (chunk) => parentPort!.postMessage({ id, chunk } satisfies PdfWorkerReply, [chunk.buffer as ArrayBuffer])).then(() => new Uint8Array(0));
  }
}

parentPort!.on("message", async ({ id, task }: { id: number; task: PdfTask }) => {
  let reply: PdfWorkerReply;
  try {
    const drawn = await draw(task, id);
    // A copy with its own memory, to transfer (small Buffers share Node's pool).
    reply = { id, bytes: new Uint8Array(drawn) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply, reply.bytes ? [reply.bytes.buffer as ArrayBuffer] : []);
});
