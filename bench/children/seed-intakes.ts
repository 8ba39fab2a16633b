// Child process: seeds DATABASE_PATH (with KEYS_DIR) with N encrypted intakes: a mix of triage
// levels, statuses and dates over 300 days. Prints how long it took.
import { getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { closeDb, getDb, migrateDatabase } from "@/db/client";
import { createIntake } from "@/lib/intake/intake-record";
import { parseIntake } from "@/lib/questionnaire";
import { assess } from "@/lib/assessment";
import { startProgress } from "@/lib/cli/progress";
import { fullIntake } from "../../tests/fixtures/intakes";

const total = Number(process.argv[2] ?? 100000);
const config = getConfig();
loadKeyMaterial(config);
const db = getDb();
migrateDatabase(db);
db.$client.pragma("synchronous = OFF"); // seeding only
const TEMPLATES = [
  {},
  { phq9_9: 2, si_thoughts_past_month: "yes", si_intent: "unsure", si_plan: "no" },
  { hypertension_diagnosed: "no", bp_controlled: undefined, bp_recent_systolic: undefined, bp_recent_diastolic: undefined, bp_recent_date: undefined },
  { mania_last_12_months: "yes", bipolar_type: "bipolar_1", on_mood_medication: "no", current_mood_medications: undefined },
  { cardiovascular_history: ["aneurysm"] },
];
const FIRST = ["Zoë", "Łukasz", "Amara", "Jonah", "Mei", "Ravi", "Élodie", "Tomás", "Noor", "Kwame"];
const LAST = ["Bélanger-Nguyễn", "Øster", "Okafor", "Singh", "Tremblay", "Cohen", "Haddad", "Lindqvist", "Moreau", "Kowalski"];
const STATUSES = ["new", "in_review", "consult_booked", "not_suitable", "referred_out", "archived"];
const assessments = new Map<number, ReturnType<typeof assess>>();
const start = performance.now();
const span = 300 * 24 * 3600 * 1000;
const now = Date.now();
const setStatus = db.$client.prepare("update intakes set status = ?, needs_acknowledgement = case when ? = 'new' then needs_acknowledgement else 0 end where id = ?");
const progress = startProgress("Seeding intakes", total);
// Batches of 5000 in one transaction each (the repository's own transactions nest as savepoints).
for (let from = 0; from < total; from += 5000) {
  db.$client.exec("BEGIN IMMEDIATE");
  try {
    for (let i = from; i < Math.min(total, from + 5000); i++) {
      const received = new Date(now - Math.floor((i / total) * span) - (i % 97) * 1000);
      const template = i % TEMPLATES.length;
      const overrides = { bp_recent_date: "2025-12-01", ...TEMPLATES[template], full_name: `${FIRST[i % 10]} ${LAST[(i * 7) % 10]} ${i}`, email: `client${i}@example.org`, preferred_name: undefined };
      const parsed = parseIntake(fullIntake(overrides, { submittedAt: undefined }), { receivedAt: received, timeZone: config.timeZone, submittedAtPolicy: "not_future" });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      if (!assessments.has(template)) assessments.set(template, assess(parsed.intake.answers, parsed.intake.referenceDate, config.ruleSets[parsed.intake.version]));
      const result = await createIntake(parsed.intake, { receivedAt: received, assessment: assessments.get(template)! });
      if (result.outcome !== "created") throw new Error(result.outcome);
      const status = STATUSES[(i * 5) % STATUSES.length]!;
      if (status !== "new") setStatus.run(status, status, result.intake.id);
    }
    db.$client.exec("COMMIT");
  } catch (error) {
    db.$client.exec("ROLLBACK");
    throw error;
  }
  progress.update(Math.min(total, from + 5000));
}
progress.finish();
db.$client.pragma("synchronous = FULL");
db.$client.exec("ANALYZE");
closeDb();
process.stdout.write(JSON.stringify({ seeded: total, seconds: (performance.now() - start) / 1000 }));
