// Worker threads that draw the app's PDFs (purchase orders, invoices, credit notes), so that the
// server's own thread never loads React PDF nor runs its layout: the layout is synchronous JavaScript
// (about 25 ms per invoice) and React PDF is ~40 MB of code and garbage that would otherwise live in
// the server's heap. Two uses:
//   - `sharedPdfPool()`: the process's long-lived pool for single documents (page and API downloads,
//     email attachments): one or two workers, started on first use and ended after 30 s without work,
//     each with a bounded heap (`resourceLimits`).
//   - `createPdfPool()`: a pool for one bulk export (one worker per core, at most 4), closed after it.
//
// Each worker runs ./pdf-worker.ts bundled into one plain-JavaScript file (./pdf-worker-bundle.server.ts,
// bundled on the process's first PDF, no TypeScript loader in the worker), so pools are started from
// the project root (process.cwd(), where server/, app/ and the tests run).
// A worker that fails or dies (e.g. out of its heap) fails its one task — a 500 `internal` for a
// download — and the next task starts a new worker; the others keep drawing.
import os from "node:os";
import { Worker, type ResourceLimits } from "node:worker_threads";
import type { CreditNotePdfProps } from "~/pdf/credit-note";
import type { DeliveryNotesPdfProps } from "~/pdf/delivery-notes";
import type { InvoicePdfProps } from "~/pdf/invoice";
import type { ProductionListPdfProps } from "~/pdf/production-list";
import type { PurchaseOrderPdfProps } from "~/pdf/purchase-order";
import { pdfWorkerFile } from "./pdf-worker-bundle.server";

export type PdfTask =
  | { kind: "invoice"; props: InvoicePdfProps }
  | { kind: "credit-note"; props: CreditNotePdfProps }
  | { kind: "purchase-order"; props: PurchaseOrderPdfProps }
  | { kind: "production-list"; props: ProductionListPdfProps }
  | { kind: "delivery-notes"; props: DeliveryNotesPdfProps; stream?: boolean };
/** `chunk`: a piece of a streamed document (the task's answer follows, with empty bytes). */
export type PdfWorkerReply = { id: number; bytes?: Uint8Array; chunk?: Uint8Array; error?: string };

/** Draws PDFs; the documents modules take one (the shared pool by default). */
export type PdfRenderer = {
  invoice: (props: InvoicePdfProps) => Promise<Uint8Array>;
  creditNote: (props: CreditNotePdfProps) => Promise<Uint8Array>;
  purchaseOrder: (props: PurchaseOrderPdfProps) => Promise<Uint8Array>;
  productionList: (props: ProductionListPdfProps) => Promise<Uint8Array>;
  deliveryNotes: (props: DeliveryNotesPdfProps) => Promise<Uint8Array>;
};

type Pending = { id: number; task: PdfTask; resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void; onChunk?: (chunk: Uint8Array) => void };
type Slot = { worker: Worker; current: Pending | null; idleTimer: NodeJS.Timeout | null; gone: boolean };

/**
 * A worker's heap: React PDF takes ~35 MB of it; a 400-line invoice's layout stays well under
 * 100 MB. A document that needs more fails alone instead of growing the process without bound. An
 * 8 MB young generation saved 17 MB of RSS but doubled an invoice's drawing time (100 vs 47 ms): 32.
 */
export const PDF_WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 32 };

/** Workers for a bulk export on this machine: one per core, at most 4 (the server's own thread keeps a core busy too). */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

export type PdfPoolOptions = {
  /** End a worker after this long without a task (default: never, until close()). */
  idleMs?: number;
  resourceLimits?: ResourceLimits;
};

export type PdfPool = PdfRenderer & {
  /** Delivery notes sent piece by piece as they are drawn (`onChunk`), for a response that streams; resolves once all are sent. */
  deliveryNotesStream(props: DeliveryNotesPdfProps, onChunk: (chunk: Uint8Array) => void): Promise<void>;
  close(): Promise<void>;
  /** Workers running now (started on demand, ended when idle). */
  workerCount(): number;
};

export function createPdfPool(size = defaultPoolSize(), options: PdfPoolOptions = {}): PdfPool {
  const queue: Pending[] = [];
  const slots: Slot[] = [];
  let nextId = 0;
  let closed = false;

  const retire = (slot: Slot) => {
    if (slot.gone) return;
    slot.gone = true;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
  };

  const dispatch = () => {
    for (const slot of slots) {
      if (slot.current || !queue.length) continue;
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slot.idleTimer = null;
      slot.current = queue.shift()!;
      slot.worker.ref(); // a task in flight keeps the process alive, an idle worker does not
      slot.worker.postMessage({ id: slot.current.id, task: slot.current.task });
    }
    for (const slot of slots) {
      if (slot.current || slot.idleTimer || options.idleMs === undefined) continue;
      slot.worker.unref();
      slot.idleTimer = setTimeout(() => {
        retire(slot);
        void slot.worker.terminate();
      }, options.idleMs);
      slot.idleTimer.unref();
    }
  };

  // The bundled worker, known before the first worker starts (run() waits for it).
  let workerFile: string | null = null;

  const start = (): Slot => {
    // Plain JavaScript: none of the process's node flags (`--import tsx` would load the TypeScript
    // loader in the worker too; the V8 flags are the process's anyway), and React's production build
    // whatever the process's NODE_ENV (the worker only draws).
    const worker = new Worker(workerFile!, {
      execArgv: [],
      env: { ...process.env, NODE_ENV: "production" },
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    });
    const slot: Slot = { worker, current: null, idleTimer: null, gone: false };
    worker.on("message", (reply: PdfWorkerReply) => {
      const done = slot.current;
      if (!done || done.id !== reply.id) return;
      if (reply.chunk) return done.onChunk?.(reply.chunk);
      slot.current = null;
      if (reply.bytes) done.resolve(reply.bytes);
      else done.reject(new Error(reply.error ?? "PDF worker failed"));
      dispatch();
    });
    // 'error' (e.g. ERR_WORKER_OUT_OF_MEMORY) is followed by 'exit': the slot fails once.
    const fail = (error: Error) => {
      if (slot.gone) return;
      retire(slot);
      const lost = slot.current;
      slot.current = null;
      lost?.reject(error);
      // A worker that died idle may not start at all (a broken install): the waiting tasks fail
      // rather than loop on new workers. Otherwise they go to the others, or to a new worker.
      if (!lost && !slots.length) for (const waiting of queue.splice(0)) waiting.reject(error);
      if (queue.length && !closed) {
        if (slots.length < size) slots.push(start());
        dispatch();
      }
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (!closed) fail(new Error(`PDF worker exited (${code})`));
    });
    return slot;
  };

  const run = async (task: PdfTask, onChunk?: (chunk: Uint8Array) => void) => {
    if (closed) throw new Error("PDF pool closed");
    workerFile ??= await pdfWorkerFile();
    return new Promise<Uint8Array>((resolve, reject) => {
      if (closed) return reject(new Error("PDF pool closed"));
      queue.push({ id: nextId++, task, resolve, reject, onChunk });
      if (slots.length < size && !slots.some((s) => !s.current)) slots.push(start());
      dispatch();
    });
  };

  return {
    invoice: (props) => run({ kind: "invoice", props }),
    creditNote: (props) => run({ kind: "credit-note", props }),
    purchaseOrder: (props) => run({ kind: "purchase-order", props }),
    productionList: (props) => run({ kind: "production-list", props }),
    deliveryNotes: (props) => run({ kind: "delivery-notes", props }),
    deliveryNotesStream: async (props, onChunk) => {
      await run({ kind: "delivery-notes", props, stream: true }, onChunk);
    },
    workerCount: () => slots.length,
    async close() {
      closed = true;
      for (const waiting of queue.splice(0)) waiting.reject(new Error("PDF pool closed"));
      const ending = slots.splice(0);
      for (const slot of ending) retire(slot);
      await Promise.all(ending.map((s) => s.worker.terminate()));
    },
  };
}

/** How long a worker of the shared pool stays up without work (it costs ~60 MB of RSS while up). */
export const SHARED_POOL_IDLE_MS = 30_000;

const globalForPool = globalThis as unknown as { __comptoirPdfPool?: PdfPool };

/** The process's pool for single documents: one worker per spare core, at most 2. */
export function sharedPdfPool(): PdfPool {
  globalForPool.__comptoirPdfPool ??= createPdfPool(Math.max(1, Math.min(2, os.availableParallelism() - 1)), {
    idleMs: SHARED_POOL_IDLE_MS,
    resourceLimits: PDF_WORKER_LIMITS,
  });
  return globalForPool.__comptoirPdfPool;
}
