import "server-only";
import { getConfig } from "@/lib/config";
import { recordAuditEvent } from "@/lib/audit/audit-log";
import { getIntakeById } from "@/lib/intake/intake-record";
import { formatDate } from "@/lib/questionnaire/format-answer";
import { calendarDateIn } from "@/lib/questionnaire/dates";
import { renderPdfInWorker } from "@/lib/pdf/render-pool";
import { checkinWhere, type ProgressSummaryInput } from "@/lib/pdf/progress-content";
import { actorOf, type Reviewer } from "@/lib/review/reviewer";
import type { ProgressLetter } from "@/lib/course-forms/progress-letter";
import { CourseConflict } from "./errors";
import { readCourseTimeline, type CourseTimeline, type TimelineEntry } from "./timeline";

/**
 * The course's progress summary PDF (treatment-course.md, "Outcomes"): for the clinical record,
 * or opened by a covering letter to the referring physician. Audited as course.progress_pdf (ids
 * and whether a letter was written, never its text); rendered in the PDF worker pool.
 */

type CheckinEntry = Extract<TimelineEntry, { kind: "checkin" }>;
type SessionEntry = Extract<TimelineEntry, { kind: "session" }>;

/**
 * Where the baseline came from: a check-in sent before the first session replaced it (the last
 * such one); else the intake's PHQ-9 when it is that number; else the therapist entered it.
 */
function baselineSource(timeline: CourseTimeline, sessions: SessionEntry[], checkins: CheckinEntry[], intake: { total?: number; submittedAt?: string }, timeZone: string): string {
  const firstRecorded = sessions.map((s) => [s.current, ...s.history].map((v) => v.recordedAt).sort()[0]!).sort()[0];
  const before = checkins.filter((c) => firstRecorded === undefined || c.submittedAt < firstRecorded).at(-1);
  const baseline = timeline.course.baselinePhq9;
  if (before && before.phq9.total === baseline) return `the ${checkinWhere(before.submittedAt, timeZone).toLowerCase()}, before the first session`;
  if (intake.total === baseline) return `the intake's PHQ-9${intake.submittedAt ? `, submitted ${formatDate(calendarDateIn(new Date(intake.submittedAt), timeZone))}` : ""}`;
  return `the value entered when the course was started${intake.total === undefined ? "" : ` (the intake's PHQ-9 was ${intake.total})`}`;
}

/** The PDF's input from the course as stored (oldest first), the outcome under the current rule set. */
async function progressSummaryInput(courseId: string, letter: (ProgressLetter & { from: string }) | undefined, now = new Date()): Promise<ProgressSummaryInput & { intakeId: string }> {
  const timeline = await readCourseTimeline(courseId);
  const config = getConfig();
  const intake = await getIntakeById(timeline.course.intakeId);
  if (!intake) throw new CourseConflict("This course's intake no longer exists");
  const oldestFirst = [...timeline.entries].reverse();
  const sessions = oldestFirst.filter((e): e is SessionEntry => e.kind === "session").sort((a, b) => a.date.localeCompare(b.date));
  const checkins = oldestFirst.filter((e): e is CheckinEntry => e.kind === "checkin").sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  const { course, assessment } = timeline;
  return {
    intakeId: course.intakeId,
    reference: intake.reference,
    clientName: String(intake.answers.full_name ?? ""),
    clinicName: config.clinicName,
    timeZone: config.timeZone,
    generatedAt: now.toISOString(),
    course: {
      startedOn: course.startedOn,
      phase: course.phase,
      endReason: course.endReason,
      plannedAcuteSessions: course.plannedAcuteSessions,
      baselinePhq9: course.baselinePhq9,
      baselineSource: baselineSource(timeline, sessions, checkins, { total: intake.assessment?.scores.phq9.total, submittedAt: intake.submittedAt }, config.timeZone),
    },
    phaseChanges: timeline.phaseChanges.map((p) => ({ from: p.from, to: p.to, reason: p.reason, at: p.at, byName: p.byName })),
    outcome: {
      latestPhq9: assessment.latestPhq9,
      changeFromBaseline: assessment.changeFromBaseline,
      percentChange: assessment.percentChange,
      outcome: assessment.outcome,
      flags: assessment.flags,
      ruleSetVersion: assessment.ruleSetVersion,
    },
    sessions: sessions.map((s) => ({
      record: s.current.record,
      mgPerKg: s.current.mgPerKg,
      flags: s.current.flags,
      ruleSetVersion: s.current.ruleSetVersion,
      corrections: [s.current, ...s.history]
        .filter((v) => v.correctionReason !== null)
        .sort((a, b) => a.version - b.version)
        .map((v) => ({ version: v.version, at: v.recordedAt, byName: v.recordedByName, reason: v.correctionReason! })),
    })),
    checkins: checkins.map((c) => ({ submittedAt: c.submittedAt, answers: c.answers, phq9: c.phq9, flags: c.flags, ruleSetVersion: c.ruleSetVersion })),
    letter: letter && { addressee: letter.addressee, paragraph: letter.paragraph, from: `${letter.from}, ${config.clinicName}` },
  };
}

/** The file's name: the intake reference and today's date, never a name. */
const filenameOf = (reference: string, day: string) => `course-progress-${reference.replace(/[^A-Z0-9-]/gi, "")}-${day}.pdf`;

/** Renders the progress summary in the worker pool; audited before it is made. Throws CourseConflict for a missing course. */
export async function renderProgressSummary(
  courseId: string,
  letter: ProgressLetter,
  therapist: Reviewer & { name: string },
  now = new Date(),
): Promise<{ pdf: Buffer; filename: string }> {
  const { intakeId, ...input } = await progressSummaryInput(courseId, letter && { ...letter, from: therapist.name }, now);
  await recordAuditEvent({
    action: "course.progress_pdf",
    ...actorOf(therapist),
    intakeId,
    detail: { course: courseId, letter: letter !== undefined, sessions: input.sessions.length, checkins: input.checkins.length },
  });
  const pdf = await renderPdfInWorker({ kind: "progress-summary", input });
  return { pdf, filename: filenameOf(input.reference, calendarDateIn(now, input.timeZone)) };
}
