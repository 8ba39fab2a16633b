/**
 * `npm run bench:dashboard [-- --intakes 100000]`: seeds a throwaway database with that many
 * encrypted intakes (a mix of triage levels, statuses and dates over 300 days) and measures what the
 * therapist's dashboard does: the first page of the queue, a page deep in it, filtered pages,
 * search through the blind indexes, and the urgent count. Prints median and p95 per operation.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { intakes: { type: "string", default: "100000" }, runs: { type: "string", default: "30" } } });
const total = Number(values.intakes);
const runs = Number(values.runs);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-dashboard-"));
process.env.DATABASE_PATH = path.join(dir, "data", "intake.db");
process.env.KEYS_DIR = path.join(dir, "keys");

const { getConfig } = await import("@/lib/config");
const { loadKeyMaterial } = await import("@/lib/crypto/key-material");
const { getDb, migrateDatabase, closeDb } = await import("@/db/client");
const { createIntake } = await import("@/db/queries/intakes");
const { listReviewQueue, searchIntakes, countUnacknowledgedUrgent } = await import("@/db/queries/review");
const { parseIntake } = await import("@/lib/questionnaire");
const { assess } = await import("@/lib/assessment");
const { fullIntake } = await import("../tests/fixtures/intakes");

const config = getConfig();
loadKeyMaterial(config);
const db = getDb();
migrateDatabase(db);
db.$client.pragma("synchronous = OFF"); // seeding only; the measured reads do not write intakes

const TEMPLATES = [
  {},
  { phq9_9: 2, si_thoughts_past_month: "yes", si_intent: "no", si_plan: "no" },
  { hypertension_diagnosed: "no", bp_controlled: undefined, bp_recent_systolic: undefined, bp_recent_diastolic: undefined, bp_recent_date: undefined },
  { mania_last_12_months: "yes", bipolar_type: "bipolar_1", on_mood_medication: "no", current_mood_medications: undefined },
  { cardiovascular_history: ["aneurysm"] },
];
const FIRST = ["Zoë", "Łukasz", "Amara", "Jonah", "Mei", "Ravi", "Élodie", "Tomás", "Noor", "Kwame"];
const LAST = ["Bélanger-Nguyễn", "Øster", "Okafor", "Singh", "Tremblay", "Cohen", "Haddad", "Lindqvist", "Moreau", "Kowalski"];
const STATUSES = ["new", "in_review", "consult_booked", "not_suitable", "referred_out", "archived"] as const;

console.log(`Seeding ${total} intakes into ${dir} …`);
const seedStart = performance.now();
const yearMs = 300 * 24 * 3600 * 1000; // all after the fixture's dated answers
const now = Date.now();
let probeEmail = "";
let probeReference = "";
for (let start = 0; start < total; start += 5000) {
  db.transaction(() => {
    for (let i = start; i < Math.min(total, start + 5000); i++) {
      const received = new Date(now - Math.floor((i / total) * yearMs) - (i % 97) * 1000);
      const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]} ${i}`;
      const email = `client${i}@example.org`;
      const overrides = { bp_recent_date: "2025-12-01", ...TEMPLATES[i % TEMPLATES.length], full_name: name, email, preferred_name: undefined };
      const parsed = parseIntake(fullIntake(overrides, { submittedAt: undefined }), { receivedAt: received, timeZone: config.timeZone, submittedAtPolicy: "not_future" });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const result = createIntake(parsed.intake, { receivedAt: received, assessment: assess(parsed.intake.answers, parsed.intake.referenceDate, config.ruleSet) });
      if (result.outcome !== "created") throw new Error(result.outcome);
      const status = STATUSES[i % STATUSES.length]!;
      if (status !== "new") db.$client.prepare("update intakes set status = ?, needs_acknowledgement = 0 where id = ?").run(status, result.intake.id);
      if (i === Math.floor(total / 2)) {
        probeEmail = email;
        probeReference = result.intake.reference;
      }
    }
  });
}
db.$client.pragma("synchronous = FULL");
db.$client.exec("ANALYZE");
console.log(`Seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s\n`);

const reviewer = { userId: "bench", email: "bench@clinic.example", ipAddress: null };
function measure(label: string, fn: () => unknown) {
  fn(); // warm
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(`${label.padEnd(58)} median ${p(0.5).padStart(6)} ms   p95 ${p(0.95).padStart(6)} ms`);
}

let deepCursor: string | undefined;
{
  let cursor: string | undefined;
  for (let i = 0; i < 200; i++) cursor = listReviewQueue({}, cursor, 25, config.timeZone, reviewer).nextCursor ?? undefined;
  deepCursor = cursor;
}
const month = new Date(now - 200 * 24 * 3600 * 1000).toISOString().slice(0, 10);
const monthEnd = new Date(now - 170 * 24 * 3600 * 1000).toISOString().slice(0, 10);

console.log(`Dashboard with ${total} intakes (${runs} runs each, 25 rows a page, incl. decrypting the rows and the audit write):`);
measure("queue, first page + total count", () => listReviewQueue({}, undefined, 25, config.timeZone, reviewer));
measure("queue, page 201 (keyset cursor)", () => listReviewQueue({}, deepCursor, 25, config.timeZone, reviewer));
measure("filter status = in_review", () => listReviewQueue({ status: "in_review" }, undefined, 25, config.timeZone, reviewer));
measure("filter triage = needs_clearance", () => listReviewQueue({ triage: "needs_clearance" }, undefined, 25, config.timeZone, reviewer));
measure("filter a 30-day received range", () => listReviewQueue({ from: month, to: monthEnd }, undefined, 25, config.timeZone, reviewer));
measure("search exact e-mail", () => searchIntakes(probeEmail, reviewer));
measure("search exact reference", () => searchIntakes(probeReference, reviewer));
measure("search name tokens (2 words)", () => searchIntakes("Amara Okafor", reviewer));
measure("unacknowledged urgent count", () => countUnacknowledgedUrgent());
closeDb();
fs.rmSync(dir, { recursive: true, force: true });
