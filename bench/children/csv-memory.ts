// Child process (node --expose-gc): N review-queue rows as CSV, `stream` through the app's writer
// (lib/csv: rows generated on demand, as the export pages them) or `array` — the floor: the same
// rows built in memory and stringified whole by csv-stringify/sync. Prints the peak heap growth
// (after GC, sampled as it goes), the process's peak resident memory, the bytes and the time.
import { stringify } from "csv-stringify/sync";
import { CSV_OPTIONS, csvStream } from "@/lib/csv/writer";
import { queueCsvColumns, queueCsvRows } from "@/lib/csv/queue-csv";
import type { QueueRecord } from "@/db/repositories/intake-queue";

const [mode, count] = [process.argv[2], Number(process.argv[3] ?? 100000)];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
const TZ = "America/Toronto";
const assessment = {
  ruleSetVersion: "2",
  trbd: "met",
  scores: { phq9: { total: 20, band: "severe", item9: 2 }, gad7: { total: 10, band: "moderate" }, auditc: { total: 2, positive: false }, mania_symptoms: 1, adequate_failed_trials: 2, age: 40, bmi: 24 },
  considerations: [{ id: "si_recent_thoughts", severity: "urgent_safety" }, { id: "bp_unknown", severity: "needs_medical_clearance" }, { id: "auditc_note", severity: "info" }],
};
const record = (i: number): QueueRecord => ({
  id: `id-${i}`,
  reference: `KT-${String(i).padStart(8, "0")}`,
  contact: { full_name: "Ñandú Peña-Éclair", preferred_name: "Nan", email: `person${i}@example.org`, phone: "+1 416 555 0100" },
  assessment,
  receivedAt: new Date(1.8e12 - i * 60000).toISOString(),
  submittedAt: new Date(1.8e12 - i * 60000).toISOString(),
  status: "new",
  triage: "urgent",
  needsAcknowledgement: true,
  triageRank: 4,
});
async function* records() {
  for (let i = 0; i < count; i++) yield record(i);
}
gc();
const start = process.memoryUsage().heapUsed;
let peak = 0;
const sample = () => {
  gc();
  peak = Math.max(peak, process.memoryUsage().heapUsed - start);
};
const t = performance.now();
let bytes = 0;
const columns = queueCsvColumns(true);
if (mode === "stream") {
  const reader = csvStream(columns, queueCsvRows(records(), TZ)).getReader();
  let chunks = 0;
  for (let c = await reader.read(); !c.done; c = await reader.read()) {
    bytes += c.value.byteLength;
    if (++chunks % 200 === 0) sample();
  }
} else {
  const rows: unknown[][] = [];
  for await (const row of queueCsvRows(records(), TZ)) rows.push(columns.map((c) => c.cell(row) ?? null));
  sample();
  const text = stringify(rows, { ...CSV_OPTIONS, header: true, columns: columns.map((c) => c.header) });
  sample();
  bytes = Buffer.byteLength(text);
}
sample();
process.stdout.write(JSON.stringify({ mode, count, ms: performance.now() - t, bytes, peakHeap: peak, maxRss: process.resourceUsage().maxRSS * 1024 }));
