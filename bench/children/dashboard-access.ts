// Child process: the dashboard's first page (50 rows, status and triage filters) through the
// data-access layer, against the floor — the same query in raw SQL through better-sqlite3, with the
// same decryption of the rows — interleaved run by run. Prints the samples.
import { getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { getDb } from "@/db/client";
import { queryReviewQueue, toQueueRow } from "@/lib/review/queue";
import { decryptQueueRow, type StoredQueueRow } from "@/db/repositories/intake-queue";

const runs = Number(process.argv[2] ?? 50);
const config = getConfig();
loadKeyMaterial(config);
const db = getDb();
const filter = { status: "new" as const, triage: "urgent" as const };
const raw = db.$client.prepare(
  `select id, reference_enc as referenceEnc, contact_enc as contactEnc, assessment_enc as assessmentEnc, received_at as receivedAt, submitted_at as submittedAt, status, triage, needs_acknowledgement as needsAcknowledgement, triage_rank as triageRank
   from intakes where status = ? and triage = ? order by needs_acknowledgement desc, triage_rank desc, received_at desc, id desc limit 51`,
);
const rawCount = db.$client.prepare("select count(*) as n from intakes where status = ? and triage = ?");
const floor = () => {
  const total = (rawCount.get("new", "urgent") as { n: number }).n;
  const rows = (raw.all("new", "urgent") as StoredQueueRow[]).slice(0, 50).map((r) => toQueueRow(decryptQueueRow({ ...r, needsAcknowledgement: !!r.needsAcknowledgement })));
  return { total, rows };
};
const app = () => queryReviewQueue(filter, undefined, 50, config.timeZone);
for (let i = 0; i < 5; i++) {
  floor();
  await app();
}
const appMs: number[] = [];
const floorMs: number[] = [];
for (let i = 0; i < runs; i++) {
  let t = performance.now();
  const a = await app();
  appMs.push(performance.now() - t);
  t = performance.now();
  const f = floor();
  floorMs.push(performance.now() - t);
  if (a.rows.length !== f.rows.length || a.total !== f.total) throw new Error("app and floor disagree");
}
const last = await app();
process.stdout.write(JSON.stringify({ appMs, floorMs, rows: last.rows.length, total: last.total }));
