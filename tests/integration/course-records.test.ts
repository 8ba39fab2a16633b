import { describe, expect, it } from "vitest";
import { changeIntakeStatus } from "@/lib/review/workflow";
import { changeCoursePhase, coursesOfIntake, startCourse } from "@/lib/course-records/courses";
import { correctSession, recordSession, sessionDefaults, sessionDefaultsOf } from "@/lib/course-records/sessions";
import { listCourseTimeline, sessionToCorrect } from "@/lib/course-records/timeline";
import { CourseConflict, CourseInputError } from "@/lib/course-records/errors";
import { COURSE_END_REASONS, COURSE_PHASES } from "@/db/schema";
import { END_REASONS, PHASES } from "@/lib/course";
import { verifyAuditEventChain } from "@/db/repositories/audit-events";
import { useMigratedDatabase } from "../support/database";
import { rawRows, schema, testDb } from "../support/either-database";
import { postIntake } from "../support/api";
import { fullIntake } from "../fixtures/intakes";
import { calmSession, sessionFlagsOf } from "../support/course-cases";

useMigratedDatabase();
const reviewer = { userId: "u-course", email: "dr@clinic.example", ipAddress: "203.0.113.9" };
const NOW = new Date("2026-11-20T15:00:00Z");
let emails = 0;

/** A stored intake moved to `consult_booked` (or left at `stopAt`); a fresh e-mail, so a fresh client, unless given. */
async function intake(options: { stopAt?: "new" | "in_review"; email?: string } = {}): Promise<string> {
  const response = await postIntake(fullIntake({ email: options.email ?? `course.client${++emails}@example.org` }, { submittedAt: undefined }));
  expect(response.status).toBe(201);
  const id = response.body.id as string;
  if (options.stopAt === "new") return id;
  await changeIntakeStatus(id, "in_review", reviewer);
  if (options.stopAt === "in_review") return id;
  await changeIntakeStatus(id, "consult_booked", reviewer);
  return id;
}

const start = async (intakeId: string, input = {}) => (await startCourse(intakeId, { started_on: "2026-10-01", ...input }, reviewer, NOW)).courseId;
const problemsOf = async (p: Promise<unknown>) => {
  const error = await p.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CourseInputError);
  return (error as CourseInputError).problems.map((x) => x.field);
};
const actions = async () => (await testDb().select().from(schema.auditEvents)).map((e) => e.action);

describe("courses", () => {
  it("the schema's phases and end reasons are lib/course's", () => {
    expect([...COURSE_PHASES]).toEqual([...PHASES]);
    expect([...COURSE_END_REASONS]).toEqual([...END_REASONS]);
  });

  it("starts from a consult-booked intake with the spec's defaults (6 sessions, the intake's PHQ-9), audited", async () => {
    const id = await intake();
    const courseId = await start(id);
    const [course] = await coursesOfIntake(id);
    expect(course).toMatchObject({ id: courseId, phase: "acute", startedOn: "2026-10-01", plannedAcuteSessions: 6, baselinePhq9: 16, endReason: null, closedAt: null });
    const events = (await testDb().select().from(schema.auditEvents)).filter((e) => e.action === "course.start");
    expect(events.at(-1)).toMatchObject({ intakeId: id, actorUserId: reviewer.userId });
    expect(events.at(-1)!.detail).toBe(JSON.stringify({ course: courseId, plannedAcuteSessions: 6 }));
  });

  it("refuses an intake whose consult is not booked, naming its status, and saves nothing", async () => {
    const early = await intake({ stopAt: "in_review" });
    await expect(start(early)).rejects.toThrow(new CourseConflict('A course can start only once the consult is booked; this intake is "In review"'));
    const fresh = await intake({ stopAt: "new" });
    await expect(start(fresh)).rejects.toThrow(CourseConflict);
    expect(await coursesOfIntake(early)).toEqual([]);
    expect(await coursesOfIntake(fresh)).toEqual([]);
  });

  it("allows an archived intake only if its consult had been booked", async () => {
    const booked = await intake();
    await changeIntakeStatus(booked, "archived", reviewer);
    await expect(start(booked)).resolves.toBeTypeOf("string");
    const refused = await intake({ stopAt: "in_review" });
    await changeIntakeStatus(refused, "not_suitable", reviewer);
    await changeIntakeStatus(refused, "archived", reviewer);
    await expect(start(refused)).rejects.toThrow("this intake is");
  });

  it("keeps one open course per client (same e-mail, any of their intakes); a new one once the first ended", async () => {
    const first = await intake({ email: "Same.Client@example.org" });
    const second = await intake({ email: "same.client@example.org" });
    const courseId = await start(first);
    await expect(start(second)).rejects.toThrow("This client already has an open course (started 2026-10-01); end it before starting another");
    await expect(start(first)).rejects.toThrow("already has an open course");
    await changeCoursePhase(courseId, "ended", "transferred", reviewer, NOW);
    await expect(start(second)).resolves.toBeTypeOf("string");
  });

  it("two starts at once for one client open one course", async () => {
    const a = await intake({ email: "racing.client@example.org" });
    const b = await intake({ email: "racing.client@example.org" });
    const results = await Promise.allSettled([start(a), start(b), start(a)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([
      expect.stringContaining("already has an open course"),
      expect.stringContaining("already has an open course"),
    ]);
  });

  it("the database itself refuses a second open course for a client", async () => {
    const id = await intake();
    await start(id);
    const [row] = await rawRows<Record<string, unknown>>("select * from courses where intake_id = ?", id);
    await expect(
      rawRows(
        "insert into courses (id, intake_id, client_index, started_on, phase, planned_acute_sessions, baseline_phq9, opened_at, opened_by) values (?, ?, ?, ?, 'acute', 6, 10, ?, ?)",
        "sneaky",
        id,
        row!.client_index,
        "2026-10-01",
        NOW.toISOString(),
        "u",
      ),
    ).rejects.toThrow();
  });

  it("validates its fields by name", async () => {
    const id = await intake();
    expect(await problemsOf(startCourse(id, { started_on: "2027-01-01", planned_acute_sessions: 13, baseline_phq9: 28 }, reviewer, NOW))).toEqual([
      "started_on",
      "planned_acute_sessions",
      "baseline_phq9",
    ]);
    expect(await coursesOfIntake(id)).toEqual([]);
  });

  it("moves acute → maintenance → ended with a reason, recording each change; refuses the rest", async () => {
    const courseId = await start(await intake());
    expect(await problemsOf(changeCoursePhase(courseId, "ended", undefined, reviewer, NOW))).toEqual(["end_reason"]);
    expect(await problemsOf(changeCoursePhase(courseId, "maintenance", "completed", reviewer, NOW))).toEqual(["end_reason"]);
    expect(await problemsOf(changeCoursePhase(courseId, "paused", undefined, reviewer, NOW))).toEqual(["phase"]);
    await expect(changeCoursePhase(courseId, "acute", undefined, reviewer, NOW)).rejects.toThrow("A course in the acute phase cannot move to acute");
    await changeCoursePhase(courseId, "maintenance", undefined, reviewer, NOW);
    await expect(changeCoursePhase(courseId, "acute", undefined, reviewer, NOW)).rejects.toThrow("maintenance phase cannot move to acute");
    await changeCoursePhase(courseId, "ended", "completed", reviewer, new Date(NOW.getTime() + 1000));
    await expect(changeCoursePhase(courseId, "maintenance", undefined, reviewer, NOW)).rejects.toThrow("ended phase cannot move");
    const timeline = await listCourseTimeline(courseId, reviewer);
    expect(timeline.course).toMatchObject({ phase: "ended", endReason: "completed" });
    expect(timeline.phaseChanges.map((p) => [p.from, p.to, p.reason, p.byUserId])).toEqual([
      ["acute", "acute", null, reviewer.userId],
      ["acute", "maintenance", null, reviewer.userId],
      ["maintenance", "ended", "completed", reviewer.userId],
    ]);
    const changes = (await testDb().select().from(schema.auditEvents)).filter((e) => e.action === "course.phase_change" && e.detail?.includes(courseId));
    expect(changes.map((e) => JSON.parse(e.detail!).to)).toEqual(["maintenance", "ended"]);
  });
});

describe("session records", () => {
  it("stores a session with the flags course-1 computes, encrypted, and shows mg/kg", async () => {
    const courseId = await start(await intake());
    const raw = calmSession({ bp_pre_systolic: 182, bp_pre_diastolic: 104, notes: "Felt floaty; escort was her sister" });
    const stored = await recordSession(courseId, raw, reviewer, NOW);
    expect(stored.flags).toEqual(sessionFlagsOf(raw));
    expect(stored.flags.map((f) => f.id)).toContain("PRE_DOSE_BP_SEVERE");
    const timeline = await listCourseTimeline(courseId, reviewer);
    const entry = timeline.entries[0]!;
    expect(entry.kind === "session" && entry.current).toMatchObject({ version: 1, mgPerKg: "0.50", ruleSetVersion: "course-1", flags: stored.flags, correctionReason: null });
    expect(entry.kind === "session" && entry.corrected).toBe(false);
    const rows = JSON.stringify(await rawRows("select * from course_sessions where course_id = ?", courseId));
    expect(rows).not.toMatch(/floaty|sister|PRE_DOSE|182/);
  });

  it("refuses an invalid record naming each field, and saves nothing", async () => {
    const courseId = await start(await intake());
    const fields = await problemsOf(
      recordSession(courseId, calmSession({ session_date: "2026-09-30", bp_pre_systolic: 80, bp_pre_diastolic: 90, dose_mg: 2000, extra: 1 }), reviewer, NOW),
    );
    expect(fields).toEqual(expect.arrayContaining(["extra", "dose_mg", "bp_pre_systolic", "session_date"]));
    expect(await rawRows("select id from course_sessions where course_id = ?", courseId)).toEqual([]);
    expect((await listCourseTimeline(courseId, reviewer)).entries).toEqual([]);
  });

  it("corrects append-only: a new version with who, when and why; the first kept and shown as corrected", async () => {
    const courseId = await start(await intake());
    const { sessionId } = await recordSession(courseId, calmSession({ dose_mg: 35 }), reviewer, NOW);
    expect(await problemsOf(correctSession(courseId, sessionId, calmSession({ dose_mg: 80 }), "  ", reviewer, { now: NOW }))).toEqual(["reason"]);
    const other = { ...reviewer, userId: "u-other" };
    const later = new Date(NOW.getTime() + 60_000);
    const corrected = await correctSession(courseId, sessionId, calmSession({ dose_mg: 80 }), "Dose typed wrong", other, { now: later, expectedVersion: 1 });
    expect(corrected.version).toBe(2);
    expect(corrected.flags.map((f) => f.id)).toContain("DOSE_ABOVE_CEILING");
    await expect(correctSession(courseId, sessionId, calmSession(), "again", reviewer, { now: later, expectedVersion: 1 })).rejects.toThrow("corrected by someone else meanwhile");
    const [entry] = (await listCourseTimeline(courseId, reviewer)).entries;
    if (entry?.kind !== "session") throw new Error("expected a session");
    expect(entry.corrected).toBe(true);
    expect(entry.current).toMatchObject({ version: 2, recordedBy: "u-other", recordedAt: later.toISOString(), correctionReason: "Dose typed wrong", mgPerKg: "1.14" });
    expect(entry.history.map((v) => [v.version, v.record.dose_mg, v.recordedBy])).toEqual([[1, 35, reviewer.userId]]);
    expect(await rawRows("select version from course_sessions where session_id = ? order by version", sessionId)).toEqual([{ version: 1 }, { version: 2 }]);
    expect(await actions()).toEqual(expect.arrayContaining(["course.session_record", "course.session_correct", "course.view"]));
    expect((await verifyAuditEventChain()).ok).toBe(true);
  });

  it("refuses a new session on an ended course and a correction of a session that does not exist", async () => {
    const courseId = await start(await intake());
    const { sessionId } = await recordSession(courseId, calmSession(), reviewer, NOW);
    await changeCoursePhase(courseId, "ended", "stopped_client_choice", reviewer, NOW);
    await expect(recordSession(courseId, calmSession(), reviewer, NOW)).rejects.toThrow("This course has ended");
    await expect(correctSession(courseId, "nope", calmSession(), "why", reviewer, { now: NOW })).rejects.toThrow("does not exist");
    await expect(correctSession(courseId, sessionId, calmSession({ weight_kg: 71 }), "Weighed again", reviewer, { now: NOW })).resolves.toMatchObject({ version: 2 });
  });

  it("offers the last known weight: the latest session's, else the intake's", async () => {
    const courseId = await start(await intake());
    expect(await sessionDefaults(courseId, reviewer)).toEqual({ route: "iv", infusion_minutes: 40, weight_kg: 77.5 });
    await recordSession(courseId, calmSession({ weight_kg: 72 }), reviewer, NOW);
    expect((await sessionDefaults(courseId, reviewer)).weight_kg).toBe(72);
  });

  it("gives the course page the same defaults from its timeline, with the one course.view the timeline wrote", async () => {
    const courseId = await start(await intake());
    const { sessionId } = await recordSession(courseId, calmSession({ session_date: "2026-10-09", weight_kg: 72 }), reviewer, NOW);
    await recordSession(courseId, calmSession({ session_date: "2026-10-02", weight_kg: 74 }), reviewer, NOW);
    await correctSession(courseId, sessionId, calmSession({ session_date: "2026-10-09", weight_kg: 71 }), "Weighed again", reviewer, { now: NOW });
    const before = (await actions()).filter((a) => a === "course.view").length;
    const { entries } = await listCourseTimeline(courseId, reviewer);
    const fromPage = sessionDefaultsOf(entries.flatMap((e) => (e.kind === "session" ? [e.current.record] : [])), 77.5);
    expect((await actions()).filter((a) => a === "course.view").length).toBe(before + 1);
    expect(fromPage).toEqual({ route: "iv", infusion_minutes: 40, weight_kg: 71 });
    expect(await sessionDefaults(courseId, reviewer)).toEqual(fromPage);
    expect(sessionDefaultsOf([], 77.5)).toEqual({ route: "iv", infusion_minutes: 40, weight_kg: 77.5 });
  });

  it("reads one session for its correction page, audited as a view of that session; an unknown session is refused", async () => {
    const courseId = await start(await intake());
    const { sessionId } = await recordSession(courseId, calmSession({ dose_mg: 35 }), reviewer, NOW);
    await correctSession(courseId, sessionId, calmSession({ dose_mg: 36 }), "Rounded", reviewer, { now: NOW });
    // This course's views (rows in no particular order: the tests share the database).
    const views = async () => (await testDb().select().from(schema.auditEvents)).filter((e) => e.action === "course.view" && String(e.detail).includes(courseId));
    expect(await views()).toHaveLength(0);
    const found = await sessionToCorrect(courseId, sessionId, reviewer);
    expect(found.current).toMatchObject({ version: 2, correctionReason: "Rounded" });
    expect(found.current.record.dose_mg).toBe(36);
    const written = await views();
    expect(written).toHaveLength(1);
    expect(String(written[0]!.detail)).toContain(sessionId);
    await expect(sessionToCorrect(courseId, "A".repeat(22), reviewer)).rejects.toThrow(CourseConflict);
    expect(await views()).toHaveLength(1);
  });

  it("lists the timeline newest first and the course outcome under the current rule set; the view is audited", async () => {
    const courseId = await start(await intake());
    await recordSession(courseId, calmSession({ session_date: "2026-10-02" }), reviewer, NOW);
    await recordSession(courseId, calmSession({ session_date: "2026-10-09" }), reviewer, NOW);
    const before = (await actions()).filter((a) => a === "course.view").length;
    const timeline = await listCourseTimeline(courseId, reviewer);
    expect(timeline.entries.map((e) => (e.kind === "session" ? e.date : e.submittedAt))).toEqual(["2026-10-09", "2026-10-02"]);
    expect(timeline.assessment).toMatchObject({ outcome: "no_checkins", latestPhq9: null, ruleSetVersion: "course-1" });
    expect((await actions()).filter((a) => a === "course.view").length).toBe(before + 1);
  });
});

describe("key rotation", () => {
  it("covers every encrypted course column (a session with a correction adds five values)", async () => {
    const { currentDialect } = await import("@/db/dialect");
    const { keyUsage, keyUsagePg } = await import("@/lib/crypto/key-rotation");
    const { getDb } = await import("@/db/client");
    const { getPgDb } = await import("@/db/pg-client");
    const total = async () => [...(currentDialect() === "postgres" ? await keyUsagePg(getPgDb()) : keyUsage(getDb())).values()].reduce((a, b) => a + b, 0);
    const courseId = await start(await intake());
    const before = await total();
    const { sessionId } = await recordSession(courseId, calmSession(), reviewer, NOW);
    await correctSession(courseId, sessionId, calmSession({ dose_mg: 36 }), "Rounded", reviewer, { now: NOW });
    expect((await total()) - before).toBe(5);
  });
});
