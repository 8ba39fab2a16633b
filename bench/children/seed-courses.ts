// Child process: seeds DATABASE_PATH (with KEYS_DIR) with N consult-booked intakes, each with one
// course of S sessions and S check-ins, every sensitive column encrypted as the app writes it (the
// repositories' own value builders), the courses' report facts kept as the app keeps them. Dates
// spread over 2025–2026. Prints how long it took.
import { randomBytes } from "node:crypto";
import { getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { closeDb, getDb, migrateDatabase } from "@/db/client";
import { checkinValues, outcomeFactsEnc, sessionValues } from "@/db/repositories/shared/courses";
import { createIntake } from "@/lib/intake/intake-record";
import { parseIntake } from "@/lib/questionnaire";
import { assess } from "@/lib/assessment";
import { CHECKIN_VERSION, checkinFlags, COURSE_RULE_SET_1, sessionFlags, validateCheckinAnswers, parseSessionRecord } from "@/lib/course";
import { factsAfterCheckin, factsAtStart } from "@/lib/course/report-facts";
import { startProgress } from "@/lib/cli/progress";
import { fullIntake } from "../../tests/fixtures/intakes";
import { calmAnswers, calmSession, phq } from "../../tests/support/course-cases";

const total = Number(process.argv[2] ?? 10000);
const perCourse = Number(process.argv[3] ?? 15);
const config = getConfig();
loadKeyMaterial(config);
const db = getDb();
migrateDatabase(db);
db.$client.pragma("synchronous = OFF"); // seeding only

const TYPES = ["bipolar_1", "bipolar_2", "bipolar_2", "other_specified", "unsure"];
const CHECKINS = [18, 14, 11, 9, 6, 3].map((t, i) => {
  const answers = validateCheckinAnswers(calmAnswers({ ...phq(t), ...(i === 1 ? { mania_symptoms_past_week: ["elevated_mood", "less_need_for_sleep", "racing_thoughts", "pressured_speech"] } : {}) }), { referenceDate: "2026-11-01" }).answers;
  return { answers, flags: checkinFlags({ answers, baselinePhq9: 18 }, COURSE_RULE_SET_1) };
});
const SESSION = (() => {
  const parsed = parseSessionRecord(calmSession({ session_date: "2026-01-02" }), { startedOn: "2025-01-01", referenceDate: "2026-11-01" });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return { record: parsed.record, flags: sessionFlags(parsed.record, COURSE_RULE_SET_1) };
})();
const id = () => randomBytes(16).toString("base64url");
const insertCourse = db.$client.prepare(
  "insert into courses (id, intake_id, client_index, started_on, phase, planned_acute_sessions, baseline_phq9, end_reason, opened_at, opened_by, closed_at, outcome_facts_enc) values (?, ?, ?, ?, ?, 6, ?, ?, ?, 'bench', ?, ?)",
);
const insertPhase = db.$client.prepare("insert into course_phase_changes (course_id, from_phase, to_phase, reason, by_user_id, at) values (?, ?, ?, ?, 'bench', ?)");
const insertSession = db.$client.prepare(
  "insert into course_sessions (id, course_id, session_id, version, record_enc, flags_enc, rule_set_version, recorded_at, recorded_by, correction_reason_enc) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
);
const insertRequest = db.$client.prepare("insert into checkin_requests (id, course_id, token_hash, created_by, created_at, expires_at, used_at) values (?, ?, ?, 'bench', ?, ?, ?)");
const insertCheckin = db.$client.prepare(
  "insert into checkins (id, course_id, request_id, checkin_version, answers_enc, flags_enc, rule_set_version, submitted_at, highest_severity, needs_acknowledgement) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
);
const emailIndexOf = db.$client.prepare("select email_index as e from intakes where id = ?");
const setBooked = db.$client.prepare("update intakes set status = 'consult_booked', needs_acknowledgement = 0 where id = ?");

const assessments = new Map<string, ReturnType<typeof assess>>();
const start = performance.now();
const progress = startProgress("Seeding courses", total);
for (let from = 0; from < total; from += 1000) {
  db.$client.exec("BEGIN IMMEDIATE");
  try {
    for (let i = from; i < Math.min(total, from + 1000); i++) {
      const type = TYPES[i % TYPES.length]!;
      const parsed = parseIntake(fullIntake({ bp_recent_date: "2025-12-01", bipolar_type: type, email: `course${i}@example.org`, full_name: `Client ${i}` }, { submittedAt: undefined }), {
        receivedAt: new Date("2026-11-01T12:00:00Z"),
        timeZone: config.timeZone,
        submittedAtPolicy: "not_future",
      });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      if (!assessments.has(type)) assessments.set(type, assess(parsed.intake.answers, parsed.intake.referenceDate, config.ruleSets[parsed.intake.version]));
      const created = await createIntake(parsed.intake, { receivedAt: new Date("2026-11-01T12:00:00Z"), assessment: assessments.get(type)! });
      if (created.outcome !== "created") throw new Error(created.outcome);
      const intakeId = created.intake.id;
      setBooked.run(intakeId);
      const courseId = id();
      const day = new Date(Date.UTC(2025, 0, 1) + (i % 600) * 86400_000).toISOString().slice(0, 10);
      const baseline = 10 + (i % 14);
      const kind = i % 10; // 0–3 maintenance, 4 ended completed, 5 ended adverse event, 6 ended no benefit, rest acute
      const phase = kind <= 3 ? "maintenance" : kind <= 6 ? "ended" : "acute";
      const endReason = kind === 4 ? "completed" : kind === 5 ? "stopped_adverse_event" : kind === 6 ? "stopped_no_benefit" : null;
      const at = `${day}T10:00:00.000Z`;
      let facts = factsAtStart(parsed.intake.answers as Record<string, unknown>);
      const checkins = Array.from({ length: perCourse }, (_, k) => CHECKINS[(i + k) % CHECKINS.length]!);
      for (const c of checkins) facts = factsAfterCheckin(facts, { answers: c.answers as Record<string, unknown>, flags: c.flags });
      const emailIndex = (emailIndexOf.get(intakeId) as { e: string }).e;
      insertCourse.run(courseId, intakeId, emailIndex, day, phase, baseline, endReason, at, phase === "ended" ? at : null, outcomeFactsEnc(courseId, facts));
      insertPhase.run(courseId, "acute", "acute", null, at);
      if (kind <= 3) insertPhase.run(courseId, "acute", "maintenance", null, at);
      if (phase === "ended") insertPhase.run(courseId, "acute", "ended", endReason, at);
      for (let k = 0; k < perCourse; k++) {
        const v = sessionValues({ id: id(), courseId, sessionId: id(), version: 1, record: SESSION.record, flags: SESSION.flags, ruleSetVersion: COURSE_RULE_SET_1.version, recordedAt: new Date(at), recordedBy: "bench", correctionReason: null });
        insertSession.run(v.id, v.courseId, v.sessionId, v.version, v.recordEnc, v.flagsEnc, v.ruleSetVersion, v.recordedAt, v.recordedBy, v.correctionReasonEnc);
        const requestId = id();
        const submittedAt = new Date(Date.parse(at) + (k + 1) * 3600_000).toISOString();
        insertRequest.run(requestId, courseId, id(), at, submittedAt, submittedAt);
        const c = checkins[k]!;
        const w = checkinValues({ id: id(), courseId, requestId, checkinVersion: CHECKIN_VERSION, answers: c.answers, flags: c.flags, ruleSetVersion: COURSE_RULE_SET_1.version, submittedAt, highestSeverity: c.flags[0]?.severity ?? null, needsAcknowledgement: false });
        insertCheckin.run(w.id, w.courseId, w.requestId, w.checkinVersion, w.answersEnc, w.flagsEnc, w.ruleSetVersion, w.submittedAt, w.highestSeverity, 0);
      }
    }
    db.$client.exec("COMMIT");
  } catch (error) {
    db.$client.exec("ROLLBACK");
    throw error;
  }
  progress.update(Math.min(total, from + 1000));
}
progress.finish();
db.$client.pragma("synchronous = FULL");
db.$client.exec("ANALYZE");
closeDb();
process.stdout.write(JSON.stringify({ courses: total, sessions: total * perCourse, checkins: total * perCourse, seconds: (performance.now() - start) / 1000 }));
