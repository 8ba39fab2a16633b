import "server-only";
import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { getPgDb } from "@/db/pg-client";
import { checkins, coursePhaseChanges, courses, courseSessions, intakes, intakeStatusHistory } from "@/db/schema-pg";
import { checkinAad, intakeAad, readEncryptedJson } from "@/db/encrypted";
import { inPgTransaction } from "@/db/transaction";
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
import { newCourseValues, outcomeFactsEnc, toReportCourseRow, sessionValues, toCourseRow, toPhaseChange, toSessionVersion } from "../shared/courses";
import { isPgUniqueViolation } from "./unique-violation";

/**
 * Courses, phase changes and session versions on PostgreSQL (see ../courses.ts). Each write is an
 * audited transaction: the audit chain lock first (so two starts for one client serialise and the
 * second sees the first's open course), then the row it decides on, locked.
 */

async function insertCourse(row: NewCourseRow, allowed: (intake: IntakeForCourse) => boolean, event: AuditEvent): Promise<InsertCourseResult> {
  try {
    return await inPgTransaction(
      async (tx, audit): Promise<InsertCourseResult> => {
        const [intake] = await tx.select({ status: intakes.status, emailIndex: intakes.emailIndex }).from(intakes).where(eq(intakes.id, row.intakeId)).for("share");
        if (!intake) return { outcome: "missing" };
        const [booked] = await tx
          .select({ id: intakeStatusHistory.id })
          .from(intakeStatusHistory)
          .where(and(eq(intakeStatusHistory.intakeId, row.intakeId), eq(intakeStatusHistory.toStatus, "consult_booked")))
          .limit(1);
        if (!allowed({ status: intake.status, everConsultBooked: !!booked || intake.status === "consult_booked" })) return { outcome: "refused", status: intake.status };
        const [open] = await tx
          .select({ id: courses.id, intakeId: courses.intakeId, startedOn: courses.startedOn })
          .from(courses)
          .where(and(eq(courses.clientIndex, intake.emailIndex), isNull(courses.closedAt)));
        if (open) return { outcome: "open_course", course: open };
        await tx.insert(courses).values(newCourseValues(row, intake.emailIndex));
        await tx.insert(coursePhaseChanges).values({ courseId: row.id, fromPhase: "acute", toPhase: "acute", byUserId: row.openedBy, at: row.openedAt.toISOString() });
        await audit(event, row.openedAt);
        return { outcome: "created" };
      },
      { audited: true },
    );
  } catch (error) {
    if (isPgUniqueViolation(error, "courses_one_open_per_client")) return { outcome: "open_course" };
    throw error;
  }
}

async function readCourse(id: string): Promise<CourseRow | undefined> {
  const [row] = await getPgDb().select().from(courses).where(eq(courses.id, id));
  return row ? toCourseRow(row) : undefined;
}

async function listCoursesOfIntakes(intakeIds: readonly string[]): Promise<CourseRow[]> {
  if (intakeIds.length === 0) return [];
  const rows = await getPgDb().select().from(courses).where(inArray(courses.intakeId, [...intakeIds])).orderBy(desc(courses.openedAt), desc(courses.id));
  return rows.map(toCourseRow);
}

async function changePhase(courseId: string, change: PhaseChange): Promise<PhaseChangeResult> {
  return inPgTransaction(
    async (tx, audit): Promise<PhaseChangeResult> => {
      const [current] = await tx.select({ phase: courses.phase }).from(courses).where(eq(courses.id, courseId)).for("update");
      if (!current) return { outcome: "missing" };
      if (!change.allowed(current.phase)) return { outcome: "refused", from: current.phase };
      const at = change.at.toISOString();
      const ended = change.to === "ended";
      await tx
        .update(courses)
        .set({ phase: change.to, endReason: ended ? change.endReason : null, closedAt: ended ? at : null })
        .where(eq(courses.id, courseId));
      await tx.insert(coursePhaseChanges).values({ courseId, fromPhase: current.phase, toPhase: change.to, reason: change.endReason, byUserId: change.byUserId, at });
      await audit(change.audit(current.phase), change.at);
      return { outcome: "changed", from: current.phase };
    },
    { audited: true },
  );
}

async function listPhaseChanges(courseId: string): Promise<PhaseChangeRow[]> {
  const rows = await getPgDb().select().from(coursePhaseChanges).where(eq(coursePhaseChanges.courseId, courseId)).orderBy(asc(coursePhaseChanges.id));
  return rows.map(toPhaseChange);
}

async function insertSessionVersion(version: NewSessionVersion, event: AuditEvent): Promise<InsertSessionResult> {
  try {
    return await inPgTransaction(
      async (tx, audit): Promise<InsertSessionResult> => {
        const [course] = await tx.select({ phase: courses.phase }).from(courses).where(eq(courses.id, version.courseId)).for("share");
        if (!course) return "missing";
        const [latest] = await tx
          .select({ version: courseSessions.version })
          .from(courseSessions)
          .where(and(eq(courseSessions.courseId, version.courseId), eq(courseSessions.sessionId, version.sessionId)))
          .orderBy(desc(courseSessions.version))
          .limit(1);
        if (version.version === 1 ? latest !== undefined : latest?.version !== version.version - 1) return "stale";
        if (version.version === 1 && course.phase === "ended") return "ended";
        await tx.insert(courseSessions).values(sessionValues(version));
        await audit(event, version.recordedAt);
        return "stored";
      },
      { audited: true },
    );
  } catch (error) {
    if (isPgUniqueViolation(error, "course_sessions_version")) return "stale";
    throw error;
  }
}

async function listSessionVersions(courseId: string): Promise<SessionVersionRow[]> {
  const rows = await getPgDb()
    .select()
    .from(courseSessions)
    .where(eq(courseSessions.courseId, courseId))
    .orderBy(asc(courseSessions.recordedAt), asc(courseSessions.version), asc(courseSessions.id));
  return rows.map(toSessionVersion);
}

async function intakesWithCourseActiveSince(intakeIds: readonly string[], closedSince: string): Promise<string[]> {
  if (intakeIds.length === 0) return [];
  const rows = await getPgDb()
    .selectDistinct({ intakeId: courses.intakeId })
    .from(courses)
    .where(and(inArray(courses.intakeId, [...intakeIds]), or(isNull(courses.closedAt), gte(courses.closedAt, closedSince))));
  return rows.map((r) => r.intakeId);
}

async function listReportCourses(range: { from: string; to: string }): Promise<ReportCourseRow[]> {
  const rows = await getPgDb()
    .select({
      id: courses.id,
      startedOn: courses.startedOn,
      phase: courses.phase,
      endReason: courses.endReason,
      baselinePhq9: courses.baselinePhq9,
      outcomeFactsEnc: courses.outcomeFactsEnc,
      // Correlated on the outer row by name: drizzle leaves columns unqualified in a one-table select.
      reachedMaintenance: sql<boolean>`exists (select 1 from course_phase_changes p where p.course_id = "courses"."id" and p.to_phase = 'maintenance')`,
      sessions: sql<number>`(select count(distinct s.session_id)::int from course_sessions s where s.course_id = "courses"."id")`,
      checkins: sql<number>`(select count(*)::int from checkins k where k.course_id = "courses"."id")`,
    })
    .from(courses)
    .where(and(gte(courses.startedOn, range.from), lte(courses.startedOn, range.to)))
    .orderBy(asc(courses.startedOn), asc(courses.id));
  return rows.map(toReportCourseRow);
}

async function listCoursesWithoutOutcomeFacts(limit: number): Promise<string[]> {
  const rows = await getPgDb().select({ id: courses.id }).from(courses).where(isNull(courses.outcomeFactsEnc)).limit(limit);
  return rows.map((r) => r.id);
}

async function fillOutcomeFacts(courseId: string, compute: (source: OutcomeFactsSource) => unknown): Promise<boolean> {
  // Audited: takes the chain lock first, as a check-in submission does, so the two serialise.
  return inPgTransaction(
    async (tx) => {
      const [course] = await tx.select({ intakeId: courses.intakeId, outcomeFactsEnc: courses.outcomeFactsEnc }).from(courses).where(eq(courses.id, courseId)).for("update");
      if (!course || course.outcomeFactsEnc !== null) return false;
      const [intake] = await tx.select({ answersEnc: intakes.answersEnc }).from(intakes).where(eq(intakes.id, course.intakeId));
      const stored = await tx
        .select({ id: checkins.id, answersEnc: checkins.answersEnc, flagsEnc: checkins.flagsEnc })
        .from(checkins)
        .where(eq(checkins.courseId, courseId))
        .orderBy(asc(checkins.submittedAt), asc(checkins.id));
      const facts = compute({
        intakeAnswers: readEncryptedJson(intake!.answersEnc, intakeAad(course.intakeId, "answers")) as Record<string, unknown>,
        checkins: stored.map((c) => ({ answers: readEncryptedJson(c.answersEnc, checkinAad(c.id, "answers")), flags: readEncryptedJson(c.flagsEnc, checkinAad(c.id, "flags")) })),
      });
      await tx.update(courses).set({ outcomeFactsEnc: outcomeFactsEnc(courseId, facts) }).where(eq(courses.id, courseId));
      return true;
    },
    { audited: true },
  );
}

export const pgCourses: CoursesRepository = {
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
