// Child process (node --expose-gc): the production path — renders through the worker pool, one
// after another — and the process's resident memory (main heap collected first) at render `early`
// and at render `total`.
import { renderPdfInWorker } from "@/lib/pdf/render-pool";
import { sampleSummaryInput } from "../support/sample-intake";

const total = Number(process.argv[2] ?? 500);
const early = Number(process.argv[3] ?? 50);
const gc = (globalThis as { gc?: () => void }).gc!;
const input = sampleSummaryInput();
const rss: Record<number, number> = {};
for (let i = 1; i <= total; i++) {
  await renderPdfInWorker({ kind: "therapist-summary", input });
  if (i === early || i === total) {
    gc();
    await new Promise((r) => setTimeout(r, 200));
    rss[i] = process.memoryUsage().rss;
  }
}
process.stdout.write(JSON.stringify({ early, total, rssEarly: rss[early], rssEnd: rss[total] }));
process.exit(0);
