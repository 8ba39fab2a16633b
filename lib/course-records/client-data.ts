import "server-only";
import * as courses from "@/db/repositories/courses";
import * as checkins from "@/db/repositories/checkins";

/**
 * The courses of an intake as the client's data export includes them: every course with its phase
 * changes, every version of every session record (corrections included), every check-in with its
 * answers and the flags stored with it, and the links sent (times only; tokens are never stored).
 * Deletion needs nothing here: every course table hangs off its intake by cascading foreign keys.
 */
export async function courseDataOfIntake(intakeId: string) {
  const result = [];
  for (const course of await courses.listCoursesOfIntakes([intakeId])) {
    result.push({
      id: course.id,
      startedOn: course.startedOn,
      phase: course.phase,
      plannedAcuteSessions: course.plannedAcuteSessions,
      baselinePhq9: course.baselinePhq9,
      endReason: course.endReason,
      openedAt: course.openedAt,
      closedAt: course.closedAt,
      phaseChanges: (await courses.listPhaseChanges(course.id)).map((p) => ({ from: p.from, to: p.to, reason: p.reason, at: p.at })),
      sessions: (await courses.listSessionVersions(course.id)).map((v) => ({
        session: v.sessionId,
        version: v.version,
        recordedAt: v.recordedAt,
        correctionReason: v.correctionReason,
        record: v.record,
        flags: v.flags,
        ruleSetVersion: v.ruleSetVersion,
      })),
      checkins: (await checkins.listCheckinsOfCourse(course.id)).map((c) => ({
        submittedAt: c.submittedAt,
        version: c.checkinVersion,
        answers: c.answers,
        flags: c.flags,
        ruleSetVersion: c.ruleSetVersion,
        acknowledgedAt: c.acknowledgedAt,
      })),
      checkinLinks: (await checkins.listRequestsOfCourse(course.id)).map((l) => ({ createdAt: l.createdAt, expiresAt: l.expiresAt, usedAt: l.usedAt, endedAt: l.endedAt })),
    });
  }
  return result;
}
