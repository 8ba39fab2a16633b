// Child process (node --expose-gc): heap after GC at render `early` and at render `total`.
import { renderPdf } from "@/lib/pdf/render-pdf";
import { sampleSummaryInput } from "../support/sample-intake";

const total = Number(process.argv[2] ?? 500);
const early = Number(process.argv[3] ?? 50);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
const input = sampleSummaryInput();
const heap: Record<number, number> = {};
for (let i = 1; i <= total; i++) {
  await renderPdf({ kind: "therapist-summary", input });
  if (i === early || i === total) {
    gc();
    gc();
    heap[i] = process.memoryUsage().heapUsed;
  }
}
process.stdout.write(JSON.stringify({ early, total, heapEarly: heap[early], heapEnd: heap[total] }));
