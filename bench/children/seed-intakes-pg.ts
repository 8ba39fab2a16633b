// Child process: seeds the PostgreSQL database at DATABASE_URL (with KEYS_DIR) with N encrypted
// intakes — the same mix of triage levels, statuses and dates over 300 days as seed-intakes.ts.
// Rows are built by the repository's own row code (db/repositories/shared/intakes.ts: the same
// encryption, blind indexes and sort columns an insert writes) and stored with multi-row inserts,
// 1000 rows a statement, 5000 a transaction. Prints how long it took.
import { getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { prepareDatabase, closeDatabases } from "@/db/prepare-database";
import { getPgDb } from "@/db/pg-client";
import { intakeNameTokens, intakes } from "@/db/schema-pg";
import { intakeIndexes, intakeValues } from "@/db/repositories/shared/intakes";
import type { NewIntakeRow } from "@/db/repositories/intakes";
import { assessmentColumns } from "@/lib/intake/intake-record";
import { parseIntake, questionnaire } from "@/lib/questionnaire";
import { nameTokens } from "@/lib/questionnaire/text";
import { assess } from "@/lib/assessment";
import { newIntakeId, newReferenceCode } from "@/lib/reference-code";
import { startProgress } from "@/lib/cli/progress";
import { fullIntake } from "../../tests/fixtures/intakes";

const total = Number(process.argv[2] ?? 100000);
const config = getConfig();
if (!config.databaseUrl) throw new Error("seed-intakes-pg: DATABASE_URL is not set");
loadKeyMaterial(config);
await prepareDatabase();
const db = getPgDb();
const CONTACT_ITEMS: ReadonlySet<string> = new Set(questionnaire.sections.find((s) => s.id === "about")!.items.map((i) => i.id));
const TEMPLATES = [
  {},
  { phq9_9: 2, si_thoughts_past_month: "yes", si_intent: "unsure", si_plan: "no" },
  { hypertension_diagnosed: "no", bp_controlled: undefined, bp_recent_systolic: undefined, bp_recent_diastolic: undefined, bp_recent_date: undefined },
  { mania_last_12_months: "yes", bipolar_type: "bipolar_1", on_mood_medication: "no", current_mood_medications: undefined },
  { cardiovascular_history: ["aneurysm"] },
];
const FIRST = ["Zoë", "Łukasz", "Amara", "Jonah", "Mei", "Ravi", "Élodie", "Tomás", "Noor", "Kwame"];
const LAST = ["Bélanger-Nguyễn", "Øster", "Okafor", "Singh", "Tremblay", "Cohen", "Haddad", "Lindqvist", "Moreau", "Kowalski"];
const STATUSES = ["new", "in_review", "consult_booked", "not_suitable", "referred_out", "archived"] as const;
const assessments = new Map<number, ReturnType<typeof assess>>();
const start = performance.now();
const span = 300 * 24 * 3600 * 1000;
const now = Date.now();
const STATEMENT = 1000;
const TRANSACTION = 5000;
const progress = startProgress("Seeding intakes on PostgreSQL", total);
// The next batch is built (parse, assess, encrypt: this process's CPU) while PostgreSQL stores the last.
let pending: Promise<void> = Promise.resolve();
for (let from = 0; from < total; from += TRANSACTION) {
  const rows: ReturnType<typeof intakeValues>[] = [];
  const tokens: { intakeId: string; token: string }[] = [];
  for (let i = from; i < Math.min(total, from + TRANSACTION); i++) {
    const received = new Date(now - Math.floor((i / total) * span) - (i % 97) * 1000);
    const template = i % TEMPLATES.length;
    const overrides = { bp_recent_date: "2025-12-01", ...TEMPLATES[template], full_name: `${FIRST[i % 10]} ${LAST[(i * 7) % 10]} ${i}`, email: `client${i}@example.org`, preferred_name: undefined };
    const parsed = parseIntake(fullIntake(overrides, { submittedAt: undefined }), { receivedAt: received, timeZone: config.timeZone, submittedAtPolicy: "not_future" });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const intake = parsed.intake;
    if (!assessments.has(template)) assessments.set(template, assess(intake.answers, intake.referenceDate, config.ruleSets[intake.version]));
    const assessment = assessments.get(template)!;
    const contact: Record<string, unknown> = {};
    const answers: Record<string, unknown> = {};
    for (const [id, value] of Object.entries(intake.answers)) (CONTACT_ITEMS.has(id) ? contact : answers)[id] = value;
    const row: NewIntakeRow = {
      questionnaireId: intake.questionnaire,
      questionnaireVersion: intake.version,
      receivedAt: received.toISOString(),
      submittedAt: intake.submittedAt,
      referenceDate: intake.referenceDate,
      contact,
      answers,
      emailKey: String(intake.answers.email ?? "").toLowerCase(),
      nameTokens: [intake.answers.full_name].filter((n): n is string => !!n).flatMap(nameTokens),
      assessment: assessmentColumns(assessment),
      needsAcknowledgement: assessment.triage === "urgent",
    };
    const id = newIntakeId();
    const indexes = intakeIndexes(row);
    const status = STATUSES[(i * 5) % STATUSES.length]!;
    rows.push({ ...intakeValues(id, newReferenceCode(), row, indexes), status: status as "new", needsAcknowledgement: status === "new" && row.needsAcknowledgement });
    for (const token of indexes.tokens) tokens.push({ intakeId: id, token });
  }
  await pending;
  const done = Math.min(total, from + TRANSACTION);
  pending = db
    .transaction(async (tx) => {
      for (let k = 0; k < rows.length; k += STATEMENT) await tx.insert(intakes).values(rows.slice(k, k + STATEMENT));
      for (let k = 0; k < tokens.length; k += 4 * STATEMENT) await tx.insert(intakeNameTokens).values(tokens.slice(k, k + 4 * STATEMENT));
    })
    .then(() => progress.update(done));
}
await pending;
progress.finish();
await db.execute("analyze");
await closeDatabases();
process.stdout.write(JSON.stringify({ seeded: total, seconds: (performance.now() - start) / 1000 }));
