import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { PdfJob } from "./render-pdf";

/**
 * Renders PDFs in worker threads, so a PDF never stalls the server's event loop (bench/pdf-load.ts
 * measures it). One thread per core but one, at least one; jobs queue when all are busy. A thread
 * that dies is replaced and its job fails with a clear error. Each thread is retired after
 * RENDERS_PER_WORKER renders: react-pdf keeps memory from every document it renders (about 1.5 MB
 * each, measured; upstream diegomura/react-pdf#2848), so a fresh thread bounds it.
 */
export const RENDERS_PER_WORKER = 25;

const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), ".pdf-worker", "pdf-worker.mjs");
// A render takes well under a second (bench/pdf-load.ts); a thread that has not answered in 20 s is
// hung (issue 20's fault test stops one): its download fails with a clear error rather than keep the
// person waiting a minute, and the thread is replaced. Counted from dispatch, not from queueing.
const RENDER_TIMEOUT_MS = 20_000;
export const POOL_SIZE = Math.max(1, (os.availableParallelism?.() ?? os.cpus().length) - 1);

/**
 * A render lost to its thread (it crashed, exited or hung), not to the document: the pool has
 * replaced the thread, so the same download is worth trying again at once (a 503, not a 500).
 */
export class PdfWorkerFault extends Error {
  override name = "PdfWorkerFault";
}

interface Pending {
  job: PdfJob;
  resolve: (pdf: Buffer) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  renders: number;
  retiring: boolean;
  busy?: { id: number; pending: Pending; timer: NodeJS.Timeout };
}

const state = globalThis as unknown as { __pdfPool?: { slots: Slot[]; queue: Pending[]; nextId: number } };

function pool() {
  if (!state.__pdfPool) {
    if (!fs.existsSync(WORKER_FILE)) throw new Error("The PDF worker is not built; run npm run build");
    state.__pdfPool = { slots: [], queue: [], nextId: 1 };
    for (let i = 0; i < POOL_SIZE; i++) state.__pdfPool.slots.push(spawn());
  }
  return state.__pdfPool;
}

function spawn(): Slot {
  const slot: Slot = { worker: new Worker(WORKER_FILE), renders: 0, retiring: false };
  slot.worker.unref();
  slot.worker.on("message", (message: { id: number; ok: boolean; pdf?: Uint8Array; error?: string }) => {
    const busy = slot.busy;
    if (!busy || busy.id !== message.id) return;
    clearTimeout(busy.timer);
    slot.busy = undefined;
    if (message.ok && message.pdf) busy.pending.resolve(Buffer.from(message.pdf.buffer, message.pdf.byteOffset, message.pdf.byteLength));
    else busy.pending.reject(new Error(`PDF rendering failed (${message.error ?? "unknown"})`));
    if (++slot.renders >= RENDERS_PER_WORKER) retire(slot);
    dispatch();
  });
  slot.worker.on("error", () => replace(slot, new PdfWorkerFault("PDF worker crashed")));
  slot.worker.on("exit", (code) => {
    if (code !== 0 && !slot.retiring) replace(slot, new PdfWorkerFault(`PDF worker exited with code ${code}`));
  });
  return slot;
}

/** Swaps an idle thread for a fresh one. */
function retire(slot: Slot) {
  const p = state.__pdfPool;
  if (!p) return;
  slot.retiring = true;
  void slot.worker.terminate();
  const index = p.slots.indexOf(slot);
  if (index >= 0) p.slots[index] = spawn();
}

function replace(slot: Slot, error: Error) {
  const p = state.__pdfPool;
  if (!p) return;
  if (slot.busy) {
    clearTimeout(slot.busy.timer);
    slot.busy.pending.reject(error);
    slot.busy = undefined;
  }
  const index = p.slots.indexOf(slot);
  if (index >= 0) p.slots[index] = spawn();
  dispatch();
}

function dispatch() {
  const p = pool();
  for (const slot of p.slots) {
    if (slot.busy) continue;
    const pending = p.queue.shift();
    if (!pending) return;
    const id = p.nextId++;
    const timer = setTimeout(() => {
      slot.retiring = true;
      void slot.worker.terminate();
      replace(slot, new PdfWorkerFault("PDF rendering took too long"));
    }, RENDER_TIMEOUT_MS);
    slot.busy = { id, pending, timer };
    slot.worker.postMessage({ id, job: pending.job });
  }
}

export function renderPdfInWorker(job: PdfJob): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pool().queue.push({ job, resolve, reject });
    dispatch();
  });
}
