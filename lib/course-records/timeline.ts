import "server-only";
import * as courses from "@/db/repositories/courses";
import * as checkins from "@/db/repositories/checkins";
import { userNames } from "@/db/repositories/intake-review";
import { appendAuditEvents } from "@/db/repositories/audit-events";
import { assessCourse, doseMgPerKgShown, type CheckinAnswers, type CourseAssessment, type Flag, type SessionRecord } from "@/lib/course";
import { phq9Of } from "@/lib/course/intake-parts";
import { actorOf, type Reviewer } from "@/lib/review/reviewer";
import { currentCourseRuleSet } from "./context";
import { CourseConflict } from "./errors";

/**
 * A course as the therapist's course page shows it: sessions and check-ins newest first, each with
 * the flags stored when it was recorded (and the rule set that computed them), corrections with
 * who, when and why, phase changes, the links sent, and the course's outcome so far under the
 * current rule set (computed now, shown beside the stored flags, never stored over them).
 */

export interface SessionVersionView {
  version: number;
  record: SessionRecord;
  /** `dose_mg / weight_kg`, two decimals, as shown beside the dose. */
  mgPerKg: string;
  flags: Flag[];
  ruleSetVersion: string;
  recordedAt: string;
  recordedBy: string;
  recordedByName: string | null;
  /** Why this version corrected the one before (null for the first). */
  correctionReason: string | null;
}

export type TimelineEntry =
  | {
      kind: "session";
      sessionId: string;
      date: string;
      /** The latest version. */
      current: SessionVersionView;
      corrected: boolean;
      /** Earlier versions, newest first. */
      history: SessionVersionView[];
    }
  | {
      kind: "checkin";
      id: string;
      submittedAt: string;
      answers: CheckinAnswers;
      phq9: ReturnType<typeof phq9Of>;
      flags: Flag[];
      ruleSetVersion: string;
      needsAcknowledgement: boolean;
      acknowledgedAt: string | null;
      acknowledgedByName: string | null;
    };

export interface CourseTimeline {
  course: courses.CourseRow;
  entries: TimelineEntry[];
  phaseChanges: (courses.PhaseChangeRow & { byName: string | null })[];
  links: { id: string; createdAt: string; expiresAt: string; emailedAt: string | null; usedAt: string | null; endedAt: string | null; wrongDobTries: number }[];
  /** The course under the current rule set: course flags, latest PHQ-9, change, outcome. */
  assessment: CourseAssessment["course"] & { ruleSetVersion: string };
}

function versionView(v: courses.SessionVersionRow, nameOf: (id: string | null) => string | null): SessionVersionView {
  const record = v.record as SessionRecord;
  return {
    version: v.version,
    record,
    mgPerKg: doseMgPerKgShown(record),
    flags: v.flags as Flag[],
    ruleSetVersion: v.ruleSetVersion,
    recordedAt: v.recordedAt,
    recordedBy: v.recordedBy,
    recordedByName: nameOf(v.recordedBy),
    correctionReason: v.correctionReason,
  };
}

/** Sort key: a session's date, a check-in's instant (a session sorts after the check-ins of its own day, newest first). */
const keyOf = (e: TimelineEntry) => (e.kind === "session" ? e.date : e.submittedAt);

/** The course page's content; audited as course.view. */
export async function listCourseTimeline(courseId: string, reviewer: Reviewer): Promise<CourseTimeline> {
  const timeline = await readCourseTimeline(courseId);
  const sessions = timeline.entries.filter((e) => e.kind === "session").length;
  await appendAuditEvents([
    { action: "course.view", ...actorOf(reviewer), intakeId: timeline.course.intakeId, detail: { course: courseId, sessions, checkins: timeline.entries.length - sessions } },
  ]);
  return timeline;
}

/** One session's latest version, as its correction page starts from; audited as course.view (of that session). */
export async function sessionToCorrect(courseId: string, sessionId: string, reviewer: Reviewer): Promise<{ course: courses.CourseRow; sessionId: string; date: string; current: SessionVersionView }> {
  const course = await courses.readCourse(courseId);
  if (!course) throw new CourseConflict("This course no longer exists");
  const latest = (await courses.listSessionVersions(courseId)).filter((v) => v.sessionId === sessionId).sort((a, b) => a.version - b.version).at(-1);
  if (!latest) throw new CourseConflict("This session does not exist in this course");
  await appendAuditEvents([{ action: "course.view", ...actorOf(reviewer), intakeId: course.intakeId, detail: { course: courseId, session: sessionId, part: "session_correction" } }]);
  const names = await userNames([latest.recordedBy]);
  const current = versionView(latest, (id) => (id ? (names.get(id) ?? null) : null));
  return { course, sessionId, date: current.record.session_date, current };
}

/** The same content, not audited: for a caller that audits its own use of it (the progress PDF). */
export async function readCourseTimeline(courseId: string): Promise<CourseTimeline> {
  const course = await courses.readCourse(courseId);
  if (!course) throw new CourseConflict("This course no longer exists");
  const [versions, stored, phaseChanges, links] = await Promise.all([
    courses.listSessionVersions(courseId),
    checkins.listCheckinsOfCourse(courseId),
    courses.listPhaseChanges(courseId),
    checkins.listRequestsOfCourse(courseId),
  ]);
  const names = await userNames([...versions.map((v) => v.recordedBy), ...stored.flatMap((c) => (c.acknowledgedBy ? [c.acknowledgedBy] : [])), ...phaseChanges.map((p) => p.byUserId)]);
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);

  const bySession = new Map<string, courses.SessionVersionRow[]>();
  for (const v of versions) bySession.set(v.sessionId, [...(bySession.get(v.sessionId) ?? []), v]);
  const sessionEntries: TimelineEntry[] = [...bySession].map(([sessionId, all]) => {
    const sorted = [...all].sort((a, b) => a.version - b.version).map((v) => versionView(v, nameOf));
    const current = sorted.at(-1)!;
    return { kind: "session", sessionId, date: current.record.session_date, current, corrected: sorted.length > 1, history: sorted.slice(0, -1).reverse() };
  });
  const checkinEntries: TimelineEntry[] = stored.map((c) => ({
    kind: "checkin",
    id: c.id,
    submittedAt: c.submittedAt,
    answers: c.answers as CheckinAnswers,
    phq9: phq9Of(c.answers as Record<string, unknown>),
    flags: c.flags as Flag[],
    ruleSetVersion: c.ruleSetVersion,
    needsAcknowledgement: c.needsAcknowledgement,
    acknowledgedAt: c.acknowledgedAt,
    acknowledgedByName: nameOf(c.acknowledgedBy),
  }));
  const entries = [...sessionEntries, ...checkinEntries].sort((a, b) => keyOf(b).localeCompare(keyOf(a)));

  const ruleSet = currentCourseRuleSet();
  const sessionsInOrder = sessionEntries.flatMap((e) => (e.kind === "session" ? [e.current.record] : [])).sort((a, b) => a.session_date.localeCompare(b.session_date));
  const assessed = assessCourse(
    { baselinePhq9: course.baselinePhq9, plannedAcuteSessions: course.plannedAcuteSessions, sessions: sessionsInOrder, checkins: stored.map((c) => ({ answers: c.answers as CheckinAnswers })) },
    ruleSet,
  );

  return {
    course,
    entries,
    phaseChanges: phaseChanges.map((p) => ({ ...p, byName: nameOf(p.byUserId) })),
    links: links.map((l) => ({ id: l.id, createdAt: l.createdAt, expiresAt: l.expiresAt, emailedAt: l.emailedAt, usedAt: l.usedAt, endedAt: l.endedAt, wrongDobTries: l.wrongDobTries })),
    assessment: { ...assessed.course, ruleSetVersion: ruleSet.version },
  };
}
