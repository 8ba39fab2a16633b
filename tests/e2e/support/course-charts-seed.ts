/**
 * Run by course-charts.spec.ts (`node bin/run.mjs tests/e2e/support/course-charts-seed.ts INTAKE_ID`)
 * against the test server's database and keys: books the consult, starts a course ten weeks ago,
 * records eight sessions and answers six check-ins on past dates with the real lib/course-records
 * functions (each given the instant it happened). Prints the course id and the values stored, as
 * JSON, for the spec to compare the charts with.
 */
import { getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { closeDatabases, prepareDatabase } from "@/db/prepare-database";
import { changeIntakeStatus } from "@/lib/review/workflow";
import { createCheckinRequest, recordSession, startCheckin, startCourse, submitCheckin } from "@/lib/course-records";
import { calendarDateIn } from "@/lib/questionnaire/dates";

const [intakeId, dateOfBirth] = process.argv.slice(2);
if (!intakeId || !dateOfBirth) throw new Error("usage: course-charts-seed.ts INTAKE_ID DATE_OF_BIRTH");
loadKeyMaterial(getConfig());
await prepareDatabase();
const staff = { userId: "e2e-seed", email: "seed@clinic.example", ipAddress: null };
const DAY = 86_400_000;
// Mid-afternoon UTC (late morning in the Americas, evening in Asia): one clinic date either way.
const at = (daysAgo: number) => new Date(Math.floor(Date.now() / DAY) * DAY - daysAgo * DAY + 15 * 3_600_000);
const dateOf = (instant: Date) => calendarDateIn(instant, getConfig().timeZone);

const BASELINE = 19;
await changeIntakeStatus(intakeId, "consult_booked", staff);
const startedOn = dateOf(at(70));
const { courseId } = await startCourse(intakeId, { started_on: startedOn, baseline_phq9: BASELINE, planned_acute_sessions: 6 }, staff, at(70));

const SESSIONS = [
  { daysAgo: 69, pre: [128, 82], min40: [136, 86], discharge: [130, 84] },
  { daysAgo: 66, pre: [132, 85], min40: null, discharge: [126, 80] },
  { daysAgo: 62, pre: [141, 91], min40: [158, 97], discharge: [134, 86] },
  { daysAgo: 59, pre: [124, 78], min40: [131, 83], discharge: [122, 79] },
  { daysAgo: 55, pre: [119, 76], min40: null, discharge: [121, 77] },
  { daysAgo: 52, pre: [127, 81], min40: [139, 88], discharge: [129, 82] },
  { daysAgo: 38, pre: [122, 80], min40: [133, 84], discharge: [124, 80] },
  { daysAgo: 10, pre: [118, 75], min40: null, discharge: [120, 76] },
];
const sessions = [];
for (const s of SESSIONS) {
  const when = at(s.daysAgo);
  const date = dateOf(when);
  const record = {
    session_date: date,
    route: "iv",
    weight_kg: 72,
    dose_mg: 36,
    infusion_minutes: 40,
    bp_pre_systolic: s.pre[0],
    bp_pre_diastolic: s.pre[1],
    ...(s.min40 ? { bp_40min_systolic: s.min40[0], bp_40min_diastolic: s.min40[1] } : {}),
    bp_discharge_systolic: s.discharge[0],
    bp_discharge_diastolic: s.discharge[1],
    dissociation: "mild",
    sedation: "none",
    adverse_events: ["none"],
    discharged_with_escort: true,
  };
  await recordSession(courseId, record, staff, when);
  sessions.push({ date, pre: s.pre, min40: s.min40, discharge: s.discharge });
}

/** PHQ-9 items 1–8 summing to `total`, item 9 = 0. */
const phq = (total: number) => Object.fromEntries([...Array.from({ length: 8 }, (_, i) => [`phq9_${i + 1}`, Math.max(0, Math.min(3, total - i * 3))]), ["phq9_9", 0]]);
const CHECKINS = [
  { daysAgo: 64, total: 15, mania: ["none"] },
  { daysAgo: 57, total: 12, mania: ["racing_thoughts"] },
  { daysAgo: 50, total: 9, mania: ["none"] },
  { daysAgo: 36, total: 7, mania: ["less_need_for_sleep", "racing_thoughts"] },
  { daysAgo: 21, total: 5, mania: ["none"] },
  { daysAgo: 7, total: 3, mania: ["irritability"] },
];
const checkins = [];
for (const c of CHECKINS) {
  const when = at(c.daysAgo);
  const { token } = await createCheckinRequest(courseId, staff, { now: new Date(when.getTime() - 3_600_000) });
  const started = await startCheckin(token, dateOfBirth, null, when);
  if (started.outcome !== "started") throw new Error(`check-in not started: ${started.outcome}`);
  const answers = {
    ...phq(c.total),
    mania_symptoms_past_week: c.mania,
    si_thoughts_since_last: "no",
    si_safe_now: "yes",
    si_attempt_since_last: "no",
    self_harm_since_last: "no",
    side_effects: ["none"],
    global_change: "a_little_better",
  };
  const submitted = await submitCheckin(started.sessionToken, answers, null, when);
  if (submitted.outcome !== "stored") throw new Error(`check-in not stored: ${JSON.stringify(submitted)}`);
  checkins.push({ date: dateOf(when), total: c.total, count: c.mania.filter((m) => m !== "none").length });
}
console.log(JSON.stringify({ courseId, startedOn, baseline: BASELINE, sessions, checkins }));
await closeDatabases();
