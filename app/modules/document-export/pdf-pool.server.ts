// A small pool of worker threads drawing invoice and credit-note PDFs for a bulk export: React PDF's
// layout is synchronous JavaScript (about 25 ms per invoice), so a thousand invoices drawn in the
// server's thread would take it for half a minute; the workers draw them on the other cores while
// this thread keeps answering requests and writes the zip.
//
// Each worker loads ./pdf-worker.ts through tsx (as the server itself runs: `node --import tsx`), so
// the pool is started from the project root (process.cwd(), where server/, app/ and the tests run).
// The pool lives for one export: `close()` ends its workers. A worker that fails fails its task (the
// export is then FAILED, and can be started again).
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { CreditNotePdfProps } from "~/pdf/credit-note";
import type { InvoicePdfProps } from "~/pdf/invoice";
import type { PdfRenderer } from "../invoice/documents.server";

export type PdfTask = { kind: "invoice"; props: InvoicePdfProps } | { kind: "credit-note"; props: CreditNotePdfProps };
export type PdfWorkerReply = { id: number; bytes?: Uint8Array; error?: string };

type Pending = { id: number; task: PdfTask; resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void };
type Slot = { worker: Worker; current: Pending | null };

export const WORKER_FILE = path.resolve("app/modules/document-export/pdf-worker.ts");

/** Workers for this machine: one per core, at most 4 (the server's own thread keeps a core busy too). */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

export type PdfPool = PdfRenderer & { close(): Promise<void> };

export function createPdfPool(size = defaultPoolSize()): PdfPool {
  const queue: Pending[] = [];
  const slots: Slot[] = [];
  let nextId = 0;
  let closed = false;

  const dispatch = () => {
    for (const slot of slots) {
      if (slot.current || !queue.length) continue;
      slot.current = queue.shift()!;
      slot.worker.postMessage({ id: slot.current.id, task: slot.current.task });
    }
  };

  const start = (): Slot => {
    // An ES module worker written in TypeScript: tsx's loader is registered inside the worker first.
    const code = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(WORKER_FILE).href)}); })`;
    const slot: Slot = { worker: new Worker(code, { eval: true }), current: null };
    slot.worker.on("message", (reply: PdfWorkerReply) => {
      const done = slot.current;
      if (!done || done.id !== reply.id) return;
      slot.current = null;
      if (reply.bytes) done.resolve(reply.bytes);
      else done.reject(new Error(reply.error ?? "PDF worker failed"));
      dispatch();
    });
    const fail = (error: Error) => {
      slot.current?.reject(error);
      slot.current = null;
      slots.splice(slots.indexOf(slot), 1);
      // The tasks waiting for it go to the others, or fail when none is left.
      if (!slots.length) for (const waiting of queue.splice(0)) waiting.reject(error);
      else dispatch();
    };
    slot.worker.on("error", fail);
    slot.worker.on("exit", (code) => {
      if (!closed) fail(new Error(`PDF worker exited (${code})`));
    });
    return slot;
  };

  const run = (task: PdfTask) =>
    new Promise<Uint8Array>((resolve, reject) => {
      if (closed) return reject(new Error("PDF pool closed"));
      if (slots.length < size) slots.push(start());
      queue.push({ id: nextId++, task, resolve, reject });
      dispatch();
    });

  return {
    invoice: (props) => run({ kind: "invoice", props }),
    creditNote: (props) => run({ kind: "credit-note", props }),
    async close() {
      closed = true;
      for (const waiting of queue.splice(0)) waiting.reject(new Error("PDF pool closed"));
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}
