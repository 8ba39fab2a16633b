import { csvStream } from "@/lib/csv/writer";
import { queueCsvColumns, queueCsvRows } from "@/lib/csv/queue-csv";
const gc = (globalThis as { gc?: () => void }).gc!;
const TOTAL = 100000;
const assessment = { ruleSetVersion: "2", trbd: "met", scores: { phq9: { total: 20, band: "severe", item9: 2 }, gad7: { total: 10, band: "moderate" }, auditc: { total: 2, positive: false }, mania_symptoms: 1, adequate_failed_trials: 2, age: 40, bmi: 24 }, considerations: [{ id: "si_recent", severity: "urgent_safety" }, { id: "bp", severity: "caution" }, { id: "x", severity: "info" }] };
async function* records() {
  for (let i = 0; i < TOTAL; i++) yield { id: `id-${i}`, reference: `KT-${i}`, contact: { full_name: "Ñandú Peña-Éclair", email: "n@example.org", phone: "+1 416", preferred_name: "N" }, assessment, receivedAt: new Date(1.8e12 - i * 60000).toISOString(), submittedAt: "x", status: "new", triage: "urgent", needsAcknowledgement: true, triageRank: 4 } as never;
}
gc(); const start = process.memoryUsage().heapUsed; const t = performance.now();
const reader = csvStream(queueCsvColumns(true), queueCsvRows(records(), "America/Toronto")).getReader();
let bytes = 0, n = 0, peakGc = 0, peak = 0;
for (let c = await reader.read(); !c.done; c = await reader.read()) {
  bytes += c.value.byteLength; peak = Math.max(peak, process.memoryUsage().heapUsed - start);
  if (++n % 200 === 0) { gc(); peakGc = Math.max(peakGc, process.memoryUsage().heapUsed - start); }
}
console.log(JSON.stringify({ ms: performance.now() - t, chunks: n, mb: bytes / 1048576, peak: peak / 1048576, peakAfterGc: peakGc / 1048576, maxRss: process.resourceUsage().maxRSS / 1024 }));
