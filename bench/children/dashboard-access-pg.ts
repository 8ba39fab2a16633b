// Child process: the dashboard's first page (50 rows, status and triage filters) on PostgreSQL
// (DATABASE_URL) through the data-access layer, against the floor — the same two queries in raw
// SQL through the `pg` driver (its own pool of the same size), with the same decryption of the
// rows — interleaved run by run. Prints the samples.
import pg from "pg";
import { getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { closeDatabases } from "@/db/prepare-database";
import { queryReviewQueue, toQueueRow } from "@/lib/review/queue";
import { decryptQueueRow, type StoredQueueRow } from "@/db/repositories/intake-queue";

const runs = Number(process.argv[2] ?? 50);
const config = getConfig();
if (!config.databaseUrl) throw new Error("dashboard-access-pg: DATABASE_URL is not set");
loadKeyMaterial(config);
const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
const filter = { status: "new" as const, triage: "urgent" as const };
const RAW = `select id, reference_enc as "referenceEnc", contact_enc as "contactEnc", assessment_enc as "assessmentEnc", received_at as "receivedAt", submitted_at as "submittedAt", status, triage, needs_acknowledgement as "needsAcknowledgement", triage_rank as "triageRank"
  from intakes where status = $1 and triage = $2 order by needs_acknowledgement desc, triage_rank desc, received_at desc, id desc limit 51`;
const COUNT = "select count(*)::int as n from intakes where status = $1 and triage = $2";
const floor = async () => {
  const counted = await pool.query<{ n: number }>(COUNT, ["new", "urgent"]);
  const found = await pool.query<StoredQueueRow>(RAW, ["new", "urgent"]);
  return { total: counted.rows[0]!.n, rows: found.rows.slice(0, 50).map((r) => toQueueRow(decryptQueueRow(r))) };
};
const app = () => queryReviewQueue(filter, undefined, 50, config.timeZone);
for (let i = 0; i < 5; i++) {
  await floor();
  await app();
}
const appMs: number[] = [];
const floorMs: number[] = [];
for (let i = 0; i < runs; i++) {
  let t = performance.now();
  const a = await app();
  appMs.push(performance.now() - t);
  t = performance.now();
  const f = await floor();
  floorMs.push(performance.now() - t);
  if (a.rows.length !== f.rows.length || a.total !== f.total) throw new Error("app and floor disagree");
}
const last = await app();
await pool.end();
await closeDatabases();
process.stdout.write(JSON.stringify({ appMs, floorMs, rows: last.rows.length, total: last.total }));
