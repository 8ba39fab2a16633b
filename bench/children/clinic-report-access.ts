// Child process: the clinic outcome report over every seeded course through the feature
// (repository query + report facts + aggregation), beside two floors with the same aggregation:
// raw SQL through better-sqlite3 with the same one decryption per course, and raw SQL that
// decrypts every check-in and intake instead (what the kept report facts avoid). Interleaved.
import { getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { getDb } from "@/db/client";
import { checkinAad, courseAad, intakeAad, readEncryptedJson } from "@/db/encrypted";
import { reportCourseFacts } from "@/lib/course-records/clinic-report";
import { clinicReport, type ReportCourseFacts } from "@/lib/course/clinic-report";
import { factsFromRecords, type ReportFacts } from "@/lib/course/report-facts";

const runs = Number(process.argv[2] ?? 10);
const naiveRuns = Number(process.argv[3] ?? 3);
loadKeyMaterial(getConfig());
const db = getDb();
const range = { from: "1900-01-01", to: "2999-12-31" };
const query = db.$client.prepare(
  `select c.id, c.intake_id as intakeId, c.started_on as startedOn, c.phase, c.end_reason as endReason, c.baseline_phq9 as baselinePhq9, c.outcome_facts_enc as factsEnc,
     exists (select 1 from course_phase_changes p where p.course_id = c.id and p.to_phase = 'maintenance') as m,
     (select count(distinct s.session_id) from course_sessions s where s.course_id = c.id) as sessions,
     (select count(*) from checkins k where k.course_id = c.id) as checkins
   from courses c where c.started_on between ? and ? order by c.started_on, c.id`,
);
const intakeAnswers = db.$client.prepare("select answers_enc as a from intakes where id = ?");
const checkinsOf = db.$client.prepare("select id, answers_enc as a, flags_enc as f from checkins where course_id = ? order by submitted_at, id");
type Raw = { id: string; intakeId: string; startedOn: string; phase: ReportCourseFacts["phase"]; endReason: ReportCourseFacts["endReason"]; baselinePhq9: number; factsEnc: string; m: number; sessions: number; checkins: number };
const toFacts = (r: Raw, f: ReportFacts): ReportCourseFacts => ({
  startedOn: r.startedOn, bipolarType: f.bipolarType, phase: r.phase, endReason: r.endReason ?? null, reachedMaintenance: r.m === 1,
  baselinePhq9: r.baselinePhq9, latestPhq9: f.latestPhq9, sessions: r.sessions, checkins: r.checkins, switchSigns: f.switchSigns,
});
const floor = () => clinicReport((query.all(range.from, range.to) as Raw[]).map((r) => toFacts(r, readEncryptedJson(r.factsEnc, courseAad(r.id, "outcome_facts")) as ReportFacts)));
const naive = () =>
  clinicReport(
    (query.all(range.from, range.to) as Raw[]).map((r) => {
      const answers = readEncryptedJson((intakeAnswers.get(r.intakeId) as { a: string }).a, intakeAad(r.intakeId, "answers")) as Record<string, unknown>;
      const checkins = (checkinsOf.all(r.id) as { id: string; a: string; f: string }[]).map((c) => ({ answers: readEncryptedJson(c.a, checkinAad(c.id, "answers")), flags: readEncryptedJson(c.f, checkinAad(c.id, "flags")) }));
      return toFacts(r, factsFromRecords(answers, checkins));
    }),
  );
const app = async () => clinicReport(await reportCourseFacts(range));
for (let i = 0; i < 2; i++) {
  floor();
  await app();
}
const appMs: number[] = [];
const floorMs: number[] = [];
const naiveMs: number[] = [];
let same = true;
for (let i = 0; i < runs; i++) {
  let t = performance.now();
  const a = await app();
  appMs.push(performance.now() - t);
  t = performance.now();
  const f = floor();
  floorMs.push(performance.now() - t);
  same &&= JSON.stringify(a) === JSON.stringify(f);
  if (i < naiveRuns) {
    t = performance.now();
    const n = naive();
    naiveMs.push(performance.now() - t);
    same &&= JSON.stringify(n) === JSON.stringify(f);
  }
}
if (!same) throw new Error("app and floors disagree");
const courses = (query.all(range.from, range.to) as Raw[]).length;
process.stdout.write(JSON.stringify({ appMs, floorMs, naiveMs, courses }));
