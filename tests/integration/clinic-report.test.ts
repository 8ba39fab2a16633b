import { describe, expect, it } from "vitest";
import { changeIntakeStatus } from "@/lib/review/workflow";
import { changeCoursePhase, startCourse } from "@/lib/course-records/courses";
import { createCheckinRequest, startCheckin, submitCheckin } from "@/lib/course-records/checkins";
import { correctSession, recordSession } from "@/lib/course-records/sessions";
import { backfillCourseOutcomeFacts, clinicOutcomeReport, clinicOutcomeReportCsv, reportCourseFacts } from "@/lib/course-records/clinic-report";
import { verifyAuditEventChain } from "@/db/repositories/audit-events";
import { useMigratedDatabase } from "../support/database";
import { rawRows, schema, testDb } from "../support/either-database";
import { postIntake } from "../support/api";
import { fullIntake } from "../fixtures/intakes";
import { calmAnswers, calmSession, phq } from "../support/course-cases";

/** The clinic outcome report's data on both databases: the per-course facts as the records make them, kept with each write. */

useMigratedDatabase();

const reviewer = { userId: "u-report", email: "dr@clinic.example", ipAddress: "203.0.113.7" };
const NOW = new Date("2026-11-20T15:00:00Z");
const at = (hours: number) => new Date(NOW.getTime() + hours * 3600_000);
const DOB = "1985-03-14";
let clients = 0;
let addresses = 0;

async function course(bipolarType: string, startedOn: string, baseline = 18): Promise<string> {
  const response = await postIntake(fullIntake({ email: `report.client${++clients}@example.org`, bipolar_type: bipolarType }, { submittedAt: undefined }));
  const intakeId = response.body.id as string;
  await changeIntakeStatus(intakeId, "in_review", reviewer);
  await changeIntakeStatus(intakeId, "consult_booked", reviewer);
  return (await startCourse(intakeId, { started_on: startedOn, baseline_phq9: baseline }, reviewer, NOW)).courseId;
}

async function checkin(courseId: string, answers: Record<string, unknown>, now: Date) {
  const { token } = await createCheckinRequest(courseId, reviewer, { now });
  const started = await startCheckin(token, DOB, `198.51.100.${++addresses}`, now);
  if (started.outcome !== "started") throw new Error(started.outcome);
  const result = await submitCheckin(started.sessionToken, answers, null, now);
  if (result.outcome !== "stored") throw new Error(result.outcome);
}

const SWITCH = { mania_symptoms_past_week: ["elevated_mood", "less_need_for_sleep", "racing_thoughts", "pressured_speech"] };

describe("clinic report facts", () => {
  it("reads type, latest PHQ-9, sessions (corrections once), check-ins, switch signs and phases from the records, within the date range", async () => {
    const a = await course("bipolar_1", "2026-09-01");
    const first = await recordSession(a, calmSession({ session_date: "2026-09-02" }), reviewer, NOW);
    await correctSession(a, first.sessionId, calmSession({ session_date: "2026-09-02", dose_mg: 36 }), "typo", reviewer, { now: NOW });
    await recordSession(a, calmSession({ session_date: "2026-09-05" }), reviewer, NOW);
    await checkin(a, calmAnswers({ ...phq(12), ...SWITCH }), at(1));
    await checkin(a, calmAnswers(phq(4)), at(2));
    await changeCoursePhase(a, "maintenance", undefined, reviewer, at(3));
    await changeCoursePhase(a, "ended", "stopped_adverse_event", reviewer, at(4));
    const b = await course("unsure", "2026-09-10", 9);
    const outside = await course("bipolar_2", "2026-08-31");

    const facts = await reportCourseFacts({ from: "2026-09-01", to: "2026-09-30" });
    expect(facts).toEqual([
      { startedOn: "2026-09-01", bipolarType: "bipolar_1", phase: "ended", endReason: "stopped_adverse_event", reachedMaintenance: true, baselinePhq9: 18, latestPhq9: 4, sessions: 2, checkins: 2, switchSigns: true },
      { startedOn: "2026-09-10", bipolarType: "unsure", phase: "acute", endReason: null, reachedMaintenance: false, baselinePhq9: 9, latestPhq9: null, sessions: 0, checkins: 0, switchSigns: false },
    ]);
    expect(outside && b).toBeTruthy();
    // Encrypted at rest: the type and the PHQ-9 are not in the column.
    const stored = await rawRows<{ outcome_facts_enc: string }>("select outcome_facts_enc from courses where id = ?", a);
    expect(stored[0]!.outcome_facts_enc).not.toMatch(/bipolar|latestPhq9|switch/);
  });

  it("a course stored before the facts existed is backfilled from its records to the same facts", async () => {
    const c = await course("bipolar_2", "2026-07-01");
    await recordSession(c, calmSession({ session_date: "2026-07-02" }), reviewer, NOW);
    await checkin(c, calmAnswers({ ...phq(9), ...SWITCH }), at(1));
    await checkin(c, calmAnswers(phq(7)), at(2));
    const range = { from: "2026-07-01", to: "2026-07-01" };
    const kept = await reportCourseFacts(range);
    await rawRows("update courses set outcome_facts_enc = null where id = ?", c);
    expect(await backfillCourseOutcomeFacts()).toBe(1);
    expect(await reportCourseFacts(range)).toEqual(kept);
    expect(kept[0]).toMatchObject({ bipolarType: "bipolar_2", latestPhq9: 7, switchSigns: true });
    // The report backfills on its own too (a course written by an older version while running).
    await rawRows("update courses set outcome_facts_enc = null where id = ?", c);
    expect(await reportCourseFacts(range)).toEqual(kept);
  });

  it("the view and the CSV are audited with the filters only; the CSV has aggregate rows, never a course", async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await course("bipolar_2", "2026-06-10"));
    const filter = { from: "2026-06-01", to: "2026-06-30", type: "all" as const };
    const report = await clinicOutcomeReport(filter, reviewer, NOW);
    expect(report.rows.find((r) => r.bucket === "bipolar_2")!.courses).toEqual({ value: 5 });
    expect(report.rows.find((r) => r.bucket === "bipolar_1")!.courses).toEqual({ fewerThan: 5 });
    const { csv, filename } = await clinicOutcomeReportCsv({ ...filter, type: "bipolar_2" }, reviewer, NOW);
    expect(filename).toBe("clinic-outcomes-2026-06-01-to-2026-06-30.csv");
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^Bipolar II,2026-06-01,2026-06-30,5,/);
    for (const id of ids) expect(csv).not.toContain(id);
    const events = (await testDb().select().from(schema.auditEvents)).filter((e) => e.action === "outcomes.view" || e.action === "outcomes.download");
    expect(events.map((e) => [e.action, e.actorUserId, JSON.parse(e.detail!)])).toEqual([
      ["outcomes.view", "u-report", { from: "2026-06-01", to: "2026-06-30", type: "all" }],
      ["outcomes.download", "u-report", { from: "2026-06-01", to: "2026-06-30", type: "bipolar_2" }],
    ]);
    expect(events.every((e) => e.intakeId === null)).toBe(true);
    expect((await verifyAuditEventChain()).ok).toBe(true);
  });
});
