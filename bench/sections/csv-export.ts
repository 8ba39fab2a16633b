import { execFileSync } from "node:child_process";
import type { BenchRow } from "../support/row";

/**
 * Bench section: peak memory of the review-queue CSV export (lib/csv) for 100,000 rows (quick: 5,000),
 * streamed through the app's writer, against the floor of the same rows built in memory and
 * stringified whole by csv-stringify. Each side in its own child process (node --expose-gc), so
 * one's heap never counts for the other. Rows are generated in the queue records' shape (no
 * database: this measures the writer, not the reads, which section 3 covers).
 */


type Measured = { ms: number; bytes: number; peakHeap: number; maxRss: number };
const MB = (n: number) => (n / 1048576).toFixed(1);

export async function csvExportSection({ quick, id = 10 }: { quick: boolean; id?: number }): Promise<BenchRow[]> {
  const count = quick ? 5000 : 100000;
  const run = (mode: "stream" | "array") =>
    JSON.parse(execFileSync(process.execPath, ["--expose-gc", "bin/run.mjs", "bench/children/csv-memory.ts", mode, String(count)], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] })) as Measured;
  const streamed = run("stream");
  const floor = run("array");
  // Streaming should hold a few pages, not the file: at most a tenth of the in-memory floor's heap (full size; quick sizes are too small to judge).
  const ratio = streamed.peakHeap / floor.peakHeap;
  return [
    {
      id,
      what: `Review-queue CSV export, ${count.toLocaleString("en")} rows (${MB(streamed.bytes)} MB), peak memory`,
      figure: `streamed: heap +${MB(streamed.peakHeap)} MB after GC, peak resident ${MB(streamed.maxRss)} MB, ${Math.round(streamed.ms)} ms`,
      floor: `csv-stringify from an in-memory array: heap +${MB(floor.peakHeap)} MB, peak resident ${MB(floor.maxRss)} MB, ${Math.round(floor.ms)} ms`,
      ratio: `${ratio.toFixed(3)}× heap`,
      target: "≤ 0.1× the floor's heap",
      met: quick || ratio <= 0.1,
      ...(quick ? { notes: "quick: not judged" } : {}),
    },
  ];
}
