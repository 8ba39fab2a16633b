import "server-only";
import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { checkins, coursePhaseChanges, courses, courseSessions, intakes, intakeStatusHistory } from "@/db/schema";
import { checkinAad, intakeAad, readEncryptedJson } from "@/db/encrypted";
import { inTransaction } from "@/db/transaction";
import type { AuditEvent } from "@/lib/audit/audit-log";
import type {
  CourseRow,
  CoursesRepository,
  InsertCourseResult,
  InsertSessionResult,
  IntakeForCourse,
  NewCourseRow,
  NewSessionVersion,
  OutcomeFactsSource,
  PhaseChange,
  PhaseChangeResult,
  PhaseChangeRow,
  ReportCourseRow,
  SessionVersionRow,
} from "../courses";
import { isSqliteUniqueViolation, newCourseValues, outcomeFactsEnc, toReportCourseRow, sessionValues, toCourseRow, toPhaseChange, toSessionVersion } from "../shared/courses";

/** Courses, phase changes and session versions on SQLite (see ../courses.ts). Immediate transactions serialise writers. */

async function insertCourse(row: NewCourseRow, allowed: (intake: IntakeForCourse) => boolean, event: AuditEvent): Promise<InsertCourseResult> {
  try {
    return inTransaction((tx, audit): InsertCourseResult => {
      const intake = tx.select({ status: intakes.status, emailIndex: intakes.emailIndex }).from(intakes).where(eq(intakes.id, row.intakeId)).get();
      if (!intake) return { outcome: "missing" };
      const booked = tx
        .select({ id: intakeStatusHistory.id })
        .from(intakeStatusHistory)
        .where(and(eq(intakeStatusHistory.intakeId, row.intakeId), eq(intakeStatusHistory.toStatus, "consult_booked")))
        .get();
      if (!allowed({ status: intake.status, everConsultBooked: !!booked || intake.status === "consult_booked" })) return { outcome: "refused", status: intake.status };
      const open = tx
        .select({ id: courses.id, intakeId: courses.intakeId, startedOn: courses.startedOn })
        .from(courses)
        .where(and(eq(courses.clientIndex, intake.emailIndex), isNull(courses.closedAt)))
        .get();
      if (open) return { outcome: "open_course", course: open };
      tx.insert(courses).values(newCourseValues(row, intake.emailIndex)).run();
      tx.insert(coursePhaseChanges).values({ courseId: row.id, fromPhase: "acute", toPhase: "acute", byUserId: row.openedBy, at: row.openedAt.toISOString() }).run();
      audit(event, row.openedAt);
      return { outcome: "created" };
    });
  } catch (error) {
    if (isSqliteUniqueViolation(error, "courses.client_index")) return { outcome: "open_course" };
    throw error;
  }
}

async function readCourse(id: string): Promise<CourseRow | undefined> {
  const row = getDb().select().from(courses).where(eq(courses.id, id)).get();
  return row ? toCourseRow(row) : undefined;
}

async function listCoursesOfIntakes(intakeIds: readonly string[]): Promise<CourseRow[]> {
  if (intakeIds.length === 0) return [];
  return getDb().select().from(courses).where(inArray(courses.intakeId, [...intakeIds])).orderBy(desc(courses.openedAt), desc(courses.id)).all().map(toCourseRow);
}

async function changePhase(courseId: string, change: PhaseChange): Promise<PhaseChangeResult> {
  return inTransaction((tx, audit): PhaseChangeResult => {
    const current = tx.select({ phase: courses.phase }).from(courses).where(eq(courses.id, courseId)).get();
    if (!current) return { outcome: "missing" };
    if (!change.allowed(current.phase)) return { outcome: "refused", from: current.phase };
    const at = change.at.toISOString();
    const ended = change.to === "ended";
    tx.update(courses)
      .set({ phase: change.to, endReason: ended ? change.endReason : null, closedAt: ended ? at : null })
      .where(eq(courses.id, courseId))
      .run();
    tx.insert(coursePhaseChanges).values({ courseId, fromPhase: current.phase, toPhase: change.to, reason: change.endReason, byUserId: change.byUserId, at }).run();
    audit(change.audit(current.phase), change.at);
    return { outcome: "changed", from: current.phase };
  });
}

async function listPhaseChanges(courseId: string): Promise<PhaseChangeRow[]> {
  return getDb().select().from(coursePhaseChanges).where(eq(coursePhaseChanges.courseId, courseId)).orderBy(asc(coursePhaseChanges.id)).all().map(toPhaseChange);
}

async function insertSessionVersion(version: NewSessionVersion, event: AuditEvent): Promise<InsertSessionResult> {
  try {
    return inTransaction((tx, audit): InsertSessionResult => {
      const course = tx.select({ phase: courses.phase }).from(courses).where(eq(courses.id, version.courseId)).get();
      if (!course) return "missing";
      const latest = tx
        .select({ version: courseSessions.version })
        .from(courseSessions)
        .where(and(eq(courseSessions.courseId, version.courseId), eq(courseSessions.sessionId, version.sessionId)))
        .orderBy(desc(courseSessions.version))
        .get();
      if (version.version === 1 ? latest !== undefined : latest?.version !== version.version - 1) return "stale";
      if (version.version === 1 && course.phase === "ended") return "ended";
      tx.insert(courseSessions).values(sessionValues(version)).run();
      audit(event, version.recordedAt);
      return "stored";
    });
  } catch (error) {
    if (isSqliteUniqueViolation(error, "course_sessions.session_id")) return "stale";
    throw error;
  }
}

async function listSessionVersions(courseId: string): Promise<SessionVersionRow[]> {
  return getDb()
    .select()
    .from(courseSessions)
    .where(eq(courseSessions.courseId, courseId))
    .orderBy(asc(courseSessions.recordedAt), asc(courseSessions.version), asc(courseSessions.id))
    .all()
    .map(toSessionVersion);
}

async function intakesWithCourseActiveSince(intakeIds: readonly string[], closedSince: string): Promise<string[]> {
  if (intakeIds.length === 0) return [];
  const rows = getDb()
    .selectDistinct({ intakeId: courses.intakeId })
    .from(courses)
    .where(and(inArray(courses.intakeId, [...intakeIds]), or(isNull(courses.closedAt), gte(courses.closedAt, closedSince))))
    .all();
  return rows.map((r) => r.intakeId);
}

async function listReportCourses(range: { from: string; to: string }): Promise<ReportCourseRow[]> {
  return getDb()
    .select({
      id: courses.id,
      startedOn: courses.startedOn,
      phase: courses.phase,
      endReason: courses.endReason,
      baselinePhq9: courses.baselinePhq9,
      outcomeFactsEnc: courses.outcomeFactsEnc,
      // Correlated on the outer row by name: drizzle leaves columns unqualified in a one-table select.
      reachedMaintenance: sql<number>`exists (select 1 from course_phase_changes p where p.course_id = "courses"."id" and p.to_phase = 'maintenance')`,
      sessions: sql<number>`(select count(distinct s.session_id) from course_sessions s where s.course_id = "courses"."id")`,
      checkins: sql<number>`(select count(*) from checkins k where k.course_id = "courses"."id")`,
    })
    .from(courses)
    .where(and(gte(courses.startedOn, range.from), lte(courses.startedOn, range.to)))
    .orderBy(asc(courses.startedOn), asc(courses.id))
    .all()
    .map(toReportCourseRow);
}

async function listCoursesWithoutOutcomeFacts(limit: number): Promise<string[]> {
  return getDb().select({ id: courses.id }).from(courses).where(isNull(courses.outcomeFactsEnc)).limit(limit).all().map((r) => r.id);
}

async function fillOutcomeFacts(courseId: string, compute: (source: OutcomeFactsSource) => unknown): Promise<boolean> {
  return inTransaction((tx) => {
    const course = tx.select({ intakeId: courses.intakeId, outcomeFactsEnc: courses.outcomeFactsEnc }).from(courses).where(eq(courses.id, courseId)).get();
    if (!course || course.outcomeFactsEnc !== null) return false;
    const intake = tx.select({ answersEnc: intakes.answersEnc }).from(intakes).where(eq(intakes.id, course.intakeId)).get()!;
    const stored = tx.select({ id: checkins.id, answersEnc: checkins.answersEnc, flagsEnc: checkins.flagsEnc }).from(checkins).where(eq(checkins.courseId, courseId)).orderBy(asc(checkins.submittedAt), asc(checkins.id)).all();
    const facts = compute({
      intakeAnswers: readEncryptedJson(intake.answersEnc, intakeAad(course.intakeId, "answers")) as Record<string, unknown>,
      checkins: stored.map((c) => ({ answers: readEncryptedJson(c.answersEnc, checkinAad(c.id, "answers")), flags: readEncryptedJson(c.flagsEnc, checkinAad(c.id, "flags")) })),
    });
    tx.update(courses).set({ outcomeFactsEnc: outcomeFactsEnc(courseId, facts) }).where(eq(courses.id, courseId)).run();
    return true;
  });
}

export const sqliteCourses: CoursesRepository = {
  insertCourse,
  readCourse,
  listCoursesOfIntakes,
  changePhase,
  listPhaseChanges,
  insertSessionVersion,
  listSessionVersions,
  intakesWithCourseActiveSince,
  listReportCourses,
  listCoursesWithoutOutcomeFacts,
  fillOutcomeFacts,
};
