import { parentPort } from "node:worker_threads";
import { renderPdf, type PdfJob } from "./render-pdf";

/**
 * A PDF render thread. Bundled by scripts/build-pdf-worker.mjs into .pdf-worker/pdf-worker.mjs
 * (outside Next's bundler), and run by lib/pdf/render-pool.ts.
 */
parentPort!.on("message", async (message: { id: number; job: PdfJob }) => {
  try {
    const pdf = await renderPdf(message.job);
    const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    parentPort!.postMessage({ id: message.id, ok: true, pdf: bytes });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, ok: false, error: error instanceof Error ? error.name : "Error" });
  }
});
